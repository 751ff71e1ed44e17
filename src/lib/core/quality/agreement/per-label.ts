/**
 * Agreement broken down per label (one-vs-rest: each label against all others, with
 * Krippendorff's nominal α) and per annotator pair (Cohen's κ and percent agreement on the items
 * both rated). See krippendorff.ts and cohen.ts for the sources.
 */
import { bootstrapInterval, type BootstrapOptions, type Interval } from './bootstrap';
import { cohenKappaFromTable, raterPairs, type KappaWeights } from './cohen';
import { krippendorffAlpha } from './krippendorff';
import type { Rating } from './ratings';

/** α (nominal) of "this label vs any other" for every label used, with intervals. */
export function agreementPerLabel(
	ratings: readonly Rating[],
	options: BootstrapOptions = {}
): Record<string, { value: number; interval: Interval }> {
	const labels = [...new Set(ratings.map((r) => r.value))];
	const out: Record<string, { value: number; interval: Interval }> = {};
	for (const label of labels) {
		const binary = ratings.map((r) => ({ ...r, value: r.value === label ? '1' : '0' }));
		const { value, interval } = krippendorffAlpha(binary, { ...options, level: 'nominal' });
		out[label] = { value, interval };
	}
	return out;
}

export interface PairAgreement {
	a: string;
	b: string;
	items: number;
	percent: number;
	kappa: number;
	interval: Interval;
}

/** Cohen's κ and percent agreement for every rater pair sharing at least `minItems` items. */
export function agreementPerPair(
	ratings: readonly Rating[],
	options: BootstrapOptions & { minItems?: number; weights?: KappaWeights } = {}
): PairAgreement[] {
	const { units, pairs } = raterPairs(ratings);
	const K = units.categories.length;
	const out: PairAgreement[] = [];
	for (const p of pairs) {
		if (p.items.length < (options.minItems ?? 2)) continue;
		const table = (w?: Float64Array) => {
			const t = new Float64Array(K * K);
			p.items.forEach((_, i) => {
				const idx = (p.valuesA[i] as number) * K + (p.valuesB[i] as number);
				t[idx] = (t[idx] as number) + (w ? (w[i] as number) : 1);
			});
			return t;
		};
		const agree = p.valuesA.filter((v, i) => v === p.valuesB[i]).length;
		out.push({
			a: p.a,
			b: p.b,
			items: p.items.length,
			percent: agree / p.items.length,
			kappa: cohenKappaFromTable(table(), K, options.weights),
			interval: bootstrapInterval(
				p.items.length,
				(w) => cohenKappaFromTable(table(w), K, options.weights),
				options
			)
		});
	}
	return out;
}
