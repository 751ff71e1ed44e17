import { expect, test } from 'vitest';
import { permutation, stratifiedFolds } from './folds';
import { labelErrorsFind } from './label-errors';
import { argmax, entropy, marginUncertainty } from './uncertainty';

test('stratified folds spread every class evenly and are seeded', () => {
	const y = Array.from({ length: 103 }, (_, i) => (i < 80 ? 0 : i < 100 ? 1 : 2));
	const f = stratifiedFolds(y, 5, 3);
	for (let k = 0; k < 5; k++) {
		const inFold = y.filter((_, i) => f[i] === k);
		expect(inFold.filter((v) => v === 0).length).toBe(16);
		expect(inFold.filter((v) => v === 1).length).toBe(4);
	}
	const sizes = [0, 1, 2, 3, 4].map((k) => f.filter((v) => v === k).length);
	expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
	expect(stratifiedFolds(y, 5, 3)).toEqual(f);
	expect(stratifiedFolds(y, 5, 4)).not.toEqual(f);
	expect(() => stratifiedFolds(y, 1)).toThrow(/k ≥ 2/);
});

test('permutation is a seeded shuffle of 0..n−1', () => {
	const p = permutation(50, 9);
	expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
	expect(permutation(50, 9)).toEqual(p);
});

test('entropy and margin: 0 when certain, 1 at a tie', () => {
	expect(entropy([1, 0])).toBe(0);
	expect(entropy([0.5, 0.5])).toBeCloseTo(1, 10);
	expect(entropy([1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(1, 10);
	expect(entropy([0.9, 0.1])).toBeGreaterThan(entropy([0.99, 0.01]));
	expect(marginUncertainty([0.5, 0.5])).toBe(1);
	expect(marginUncertainty([0.7, 0.2, 0.1])).toBeCloseTo(0.5, 10);
	expect(marginUncertainty([1])).toBe(0);
	expect(argmax([0.2, 0.5, 0.3])).toBe(1);
});

test('label errors: confident learning finds flipped labels, ranked by self-confidence', () => {
	// 40 examples, 2 classes; the model is confident and right, except where labels were flipped.
	const n = 40;
	const truth = Array.from({ length: n }, (_, i) => i % 2);
	const given = truth.slice();
	given[3] = 0;
	given[10] = 1;
	const probs: number[] = [];
	truth.forEach((t, i) => {
		const p = i === 10 ? 0.93 : 0.95;
		probs.push(t === 0 ? p : 1 - p, t === 1 ? p : 1 - p);
	});
	const found = labelErrorsFind(probs, given, 2);
	expect(found.map((f) => f.row)).toEqual([3, 10]);
	expect(found[0]).toMatchObject({ given: 0, suggested: 1 });
	expect(found[0]?.pGiven).toBeCloseTo(0.05, 6);
	expect(found[0]?.score).toBeGreaterThan(found[1]?.score as number);
	expect(() => labelErrorsFind([0.5], [0], 2)).toThrow(/expected 1 × 2/);
});
