/**
 * Percent agreement: the share of agreeing rater pairs per item, averaged over items with two or
 * more ratings (Fleiss' P̄; J. L. Fleiss, Psychological Bulletin 76(5):378–382, 1971). For two
 * raters it is the share of items on which they agree.
 */
import { bootstrapInterval, type BootstrapOptions, type Interval } from './bootstrap';
import {
	agreementCounts,
	ratingUnits,
	unitCounts,
	type AgreementCounts,
	type Rating
} from './ratings';

/** Per-item agreement P_i (NaN for items with fewer than two ratings). */
function itemAgreement(counts: Float64Array, K: number, items: number): Float64Array {
	const out = new Float64Array(items);
	for (let u = 0; u < items; u++) {
		let n = 0;
		let sq = 0;
		for (let k = 0; k < K; k++) {
			const c = counts[u * K + k] as number;
			n += c;
			sq += c * c;
		}
		out[u] = n >= 2 ? (sq - n) / (n * (n - 1)) : NaN;
	}
	return out;
}

function weightedMean(values: Float64Array, weights?: Float64Array): number {
	let sum = 0;
	let total = 0;
	values.forEach((v, u) => {
		if (Number.isNaN(v)) return;
		const w = weights ? (weights[u] as number) : 1;
		sum += w * v;
		total += w;
	});
	return total > 0 ? sum / total : NaN;
}

/** Percent agreement in [0, 1] with a bootstrap interval over items. */
export function percentAgreement(
	ratings: readonly Rating[],
	options: BootstrapOptions = {}
): { value: number; interval: Interval; counts: AgreementCounts } {
	const units = ratingUnits(ratings);
	const perItem = itemAgreement(unitCounts(units), units.categories.length, units.items.length);
	return {
		value: weightedMean(perItem),
		interval: bootstrapInterval(units.items.length, (w) => weightedMean(perItem, w), options),
		counts: agreementCounts(units)
	};
}
