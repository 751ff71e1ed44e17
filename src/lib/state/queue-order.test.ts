import { expect, test } from 'vitest';
import type { ItemId } from '$lib/core/types';
import { disagreementScore, queueOrder, type QueueSignals } from './queue-order';

const ids = ['a', 'b', 'c', 'd', 'e'] as ItemId[];
const signals: QueueSignals = {
	probs: new Map<ItemId, number[]>([
		['a' as ItemId, [0.99, 0.01]],
		['b' as ItemId, [0.5, 0.5]],
		['c' as ItemId, [0.7, 0.3]],
		['e' as ItemId, [0.2, 0.8]]
	]),
	answers: new Map<ItemId, number[]>([
		['a' as ItemId, [0, 1]],
		['c' as ItemId, [1]],
		['d' as ItemId, [0, 0, 1]],
		['e' as ItemId, [1]]
	]),
	seed: 4
};

test('sequential keeps the order; random is a seeded permutation', () => {
	expect(queueOrder(ids, 'sequential', signals)).toEqual(ids);
	const r = queueOrder(ids, 'random', signals);
	expect([...r].sort()).toEqual(ids);
	expect(queueOrder(ids, 'random', signals)).toEqual(r);
	expect(queueOrder(ids, 'random', { ...signals, seed: 5 })).not.toEqual(r);
});

test('most uncertain first; items without a prediction last, in order', () => {
	expect(queueOrder(ids, 'entropy', signals)).toEqual(['b', 'c', 'e', 'a', 'd']);
	expect(queueOrder(ids, 'margin', signals)).toEqual(['b', 'c', 'e', 'a', 'd']);
});

test('most disagreement: annotators split, then model against a single human label', () => {
	expect(disagreementScore([0, 1])).toBe(1);
	expect(disagreementScore([0, 0, 1])).toBeCloseTo(2 / 3, 10);
	expect(disagreementScore([1], [0.7, 0.3])).toBeCloseTo(0.7, 10);
	expect(disagreementScore([1], [0.2, 0.8])).toBe(0);
	expect(disagreementScore([])).toBe(0);
	// a: split 1; c: model says 0 with 0.7; d: 2 of 3 agree; b, e: no disagreement.
	expect(queueOrder(ids, 'disagreement', signals)).toEqual(['a', 'c', 'd', 'b', 'e']);
});
