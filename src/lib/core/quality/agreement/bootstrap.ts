/**
 * Seeded percentile bootstrap over units (items): the statistic is recomputed on resamples drawn
 * with replacement, expressed as a multiplicity per unit so that statistics can work from
 * precomputed per-unit terms.
 *
 * B. Efron, R. J. Tibshirani. An Introduction to the Bootstrap, ch. 13 (percentile interval), 1993.
 */
import { rngFrom, rngInt } from '../rng';

/** A confidence interval, or nulls when no resample gave a finite value. */
export interface Interval {
	low: number | null;
	high: number | null;
	confidence: number;
	resamples: number;
	seed: number;
}

export interface BootstrapOptions {
	/** Number of resamples. Default 1000. */
	resamples?: number;
	/** Seed of the resampling generator. Default 0. */
	seed?: number;
	/** Coverage of the interval. Default 0.95. */
	confidence?: number;
}

/** Linear-interpolated quantile of sorted values (NumPy's default "linear" method). */
export function quantileSorted(sorted: readonly number[], q: number): number {
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	const a = sorted[lo] as number;
	const b = sorted[hi] as number;
	return a + (b - a) * (pos - lo);
}

/**
 * Percentile bootstrap interval of `statistic(weights)`, where `weights[u]` is how many times
 * unit u was drawn. Non-finite statistics (e.g. no pairable unit drawn) are skipped.
 */
export function bootstrapInterval(
	units: number,
	statistic: (weights: Float64Array) => number,
	options: BootstrapOptions = {}
): Interval {
	const resamples = options.resamples ?? 1000;
	const seed = options.seed ?? 0;
	const confidence = options.confidence ?? 0.95;
	const rng = rngFrom(seed);
	const weights = new Float64Array(units);
	const values: number[] = [];
	for (let r = 0; r < resamples && units > 0; r++) {
		weights.fill(0);
		for (let u = 0; u < units; u++) {
			const pick = rngInt(rng, units);
			weights[pick] = (weights[pick] as number) + 1;
		}
		const v = statistic(weights);
		if (Number.isFinite(v)) values.push(v);
	}
	if (values.length === 0) return { low: null, high: null, confidence, resamples, seed };
	values.sort((a, b) => a - b);
	const tail = (1 - confidence) / 2;
	return {
		low: quantileSorted(values, tail),
		high: quantileSorted(values, 1 - tail),
		confidence,
		resamples,
		seed
	};
}
