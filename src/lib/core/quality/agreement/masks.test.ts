import { describe, expect, it } from 'vitest';
import { maskPlaneNew } from '../../mask/plane';
import { masksValueFrom } from '../../mask/value';
import type { LabelId } from '../../types';
import { maskAgreement } from './masks';

const L = (s: string) => s as LabelId;

/** A 10 × 10 value with a `label` mask over rows `[y0, y1)` (and a tree mask in row 9). */
function rows(label: string, y0: number, y1: number) {
	const p = maskPlaneNew(10, 10);
	p.data.fill(1, y0 * 10, y1 * 10);
	p.data.fill(2, 90, 100);
	return masksValueFrom(p, [
		{ id: 'a', label: L(label) },
		{ id: 't', label: L('tree') }
	]).value;
}

describe('mask agreement', () => {
	it('gives IoU and Dice per label, pooled over images', () => {
		// Image 1: sky rows 0–3 against rows 2–5 (2 rows shared of 6); image 2: the same rows.
		const r = maskAgreement([
			{ a: rows('sky', 0, 4), b: rows('sky', 2, 6) },
			{ a: rows('sky', 0, 4), b: rows('sky', 0, 4) }
		]);
		const sky = r.find((x) => x.label === 'sky');
		expect(sky).toMatchObject({ a: 80, b: 80, both: 60 });
		expect(sky?.iou).toBeCloseTo(60 / 100);
		expect(sky?.dice).toBeCloseTo(120 / 160);
		expect(r.find((x) => x.label === 'tree')?.iou).toBe(1);
	});

	it('counts a label only one annotator used as no overlap, and skips images of other sizes', () => {
		const r = maskAgreement([{ a: rows('sky', 0, 2), b: rows('sea', 0, 2) }]);
		expect(r.find((x) => x.label === 'sky')?.iou).toBe(0);
		expect(r.find((x) => x.label === 'sea')?.iou).toBe(0);
		const other = { ...rows('sky', 0, 2), w: 5, h: 20 };
		expect(maskAgreement([{ a: rows('sky', 0, 2), b: other }])).toEqual([]);
	});
});
