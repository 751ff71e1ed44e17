import { describe, expect, it } from 'vitest';
import { minMaxColumns, minMaxPyramid, minMaxRange, timeIndex } from './decimate';

/** A seeded xorshift, so a failure repeats. */
function rng(seed: number) {
	let x = seed;
	return () => {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		return ((x >>> 0) % 1e6) / 1e6;
	};
}

describe('min/max decimation', () => {
	it('gives the same min and max as a scan for any range (seed 7)', () => {
		const r = rng(7);
		const v = Float32Array.from({ length: 5000 }, () => r() * 100 - 50);
		v[1234] = NaN;
		const p = minMaxPyramid(v);
		for (let k = 0; k < 300; k++) {
			const i = Math.floor(r() * 5000);
			const j = i + Math.floor(r() * (5000 - i));
			let lo = NaN;
			let hi = NaN;
			for (let x = i; x < j; x++) {
				const s = v[x] as number;
				if (s !== s) continue;
				lo = lo !== lo || s < lo ? s : lo;
				hi = hi !== hi || s > hi ? s : hi;
			}
			expect(minMaxRange(p, i, j), `seed 7, range ${i}..${j}`).toEqual([lo, hi]);
		}
	});

	it('keeps a one-sample spike visible at any zoom', () => {
		const n = 1_000_000;
		const v = new Float32Array(n);
		v[777_777] = 9;
		const time = Float64Array.from({ length: n }, (_, i) => i / 1000);
		const cols = minMaxColumns(time, minMaxPyramid(v), { t0: 0, t1: 1000, width: 800 });
		expect(cols.samples).toBe(n);
		expect(Math.max(...cols.max)).toBe(9);
		expect(cols.max[Math.floor((777.777 / 1000) * 800)]).toBe(9);
		expect(timeIndex(time, 500)).toBe(500_000);
	});
});
