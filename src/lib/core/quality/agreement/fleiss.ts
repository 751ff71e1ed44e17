/**
 * Fleiss' kappa for many raters, with per-category kappas.
 *
 * J. L. Fleiss. Measuring nominal scale agreement among many raters. Psychological Bulletin
 * 76(5):378–382, 1971. Items may have different numbers of ratings (P_i uses each item's own n_i,
 * p_j pools all ratings); items with fewer than two ratings are skipped.
 */
import { bootstrapInterval, type BootstrapOptions, type Interval } from './bootstrap';
import {
	agreementCounts,
	ratingUnits,
	unitCounts,
	type AgreementCounts,
	type Rating
} from './ratings';

export interface FleissResult {
	value: number;
	/** κ_j per category (NaN when a category is never or always used). */
	perCategory: Record<string, number>;
	observed: number;
	expected: number;
}

/**
 * Fleiss' κ from an items × categories count matrix (row-major), optionally with item weights
 * (used by the bootstrap).
 */
export function fleissKappa(
	counts: Float64Array,
	K: number,
	weights?: Float64Array
): FleissResult & {
	perCategoryValues: Float64Array;
} {
	const items = counts.length / K;
	const totals = new Float64Array(K);
	let sumP = 0;
	let itemsUsed = 0;
	let ratings = 0;
	let pairs = 0;
	const disagree = new Float64Array(K);
	for (let u = 0; u < items; u++) {
		let n = 0;
		for (let k = 0; k < K; k++) n += counts[u * K + k] as number;
		if (n < 2) continue;
		const w = weights ? (weights[u] as number) : 1;
		if (w === 0) continue;
		let sq = 0;
		for (let k = 0; k < K; k++) {
			const c = counts[u * K + k] as number;
			sq += c * c;
			totals[k] = (totals[k] as number) + w * c;
			disagree[k] = (disagree[k] as number) + w * c * (n - c);
		}
		sumP += (w * (sq - n)) / (n * (n - 1));
		itemsUsed += w;
		ratings += w * n;
		pairs += w * n * (n - 1);
	}
	const observed = sumP / itemsUsed;
	let expected = 0;
	const perCategoryValues = new Float64Array(K);
	for (let k = 0; k < K; k++) {
		const p = (totals[k] as number) / ratings;
		expected += p * p;
		perCategoryValues[k] = 1 - (disagree[k] as number) / (pairs * p * (1 - p));
	}
	return {
		value: (observed - expected) / (1 - expected),
		perCategory: {},
		perCategoryValues,
		observed,
		expected
	};
}

/** Fleiss' κ over ratings, with a bootstrap interval over items and per-category κ_j. */
export function fleissKappaOf(
	ratings: readonly Rating[],
	options: BootstrapOptions = {}
): FleissResult & { interval: Interval; counts: AgreementCounts } {
	const units = ratingUnits(ratings);
	const K = units.categories.length;
	const counts = unitCounts(units);
	const { perCategoryValues, ...result } = fleissKappa(counts, K);
	const perCategory: Record<string, number> = {};
	units.categories.forEach((c, k) => (perCategory[c] = perCategoryValues[k] as number));
	return {
		...result,
		perCategory,
		interval: bootstrapInterval(
			units.items.length,
			(w) => fleissKappa(counts, K, w).value,
			options
		),
		counts: agreementCounts(units)
	};
}
