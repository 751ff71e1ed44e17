/**
 * Calibration of a classifier's probabilities: temperature scaling fitted on held-out
 * (out-of-fold) predictions, and the expected calibration error with its reliability bins.
 *
 * C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger. On Calibration of Modern Neural Networks. ICML 2017.
 *
 * Probabilities are row-major (n × K). Scaling by T divides the log-probabilities by T and
 * renormalizes (T > 1 softens an overconfident model); it never changes the top class, so
 * accuracy stays as it was.
 */

/** Smallest probability taken into a logarithm. */
const FLOOR = 1e-12;

/** Probabilities with temperature T: softmax(log p / T) per row. Returns a new array. */
export function temperatureApply(probs: Float64Array, K: number, T: number): Float64Array {
	const out = new Float64Array(probs.length);
	for (let row = 0; row < probs.length; row += K) {
		let max = -Infinity;
		for (let k = 0; k < K; k++) {
			const v = Math.log(Math.max(probs[row + k] as number, FLOOR)) / T;
			out[row + k] = v;
			max = Math.max(max, v);
		}
		let sum = 0;
		for (let k = 0; k < K; k++) {
			const e = Math.exp((out[row + k] as number) - max);
			out[row + k] = e;
			sum += e;
		}
		for (let k = 0; k < K; k++) out[row + k] = (out[row + k] as number) / sum;
	}
	return out;
}

/** Mean negative log-likelihood of `labels` (class index per row) under `probs`. */
export function negLogLik(probs: Float64Array, K: number, labels: Int32Array): number {
	let total = 0;
	for (let i = 0; i < labels.length; i++) {
		total -= Math.log(Math.max(probs[i * K + (labels[i] as number)] as number, FLOOR));
	}
	return total / Math.max(labels.length, 1);
}

/**
 * The temperature in [1/20, 20] that minimizes the held-out negative log-likelihood (golden
 * section search on log T; the likelihood is unimodal in it). 1 when there are no labels.
 */
export function temperatureFit(probs: Float64Array, K: number, labels: Int32Array): number {
	if (labels.length === 0) return 1;
	const loss = (logT: number) => negLogLik(temperatureApply(probs, K, Math.exp(logT)), K, labels);
	const phi = (Math.sqrt(5) - 1) / 2;
	let lo = Math.log(1 / 20);
	let hi = Math.log(20);
	let a = hi - phi * (hi - lo);
	let b = lo + phi * (hi - lo);
	let fa = loss(a);
	let fb = loss(b);
	for (let it = 0; it < 60 && hi - lo > 1e-4; it++) {
		if (fa <= fb) {
			hi = b;
			b = a;
			fb = fa;
			a = hi - phi * (hi - lo);
			fa = loss(a);
		} else {
			lo = a;
			a = b;
			fa = fb;
			b = lo + phi * (hi - lo);
			fb = loss(b);
		}
	}
	return Math.exp((lo + hi) / 2);
}

/** One bin of a reliability diagram: predictions whose top probability fell in [lo, hi). */
export interface ReliabilityBin {
	lo: number;
	hi: number;
	count: number;
	/** Mean top probability in the bin. */
	confidence: number;
	/** Share of the bin's predictions whose top class was right. */
	accuracy: number;
}

/**
 * Expected calibration error: Σ over equal-width confidence bins of (bin share) × |accuracy −
 * confidence|, for the top class of each row; with the bins, for a reliability diagram.
 */
export function calibrationError(
	probs: Float64Array,
	K: number,
	labels: Int32Array,
	binCount = 10
): { ece: number; bins: ReliabilityBin[] } {
	const bins: ReliabilityBin[] = Array.from({ length: binCount }, (_, b) => ({
		lo: b / binCount,
		hi: (b + 1) / binCount,
		count: 0,
		confidence: 0,
		accuracy: 0
	}));
	for (let i = 0; i < labels.length; i++) {
		let top = 0;
		for (let k = 1; k < K; k++)
			if ((probs[i * K + k] as number) > (probs[i * K + top] as number)) top = k;
		const p = probs[i * K + top] as number;
		const bin = bins[Math.min(binCount - 1, Math.floor(p * binCount))] as ReliabilityBin;
		bin.count++;
		bin.confidence += p;
		if (top === labels[i]) bin.accuracy++;
	}
	let ece = 0;
	for (const bin of bins) {
		if (bin.count === 0) continue;
		bin.confidence /= bin.count;
		bin.accuracy /= bin.count;
		ece += (bin.count / labels.length) * Math.abs(bin.accuracy - bin.confidence);
	}
	return { ece, bins };
}
