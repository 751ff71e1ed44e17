/**
 * Bounding-box agreement: boxes are matched one-to-one by intersection over union (greedy,
 * highest IoU first, as in the PASCAL VOC / COCO detection evaluation), only between boxes with
 * the same label unless told otherwise, and only above an IoU threshold.
 *
 * M. Everingham et al. The PASCAL Visual Object Classes (VOC) Challenge. IJCV 88:303–338, 2010.
 */
import type { Box } from '../rules/types';

/** Intersection over union of two boxes, in [0, 1] (0 for boxes without area). */
export function boxIou(a: Box, b: Box): number {
	const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
	const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
	const inter = ix * iy;
	const union = a.w * a.h + b.w * b.h - inter;
	return union > 0 ? inter / union : 0;
}

export interface BoxAgreementOptions {
	/** Minimum IoU for a match. Default 0.5. */
	threshold?: number;
	/** Require equal labels to match. Default true. */
	matchLabels?: boolean;
}

export interface BoxAgreement {
	matches: number;
	countA: number;
	countB: number;
	/** 2·matches / (countA + countB); 1 when both are empty. */
	f1: number;
	/** Mean IoU over matched pairs (NaN without matches). */
	meanIou: number;
}

/** Matched pairs `[indexA, indexB, iou]` between two box lists. */
export function boxMatches(
	a: readonly Box[],
	b: readonly Box[],
	options: BoxAgreementOptions = {}
): [number, number, number][] {
	const threshold = options.threshold ?? 0.5;
	const matchLabels = options.matchLabels ?? true;
	const candidates: [number, number, number][] = [];
	a.forEach((x, i) =>
		b.forEach((y, j) => {
			if (matchLabels && x.label !== y.label) return;
			const iou = boxIou(x, y);
			if (iou >= threshold && iou > 0) candidates.push([i, j, iou]);
		})
	);
	candidates.sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
	const usedA = new Set<number>();
	const usedB = new Set<number>();
	const out: [number, number, number][] = [];
	for (const c of candidates) {
		if (usedA.has(c[0]) || usedB.has(c[1])) continue;
		usedA.add(c[0]);
		usedB.add(c[1]);
		out.push(c);
	}
	return out;
}

/** Box F1 and mean IoU between two annotators over one or many images (pooled counts). */
export function boxAgreement(
	images: readonly { a: readonly Box[]; b: readonly Box[] }[],
	options: BoxAgreementOptions = {}
): BoxAgreement {
	let matches = 0;
	let countA = 0;
	let countB = 0;
	let iouSum = 0;
	for (const img of images) {
		const m = boxMatches(img.a, img.b, options);
		matches += m.length;
		for (const [, , iou] of m) iouSum += iou;
		countA += img.a.length;
		countB += img.b.length;
	}
	const total = countA + countB;
	return {
		matches,
		countA,
		countB,
		f1: total === 0 ? 1 : (2 * matches) / total,
		meanIou: matches > 0 ? iouSum / matches : NaN
	};
}
