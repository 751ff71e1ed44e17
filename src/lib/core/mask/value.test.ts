import { describe, expect, it } from 'vitest';
import type { LabelId } from '../types';
import {
	maskPlaneDrop,
	maskPlaneFrom,
	maskPlaneNew,
	maskPlaneRuns,
	maskPlaneRunsOf
} from './plane';
import { MaskCodeError, maskRegionRuns, masksValueFrom } from './value';

const A = 'a' as LabelId;
const B = 'b' as LabelId;

describe('masks as values', () => {
	it('reads every mask of a plane in one pass, as reading them one by one does', () => {
		const p = maskPlaneNew(7, 5);
		for (let i = 0; i < p.data.length; i++) p.data[i] = (i * 13) % 4;
		const all = maskPlaneRuns(p, 3);
		for (let k = 1; k <= 3; k++) expect(all[k - 1]).toEqual(maskPlaneRunsOf(p, k));
	});

	it('keeps small masks inline and puts big ones in blobs, and reads both back', () => {
		const p = maskPlaneNew(300, 300);
		p.data.fill(1, 0, 300 * 10);
		// Mask 2: a checkerboard of 1 px squares over 50 rows, far too long to stay inline.
		for (let i = 300 * 100; i < 300 * 150; i++) if ((i + Math.floor(i / 300)) % 2) p.data[i] = 2;
		const { value, blobs } = masksValueFrom(p, [
			{ id: 'x', label: A },
			{ id: 'y', label: B, attrs: { occluded: true } }
		]);
		expect(value.masks[0]?.rle).toBeDefined();
		expect(value.masks[0]?.bbox).toEqual([0, 0, 300, 10]);
		expect(value.masks[0]?.area).toBe(3000);
		expect(value.masks[1]?.blob).toBe(blobs[0]?.sha256);
		expect(value.masks[1]?.attrs).toEqual({ occluded: true });
		const texts = new Map(blobs.map((b) => [b.sha256, b.text]));
		const back = maskPlaneFrom(
			300,
			300,
			value.masks.map((m) => maskRegionRuns(value, m, (s) => texts.get(s)))
		);
		expect(back.data.every((v, i) => v === p.data[i])).toBe(true);
	});

	it('leaves out masks without pixels', () => {
		const p = maskPlaneNew(4, 4);
		p.data[5] = 2;
		const { value } = masksValueFrom(p, [
			{ id: 'x', label: A },
			{ id: 'y', label: B }
		]);
		expect(value.masks.map((m) => m.id)).toEqual(['y']);
	});

	it('says so when a blob is missing or a code does not fit the image', () => {
		const p = maskPlaneNew(4, 4);
		p.data[5] = 1;
		const { value } = masksValueFrom(p, [{ id: 'x', label: A }], 0);
		expect(() => maskRegionRuns(value, value.masks[0]!, () => undefined)).toThrow(MaskCodeError);
		const wrong = { ...value, w: 5 };
		const m = { ...value.masks[0]!, rle: '0' };
		expect(() => maskRegionRuns(wrong, m, () => undefined)).toThrow(/does not fit/);
	});

	it('drops a mask and renumbers the ones above it', () => {
		const p = maskPlaneNew(3, 1);
		p.data.set([1, 2, 3]);
		maskPlaneDrop(p, 2);
		expect([...p.data]).toEqual([1, 0, 2]);
	});
});
