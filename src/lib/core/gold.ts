/**
 * Gold items in an annotator's queue (issue 8): every annotator sees every gold item, whatever the
 * assignment, spread through their queue so that about `rate` of what they label is gold. Gold
 * positions are fixed by the queue length, so the queue stays stable while people label.
 */

/**
 * `order` without gold items, with every gold item of `all` (in `all`'s order) inserted at even
 * spacing: the k-th gold item lands after about (k + 1) · (1 − rate) / rate regular items.
 * With `rate` ≤ 0 the gold items keep their place in `order` (they are ordinary items then).
 */
export function goldMix<T>(
	order: readonly T[],
	all: readonly T[],
	gold: ReadonlySet<T>,
	rate: number
): T[] {
	if (gold.size === 0 || !(rate > 0)) return [...order];
	const regular = order.filter((x) => !gold.has(x));
	const golds = all.filter((x) => gold.has(x));
	const r = Math.min(rate, 1);
	const every = (1 - r) / r;
	const out: T[] = [];
	let g = 0;
	for (let i = 0; i <= regular.length; i++) {
		while (g < golds.length && (g + 1) * every <= i + 1e-9) out.push(golds[g++] as T);
		if (i < regular.length) out.push(regular[i] as T);
	}
	while (g < golds.length) out.push(golds[g++] as T);
	return out;
}
