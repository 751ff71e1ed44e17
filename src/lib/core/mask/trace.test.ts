import { describe, expect, it } from 'vitest';
import { maskFromRings, maskTrace, ringArea, ringSimplify } from './trace';

/** A seeded generator (mulberry32), so every run draws the same masks. */
function rng(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Blobs: discs and rings (with holes) at random, plus single pixels, on a w × h grid. */
function blobs(w: number, h: number, seed: number): Uint8Array {
	const r = rng(seed);
	const m = new Uint8Array(w * h);
	for (let n = 0; n < 6; n++) {
		const cx = r() * w;
		const cy = r() * h;
		const ro = 4 + r() * 20;
		const ri = r() < 0.5 ? ro * 0.5 : 0;
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++) {
				const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
				if (d < ro && d >= ri) m[y * w + x] = 1;
			}
	}
	for (let n = 0; n < 30; n++) m[Math.floor(r() * w * h)] = 1;
	return m;
}

/** Pixels that differ, each farther than 1 px (8-neighbourhood) from the other class. */
function movedFar(a: Uint8Array, b: Uint8Array, w: number, h: number): number {
	let far = 0;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			if (a[i] === b[i]) continue;
			let border = false;
			for (let dy = -1; dy <= 1 && !border; dy++)
				for (let dx = -1; dx <= 1; dx++) {
					const X = x + dx;
					const Y = y + dy;
					if (X < 0 || Y < 0 || X >= w || Y >= h || a[Y * w + X] !== a[i]) border = true;
				}
			if (!border) far++;
		}
	return far;
}

describe('mask ↔ polygons', () => {
	it('traces outlines that fill back to exactly the same pixels', () => {
		for (let seed = 1; seed <= 8; seed++) {
			const w = 90;
			const h = 70;
			const m = blobs(w, h, seed);
			const rings = maskTrace(w, h, (i) => m[i] === 1);
			const back = maskFromRings(w, h, rings);
			expect(
				back.every((v, i) => v === m[i]),
				`seed ${seed}`
			).toBe(true);
		}
	});

	it('keeps holes as rings of the other orientation', () => {
		const w = 9;
		const h = 9;
		const m = new Uint8Array(w * h);
		for (let y = 1; y < 8; y++) for (let x = 1; x < 8; x++) m[y * w + x] = 1;
		for (let y = 3; y < 6; y++) for (let x = 3; x < 6; x++) m[y * w + x] = 0;
		const rings = maskTrace(w, h, (i) => m[i] === 1);
		expect(rings.map((r) => ringArea(r)).sort((a, b) => a - b)).toEqual([-9, 49]);
		expect(rings.map((r) => r.length)).toEqual([4, 4]);
		expect(maskFromRings(w, h, rings)).toEqual(m);
	});

	it('keeps pixels that touch only at a corner apart, as the fill does', () => {
		const m = Uint8Array.from([1, 0, 0, 1]);
		const rings = maskTrace(2, 2, (i) => m[i] === 1);
		expect(rings).toHaveLength(2);
		expect(rings.every((r) => ringArea(r) === 1)).toBe(true);
	});

	it('simplifies outlines without moving any pixel more than 1 px', () => {
		let before = 0;
		let after = 0;
		for (let seed = 1; seed <= 8; seed++) {
			const w = 120;
			const h = 90;
			const m = blobs(w, h, seed);
			const rings = maskTrace(w, h, (i) => m[i] === 1);
			const simple = rings.map((r) => ringSimplify(r, 0.7));
			before += rings.reduce((n, r) => n + r.length, 0);
			after += simple.reduce((n, r) => n + r.length, 0);
			const back = maskFromRings(w, h, simple);
			expect(movedFar(m, back, w, h), `seed ${seed}`).toBe(0);
		}
		expect(after).toBeLessThan(before * 0.75);
	});
});

describe('mask smoothing', () => {
	it('takes a one-pixel bump off a straight edge and leaves other masks alone', async () => {
		const { maskSmooth } = await import('./smooth');
		const { maskPlaneNew } = await import('./plane');
		const p = maskPlaneNew(40, 20);
		for (let y = 5; y < 15; y++) for (let x = 5; x < 35; x++) p.data[y * 40 + x] = 1;
		p.data[4 * 40 + 20] = 1;
		p.data[4 * 40 + 21] = 2;
		expect(maskSmooth(p, 1, 1.5)).toBe(true);
		expect(p.data[4 * 40 + 20]).toBe(0);
		expect(p.data[4 * 40 + 21]).toBe(2);
		expect(p.data.filter((v) => v === 1)).toHaveLength(300);
	});
});
