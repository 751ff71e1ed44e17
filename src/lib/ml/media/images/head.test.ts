import { describe, expect, it } from 'vitest';
import { rngFrom } from '$lib/core/quality/rng';
import { headPredict, headTrain, l2Normalize } from './head';

describe('image classification head', () => {
	const r = rngFrom(3);
	const sample = (c: number) =>
		Float32Array.from({ length: 64 }, (_, j) => (j % 3 === c ? 1 : 0) + r() * 0.8);

	it('normalises to unit length', () => {
		const v = l2Normalize([3, 4]);
		expect(v[0]).toBeCloseTo(0.6);
		expect(v[1]).toBeCloseTo(0.8);
		expect(Array.from(l2Normalize([0, 0]))).toEqual([0, 0]);
	});

	it('separates three noisy classes and predicts held-out ones', () => {
		const x: Float32Array[] = [];
		const y: number[] = [];
		for (let i = 0; i < 60; i++) {
			x.push(sample(i % 3));
			y.push(i % 3);
		}
		const seen: number[] = [];
		const head = headTrain(x, y, 3, { onEpoch: (p) => void seen.push(p.loss) });
		expect(seen[seen.length - 1]!).toBeLessThan(seen[0]!);
		let ok = 0;
		for (let i = 0; i < 30; i++) {
			const p = headPredict(head, sample(i % 3));
			expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
			if (p.indexOf(Math.max(...p)) === i % 3) ok++;
		}
		expect(ok).toBeGreaterThanOrEqual(28);
	});

	it('stops when told to (cancel)', () => {
		let epochs = 0;
		headTrain([sample(0), sample(1)], [0, 1], 2, { onEpoch: () => ++epochs < 3 });
		expect(epochs).toBe(3);
	});

	it('refuses mismatched or empty data with a clear message', () => {
		expect(() => headTrain([sample(0)], [], 2)).toThrow(/1 embeddings but 0 labels/);
		expect(() => headTrain([], [], 2)).toThrow(/No labeled images/);
	});
});
