/**
 * Predictions of an overconfident classifier, for calibration tests: true class probabilities
 * from random logits, labels drawn from them, and the reported probabilities raised to the power
 * `sharpen` and renormalized (3 by default: far more confident than right).
 */
import { rngFrom } from '../../src/lib/core/quality/rng';

export function overconfident(
	seed: number,
	n: number,
	K: number,
	sharpen = 3
): { probs: Float64Array; labels: Int32Array } {
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
		const sharp = truth.map((p) => p ** sharpen);
		const s = sharp.reduce((a, b) => a + b, 0);
		sharp.forEach((p, k) => (probs[i * K + k] = p / s));
	}
	return { probs, labels };
}
