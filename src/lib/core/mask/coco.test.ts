import { describe, expect, it } from 'vitest';
import { cocoRleFrom, cocoRleRuns } from './coco';
import { maskDice, maskIou } from './iou';
import { maskRuns } from './rle';

describe('COCO RLE', () => {
	it('reads pixels in columns as pycocotools does', () => {
		// 3 wide × 2 high, on pixels at (1, 0) and (1, 1): one whole column, the second.
		const runs = maskRuns(6, (i) => i % 3 === 1);
		const rle = cocoRleFrom(runs, 3, 2);
		expect(rle.size).toEqual([2, 3]);
		// Column-major: off 2 (column 0), on 2 (column 1), off 2.
		expect(cocoRleRuns({ size: [2, 3], counts: [2, 2, 2] }).runs).toEqual(runs);
		expect(cocoRleRuns(rle)).toEqual({ w: 3, h: 2, runs });
	});

	it('round-trips every pixel of a mask', () => {
		const w = 37;
		const h = 23;
		const runs = maskRuns(w * h, (i) => (i * 7919) % 13 < 5 || (i > 300 && i < 420));
		const back = cocoRleRuns(JSON.parse(JSON.stringify(cocoRleFrom(runs, w, h))));
		expect(back.runs).toEqual(runs);
	});

	it('refuses counts that do not cover the size', () => {
		expect(() => cocoRleRuns({ size: [2, 3], counts: [2, 2] })).toThrow(/cover/);
		expect(() => cocoRleRuns({ size: [2], counts: [6] })).toThrow(/size/);
		expect(() => cocoRleRuns({ size: [2, 3], counts: [2, -1, 5] })).toThrow(/numbers/);
	});
});

describe('mask agreement', () => {
	it('gives IoU and Dice of two overlapping masks', () => {
		// 10 pixels; a = pixels 0–5, b = pixels 3–8: 3 shared, union 9.
		const a = maskRuns(10, (i) => i < 6);
		const b = maskRuns(10, (i) => i >= 3 && i < 9);
		expect(maskIou(a, b)).toBeCloseTo(3 / 9);
		expect(maskDice(a, b)).toBeCloseTo(6 / 12);
		expect(maskIou(a, a)).toBe(1);
		expect(maskIou([10], [10])).toBe(1);
		expect(maskIou(a, [10])).toBe(0);
	});
});
