/**
 * Mask agreement between two annotators, per label: the pixels each gave a label (all their
 * masks of that label together) compared by intersection over union (Jaccard 1901) and Dice
 * (Dice 1945), pooled over images (summed intersections over summed unions, as the COCO and
 * Cityscapes segmentation benchmarks pool IoU per class).
 */
import { maskOverlap } from '../../mask/iou';
import { maskRuns, maskRunsPaint } from '../../mask/rle';
import { maskRegionRuns } from '../../mask/value';
import type { MasksValue } from '../../types';

export interface MaskLabelAgreement {
	label: string;
	/** Pooled IoU in [0, 1]; 1 when neither annotator used the label. */
	iou: number;
	dice: number;
	/** Pixels of the label: the first annotator's, the second's, both. */
	a: number;
	b: number;
	both: number;
}

/** Row-major runs of every pixel a value gives `label`. */
function labelRuns(
	v: MasksValue,
	label: string,
	code: (sha: string) => string | undefined
): number[] {
	const ms = v.masks.filter((m) => m.label === label);
	if (ms.length === 1) return maskRegionRuns(v, ms[0] as MasksValue['masks'][0], code);
	const grid = new Uint8Array(v.w * v.h);
	for (const m of ms) maskRunsPaint(maskRegionRuns(v, m, code), grid, 1);
	return maskRuns(grid.length, (i) => grid[i] === 1);
}

/**
 * Per-label IoU and Dice between two annotators over images where both answered; images whose
 * masks differ in size are left out. `code` gives the code of a mask kept as a blob.
 */
export function maskAgreement(
	images: readonly { a: MasksValue; b: MasksValue }[],
	code: (sha: string) => string | undefined = () => undefined
): MaskLabelAgreement[] {
	const sums = new Map<string, { a: number; b: number; both: number }>();
	for (const { a, b } of images) {
		if (a.w !== b.w || a.h !== b.h) continue;
		const labels = new Set([...a.masks, ...b.masks].map((m) => m.label as string));
		for (const l of labels) {
			const o = maskOverlap(labelRuns(a, l, code), labelRuns(b, l, code));
			const s = sums.get(l) ?? { a: 0, b: 0, both: 0 };
			sums.set(l, { a: s.a + o.a, b: s.b + o.b, both: s.both + o.both });
		}
	}
	return [...sums].map(([label, s]) => {
		const union = s.a + s.b - s.both;
		return {
			label,
			...s,
			iou: union === 0 ? 1 : s.both / union,
			dice: s.a + s.b === 0 ? 1 : (2 * s.both) / (s.a + s.b)
		};
	});
}
