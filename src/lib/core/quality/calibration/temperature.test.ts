import { describe, expect, it } from 'vitest';
import { rngFrom } from '../rng';
import { calibrationError, temperatureApply, temperatureFit } from './temperature';

/**
 * A classifier that is right about 65% of the time but reports its probabilities raised to the
 * power 3 (overconfident), with labels drawn from the true probabilities.
 */
function overconfident(seed: number, n: number, K: number) {
	const rng = rngFrom(seed);
	const probs = new Float64Array(n * K);
	const labels = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		const logits = Array.from({ length: K }, () => 2.2 * rng());
		const z = logits.reduce((s, l) => s + Math.exp(l), 0);
		const truth = logits.map((l) => Math.exp(l) / z);
		let u = rng();
		labels[i] = K - 1;
		for (let k = 0; k < K; k++) {
			u -= truth[k] as number;
			if (u < 0) {
				labels[i] = k;
				break;
			}
		}
		const sharp = truth.map((p) => p ** 3);
		const s = sharp.reduce((a, b) => a + b, 0);
		sharp.forEach((p, k) => (probs[i * K + k] = p / s));
	}
	return { probs, labels };
}

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
