/**
 * Overlap of two masks given as row-major runs over the same grid: intersection over union
 * (Jaccard 1901) and Dice (Dice 1945, 2|A∩B| / (|A| + |B|)). Two empty masks agree fully.
 */

/** Areas of both masks and of their intersection, walking both run lists once. */
export function maskOverlap(
	a: readonly number[],
	b: readonly number[]
): { a: number; b: number; both: number } {
	let ia = 0;
	let ib = 0;
	let endA = a[0] ?? 0;
	let endB = b[0] ?? 0;
	let at = 0;
	let areaA = 0;
	let areaB = 0;
	let both = 0;
	for (;;) {
		while (ia < a.length && endA <= at) endA += a[++ia] ?? 0;
		while (ib < b.length && endB <= at) endB += b[++ib] ?? 0;
		if (ia >= a.length && ib >= b.length) break;
		const next = Math.min(ia < a.length ? endA : Infinity, ib < b.length ? endB : Infinity);
		const n = next - at;
		const onA = ia < a.length && ia % 2 === 1;
		const onB = ib < b.length && ib % 2 === 1;
		if (onA) areaA += n;
		if (onB) areaB += n;
		if (onA && onB) both += n;
		at = next;
	}
	return { a: areaA, b: areaB, both };
}

/** Intersection over union, 0 … 1. */
export function maskIou(a: readonly number[], b: readonly number[]): number {
	const o = maskOverlap(a, b);
	const union = o.a + o.b - o.both;
	return union === 0 ? 1 : o.both / union;
}

/** Dice coefficient, 0 … 1. */
export function maskDice(a: readonly number[], b: readonly number[]): number {
	const o = maskOverlap(a, b);
	return o.a + o.b === 0 ? 1 : (2 * o.both) / (o.a + o.b);
}
