import { describe, expect, it } from 'vitest';
import { goldMix } from './gold';

const range = (n: number, p = 'i') => Array.from({ length: n }, (_, i) => `${p}${i}`);

describe('gold items in a queue', () => {
	it('spreads every gold item through the queue at the rate', () => {
		const all = [...range(18), 'g0', 'g1'];
		const gold = new Set(['g0', 'g1']);
		const mine = range(18).filter((_, i) => i % 2 === 0); // my assigned share: 9 items
		const q = goldMix(mine, all, gold, 0.1);
		expect(q).toHaveLength(11);
		expect(q.filter((x) => gold.has(x))).toEqual(['g0', 'g1']);
		// About one in ten: the first gold item after 9 regular items would be past the end of a
		// 9-item share, so both arrive at the end; with a higher rate they interleave.
		const q2 = goldMix(mine, all, gold, 0.25);
		expect(q2.indexOf('g0')).toBe(3);
		expect(q2.indexOf('g1')).toBe(7);
	});

	it('leaves the queue alone with no gold or a zero rate, and never duplicates', () => {
		const all = range(5);
		expect(goldMix(all, all, new Set(), 0.5)).toEqual(all);
		expect(goldMix(all, all, new Set(['i2']), 0)).toEqual(all);
		const q = goldMix(all, all, new Set(['i2', 'i4']), 0.5);
		expect(q).toHaveLength(5);
		expect(new Set(q).size).toBe(5);
		expect(q).toEqual(['i0', 'i2', 'i1', 'i4', 'i3']);
	});
});
