import { describe, expect, it } from 'vitest';
import { Viewport } from './viewport.svelte';

describe('viewport', () => {
	it('fits the image centred until the view is measured, then keeps zoom and pan', () => {
		const v = new Viewport(() => ({ w: 200, h: 100 }));
		expect(v.transform).toBe('translate(0 0) scale(1)');
		v.widthSet(400);
		v.heightSet(400);
		expect([v.scale, v.tx, v.ty]).toEqual([2, 0, 100]);
		// Zooming keeps the image point under the cursor still.
		const under = v.toImage(100, 150);
		v.zoomAt(2, 100, 150);
		expect(v.scale).toBe(4);
		expect(v.toImage(100, 150)).toEqual(under);
		v.panBy(10, -5);
		expect(v.toView(under)).toEqual([110, 145]);
		v.zoomCenter(0.5);
		expect(v.scale).toBe(2);
	});

	it('clamps zoom to a range around the fitted scale and fits again on resize or on demand', () => {
		const v = new Viewport(() => ({ w: 100, h: 100 }));
		v.widthSet(100);
		v.heightSet(100);
		v.zoomAt(0.01, 50, 50);
		expect(v.scale).toBe(0.25);
		v.zoomAt(1e6, 50, 50);
		expect(v.scale).toBe(40);
		v.widthSet(200);
		expect([v.scale, v.tx, v.ty]).toEqual([1, 50, 0]);
		v.panBy(5, 5);
		v.fit();
		expect([v.scale, v.tx, v.ty]).toEqual([1, 50, 0]);
	});
});
