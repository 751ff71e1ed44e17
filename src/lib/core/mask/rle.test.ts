import { describe, expect, it } from 'vitest';
import { maskRleRuns, maskRleText, maskRuns, maskRunsBox, maskRunsPaint } from './rle';

describe('mask run-length codes', () => {
	it('starts with the off run and alternates', () => {
		const bits = [1, 1, 0, 0, 0, 1];
		expect(maskRuns(bits.length, (i) => bits[i] === 1)).toEqual([0, 2, 3, 1]);
	});

	it('matches pycocotools on a known string', () => {
		// pycocotools: rleToString of counts [3, 5, 2, 10, 1]; the fifth is coded as 1 - 2 = -1 ('O').
		expect(maskRleText([3, 5, 2, 10, 1])).toBe('3525O');
		expect(maskRleRuns('3525O')).toEqual([3, 5, 2, 10, 1]);
	});

	it('round-trips counts up to a 40,000² image and back', () => {
		const runs = [0, 1_600_000_000 - 7, 3, 4, 0];
		expect(maskRleRuns(maskRleText(runs))).toEqual(runs);
		const many = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
		expect(maskRleRuns(maskRleText(many))).toEqual(many);
	});

	it('refuses a code cut in the middle of a count', () => {
		expect(() => maskRleRuns('\x70')).toThrow(RangeError);
		expect(() => maskRleRuns('3 ')).toThrow(RangeError);
	});

	it('paints runs back onto a grid', () => {
		const out = maskRunsPaint([1, 2, 1, 1], new Uint8Array(5), 7);
		expect([...out]).toEqual([0, 7, 7, 0, 7]);
	});

	it('gives the box and area of the on pixels', () => {
		// 4 × 3 grid; on pixels at (1,0), (2,0) and (3,1), (0,2).
		const on = new Set([1, 2, 7, 8]);
		const runs = maskRuns(12, (i) => on.has(i));
		expect(maskRunsBox(runs, 4)).toEqual({ bbox: [0, 0, 4, 3], area: 4 });
		expect(
			maskRunsBox(
				maskRuns(12, (i) => i === 5 || i === 6),
				4
			)
		).toEqual({
			bbox: [1, 1, 2, 1],
			area: 2
		});
		expect(maskRunsBox([12], 4)).toEqual({ bbox: [0, 0, 0, 0], area: 0 });
	});
});
