import { describe, expect, it } from 'vitest';
import { overconfident } from '../../../../../tests/helpers/overconfident';
import { heldOutReport, temperatureCrossFit } from './held-out';

const foldsOf = (n: number, k: number) => Int32Array.from({ length: n }, (_, i) => i % k);

describe('held-out report', () => {
	it('scores a worked example: accuracy, baseline per fold, confusion, precision, recall, F1', () => {
		// Folds 0 and 1 were held out; fold 2 did not run and counts only for the baselines.
		const rows: [fold: number, label: number, p: number[]][] = [
			[0, 0, [0.7, 0.2, 0.1]],
			[0, 1, [0.6, 0.3, 0.1]],
			[0, 2, [0.1, 0.1, 0.8]],
			[1, 0, [0.8, 0.1, 0.1]],
			[1, 0, [0.2, 0.7, 0.1]],
			[1, 1, [0.1, 0.8, 0.1]],
			[2, 0, [0.9, 0.05, 0.05]],
			[2, 0, [0.1, 0.1, 0.8]]
		];
		const r = heldOutReport({
			probs: rows.flatMap((x) => x[2]),
			K: 3,
			labels: rows.map((x) => x[1]),
			fold: rows.map((x) => x[0]),
			ran: 2
		});
		expect(r.rows).toBe(6);
		expect(r.folds).toBe(2);
		expect(r.accuracy).toBeCloseTo(4 / 6, 12);
		// Both folds' other rows are mostly label 0: the baseline is right on 1 + 2 of 6 rows.
		expect(r.baselineAccuracy).toBeCloseTo(3 / 6, 12);
		expect(r.baselineClass).toBe(0);
		expect(r.beatsBaseline).toBe(true);
		expect(r.confusion).toEqual([
			[2, 1, 0],
			[1, 1, 0],
			[0, 0, 1]
		]);
		const [c0, c1, c2] = r.classes;
		expect(c0).toMatchObject({ support: 3, predicted: 3 });
		expect(c0?.precision).toBeCloseTo(2 / 3, 12);
		expect(c0?.recall).toBeCloseTo(2 / 3, 12);
		expect(c0?.f1).toBeCloseTo(2 / 3, 12);
		expect(c1).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2, predicted: 2 });
		expect(c2).toEqual({ precision: 1, recall: 1, f1: 1, support: 1, predicted: 1 });
		expect(r.reliability.reduce((s, b) => s + b.count, 0)).toBe(6);
	});

	it('says a model no better than always answering the common label does not beat the baseline', () => {
		// 80% of the labels are 0; the model's top class is unrelated to the label.
		const n = 200;
		const labels = Array.from({ length: n }, (_, i) => (i % 5 === 4 ? 1 : 0));
		const probs = Array.from({ length: n }, (_, i) => (i % 2 ? [0.3, 0.7] : [0.7, 0.3])).flat();
		const r = heldOutReport({ probs, K: 2, labels, fold: foldsOf(n, 5), ran: 5 });
		expect(r.baselineAccuracy).toBe(0.8);
		expect(r.accuracy).toBeLessThan(0.8);
		expect(r.beatsBaseline).toBe(false);
		expect(r.classes[1]?.support).toBe(40);
	});

	it('cuts an overconfident model’s calibration error to 0.05 or less, measured cross-fitted', () => {
		const K = 3;
		const { probs, labels } = overconfident(11, 2500, K);
		const r = heldOutReport({ probs, K, labels, fold: foldsOf(labels.length, 5), ran: 5 });
		expect(r.eceBefore).toBeGreaterThan(0.1);
		expect(r.eceAfter).toBeLessThanOrEqual(0.05);
		expect(r.temperature).toBeGreaterThan(2);
		expect(r.temperature).toBeLessThan(4);
	});

	it('scales each fold by a temperature that never saw that fold’s labels', () => {
		const K = 3;
		const { probs, labels } = overconfident(5, 600, K);
		const fold = foldsOf(labels.length, 3);
		const base = temperatureCrossFit({ probs, K, labels, fold, ran: 3 });
		// Relabel fold 0 (every label moved one on): fold 0's scaled rows stay, the other folds' move.
		const changed = Int32Array.from(labels, (y, i) => (fold[i] === 0 ? (y + 1) % K : y));
		const moved = temperatureCrossFit({ probs, K, labels: changed, fold, ran: 3 });
		let gap0 = 0;
		let gapOther = 0;
		for (let i = 0; i < labels.length; i++)
			for (let k = 0; k < K; k++) {
				const d = Math.abs((base.probs[i * K + k] as number) - (moved.probs[i * K + k] as number));
				if (fold[i] === 0) gap0 = Math.max(gap0, d);
				else gapOther = Math.max(gapOther, d);
			}
		expect(gap0).toBe(0);
		expect(gapOther).toBeGreaterThan(1e-3);
	});

	it('needs two held-out folds to cross-fit', () => {
		expect(() =>
			temperatureCrossFit({ probs: [0.5, 0.5], K: 2, labels: [0], fold: [0], ran: 1 })
		).toThrow(RangeError);
	});
});
