import { describe, expect, it } from 'vitest';
import { iou, rectClamp, rectContains, rectCorners, rectFromCorners, rectResize } from './box';

describe('boxes', () => {
	it('normalises a drag in any direction', () => {
		expect(rectFromCorners([50, 40], [10, 10])).toEqual({ x: 10, y: 10, w: 40, h: 30 });
	});

	it('computes IoU of disjoint, identical, nested and half-overlapping boxes', () => {
		const a = { x: 0, y: 0, w: 10, h: 10 };
		expect(iou(a, { x: 20, y: 20, w: 5, h: 5 })).toBe(0);
		expect(iou(a, a)).toBe(1);
		expect(iou(a, { x: 0, y: 0, w: 5, h: 10 })).toBeCloseTo(0.5);
		expect(iou(a, { x: 5, y: 0, w: 10, h: 10 })).toBeCloseTo(50 / 150);
		expect(iou(a, { x: 0, y: 0, w: 0, h: 10 })).toBe(0);
	});

	it('computes IoU of rotated boxes by polygon clipping', () => {
		const a = { x: 0, y: 0, w: 10, h: 10 };
		// A square rotated by 90° is the same square.
		expect(iou(a, { ...a, rotation: 90 })).toBeCloseTo(1, 6);
		// A square and the same square at 45°: intersection is a regular octagon.
		const octagon = 2 * (1 + Math.SQRT2) * (10 / (1 + Math.SQRT2)) ** 2;
		expect(iou(a, { ...a, rotation: 45 })).toBeCloseTo(octagon / (200 - octagon), 6);
	});

	it('clamps boxes into the image', () => {
		expect(rectClamp({ x: -5, y: 90, w: 20, h: 20 }, 100, 100)).toEqual({
			x: 0,
			y: 80,
			w: 20,
			h: 20
		});
		expect(rectClamp({ x: 0, y: 0, w: 200, h: 5 }, 100, 100)).toEqual({ x: 0, y: 0, w: 100, h: 5 });
	});

	it('hit-tests rotated boxes', () => {
		const r = { x: 0, y: 40, w: 100, h: 20, rotation: 90 };
		expect(rectContains(r, [50, 5])).toBe(true);
		expect(rectContains(r, [5, 50])).toBe(false);
		const c = rectCorners(r);
		expect(c[0]?.[0]).toBeCloseTo(60);
		expect(c[0]?.[1]).toBeCloseTo(0);
	});

	it('resizes by a handle and flips past the opposite edge', () => {
		const r = { x: 10, y: 10, w: 20, h: 20 };
		expect(rectResize(r, 'se', 5, 5)).toEqual({ x: 10, y: 10, w: 25, h: 25 });
		expect(rectResize(r, 'w', 30, 0)).toEqual({ x: 30, y: 10, w: 10, h: 20 });
		expect(rectResize(r, 'n', 0, -10)).toEqual({ x: 10, y: 0, w: 20, h: 30 });
	});
});
