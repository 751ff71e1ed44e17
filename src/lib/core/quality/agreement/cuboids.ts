/**
 * Cuboid agreement between two annotators of point cloud frames: cuboids are matched one-to-one
 * by rotated 3D IoU (greedy, highest first, same label, above a threshold), as boxes are in 2D
 * (boxes.ts), and summed per label over the frames: F1 of the matches and their mean IoU.
 */
import { cuboidIou } from '../../cloud/cuboid';
import type { Cuboid, LabelId } from '../../types';

export interface CuboidAgreement {
	matches: number;
	countA: number;
	countB: number;
	/** 2·matches / (countA + countB); 1 when both are empty. */
	f1: number;
	/** Mean 3D IoU over matched pairs (NaN without matches). */
	meanIou: number;
}

/** Matched pairs `[indexA, indexB, iou]` of the same label with IoU ≥ `threshold` (default 0.5). */
export function cuboidMatches(
	a: readonly Cuboid[],
	b: readonly Cuboid[],
	threshold = 0.5
): [number, number, number][] {
	const candidates: [number, number, number][] = [];
	a.forEach((x, i) =>
		b.forEach((y, j) => {
			if (x.label !== y.label) return;
			const iou = cuboidIou(x, y);
			if (iou >= threshold && iou > 0) candidates.push([i, j, iou]);
		})
	);
	candidates.sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
	const [usedA, usedB] = [new Set<number>(), new Set<number>()];
	const out: [number, number, number][] = [];
	for (const c of candidates) {
		if (usedA.has(c[0]) || usedB.has(c[1])) continue;
		usedA.add(c[0]);
		usedB.add(c[1]);
		out.push(c);
	}
	return out;
}

/** Agreement per label between two annotators over the frames both labeled. */
export function cuboidAgreementByLabel(
	frames: readonly { a: readonly Cuboid[]; b: readonly Cuboid[] }[],
	threshold = 0.5
): Map<LabelId, CuboidAgreement> {
	const acc = new Map<LabelId, { matches: number; countA: number; countB: number; iou: number }>();
	const of = (l: LabelId) => {
		let x = acc.get(l);
		if (!x) acc.set(l, (x = { matches: 0, countA: 0, countB: 0, iou: 0 }));
		return x;
	};
	for (const f of frames) {
		for (const c of f.a) of(c.label).countA++;
		for (const c of f.b) of(c.label).countB++;
		for (const [i, , iou] of cuboidMatches(f.a, f.b, threshold)) {
			const x = of(f.a[i]!.label);
			x.matches++;
			x.iou += iou;
		}
	}
	const out = new Map<LabelId, CuboidAgreement>();
	for (const [l, x] of acc) {
		const n = x.countA + x.countB;
		out.set(l, {
			matches: x.matches,
			countA: x.countA,
			countB: x.countB,
			f1: n ? (2 * x.matches) / n : 1,
			meanIou: x.matches ? x.iou / x.matches : NaN
		});
	}
	return out;
}
