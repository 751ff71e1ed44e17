import { describe, expect, it } from 'vitest';
import { overconfident } from '../../../../../tests/helpers/overconfident';
import { calibrationError, temperatureApply, temperatureFit } from './temperature';

describe('temperature scaling', () => {
	it('fitted on held-out predictions, brings the expected calibration error to 0.05 or less', () => {
		const K = 3;
		const fit = overconfident(1, 2000, K);
		const test = overconfident(2, 2000, K);
		const before = calibrationError(test.probs, K, test.labels).ece;
		const T = temperatureFit(fit.probs, K, fit.labels);
		const after = calibrationError(temperatureApply(test.probs, K, T), K, test.labels).ece;
		expect(before).toBeGreaterThan(0.1);
		expect(T).toBeGreaterThan(2);
		expect(T).toBeLessThan(4);
		expect(after).toBeLessThanOrEqual(0.05);
	});

	it('keeps every top class (accuracy is unchanged) and leaves calibrated probabilities alone', () => {
		const K = 3;
		const { probs, labels } = overconfident(3, 500, K);
		const scaled = temperatureApply(probs, K, 2.5);
		for (let i = 0; i < labels.length; i++) {
			const row = (p: Float64Array) => [...p.subarray(i * K, i * K + K)];
			const top = (r: number[]) => r.indexOf(Math.max(...r));
			expect(top(row(scaled))).toBe(top(row(probs)));
		}
		const same = temperatureApply(probs, K, 1);
		let gap = 0;
		for (let j = 0; j < probs.length; j++)
			gap = Math.max(gap, Math.abs((same[j] as number) - (probs[j] as number)));
		expect(gap).toBeLessThan(1e-12);
		const calibrated = temperatureApply(probs, K, 3);
		expect(temperatureFit(calibrated, K, labels)).toBeCloseTo(1, 0);
	});

	it('reports reliability bins that add up to the predictions', () => {
		const K = 2;
		const probs = Float64Array.from([0.95, 0.05, 0.9, 0.1, 0.55, 0.45, 0.3, 0.7]);
		const labels = Int32Array.from([0, 1, 0, 1]);
		const { ece, bins } = calibrationError(probs, K, labels, 10);
		expect(bins.reduce((s, b) => s + b.count, 0)).toBe(4);
		const top = bins[9];
		expect(top).toMatchObject({ count: 2, accuracy: 0.5 });
		expect(top?.confidence).toBeCloseTo(0.925, 12);
		// |0.5 − 0.925|·2/4 + |1 − 0.55|·1/4 + |1 − 0.7|·1/4
		expect(ece).toBeCloseTo(0.2125 + 0.1125 + 0.075, 12);
	});

	it('returns 1 without labels', () => {
		expect(temperatureFit(new Float64Array(0), 3, new Int32Array(0))).toBe(1);
	});
});
