import { describe, expect, it } from 'vitest';
import { classBalance, outliersRobust } from './stats';

describe('outliersRobust', () => {
	it('flags a text far longer and one far shorter than the rest', () => {
		const lengths = [80, 95, 102, 88, 120, 99, 110, 91, 105, 97, 5000, 2];
		const o = outliersRobust(lengths);
		expect(o.map((x) => [x.index, x.side])).toEqual([
			[10, 'high'],
			[11, 'low']
		]);
	});

	it('reports nothing for a tight or tiny sample', () => {
		expect(outliersRobust([100, 101, 99, 100, 102, 98, 100, 101])).toEqual([]);
		expect(outliersRobust([1, 1000])).toEqual([]);
	});

	it('falls back to the IQR when most values are equal', () => {
		const o = outliersRobust([50, 50, 50, 50, 50, 50, 50, 50, 50, 900]);
		expect(o.map((x) => x.index)).toEqual([9]);
	});
});

describe('classBalance', () => {
	it('marks rare classes, including unused ones, and the imbalance ratio', () => {
		const labels = [...Array(60).fill('ham'), ...Array(38).fill('spam'), 'other', 'other'];
		const b = classBalance(labels, { classes: ['ham', 'spam', 'other', 'unused'] });
		expect(b.classes.map((c) => [c.label, c.count, c.rare])).toEqual([
			['ham', 60, false],
			['spam', 38, false],
			['other', 2, true],
			['unused', 0, true]
		]);
		expect(b.imbalance).toBe(Infinity);
		expect(classBalance(['a', 'a', 'b']).imbalance).toBe(2);
	});
});
