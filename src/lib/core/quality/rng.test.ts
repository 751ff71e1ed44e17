import { describe, expect, it } from 'vitest';
import { rngFrom, rngInt, rngShuffle, seedFor } from './rng';

describe('rng', () => {
	it('repeats the same stream for the same seed and differs across seeds', () => {
		const a = rngFrom(42);
		const b = rngFrom(42);
		const c = rngFrom(43);
		const xs = Array.from({ length: 5 }, () => a());
		expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
		expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
	});

	it('draws uniform floats in [0, 1) and integers in [0, n)', () => {
		const rng = rngFrom(1);
		const counts = [0, 0, 0, 0];
		let min = 1;
		let max = 0;
		for (let i = 0; i < 40_000; i++) {
			const x = rng();
			min = Math.min(min, x);
			max = Math.max(max, x);
			counts[rngInt(rng, 4)]!++;
		}
		expect(min).toBeGreaterThanOrEqual(0);
		expect(max).toBeLessThan(1);
		for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
	});

	it('shuffles into a permutation without touching the input', () => {
		const input = [1, 2, 3, 4, 5, 6];
		const out = rngShuffle(rngFrom(7), input);
		expect(input).toEqual([1, 2, 3, 4, 5, 6]);
		expect([...out].sort()).toEqual(input);
	});

	it('derives per-key seeds that depend on the key, not on call order', () => {
		expect(seedFor(3, 'item-1')).toBe(seedFor(3, 'item-1'));
		expect(seedFor(3, 'item-1')).not.toBe(seedFor(3, 'item-2'));
	});
});
