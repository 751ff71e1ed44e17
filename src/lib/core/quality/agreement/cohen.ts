/**
 * Cohen's kappa for two raters, unweighted or with linear/quadratic disagreement weights, and its
 * multi-rater average over rater pairs (Light's kappa).
 *
 * J. Cohen. A coefficient of agreement for nominal scales. Educational and Psychological
 * Measurement 20(1):37–46, 1960. J. Cohen. Weighted kappa. Psychological Bulletin 70(4):213–220,
 * 1968. R. J. Light. Measures of response agreement for qualitative data. Psychological Bulletin
 * 76(5):365–377, 1971.
 */
import { bootstrapInterval, type BootstrapOptions, type Interval } from './bootstrap';
import { agreementCounts, ratingUnits, type AgreementCounts, type Rating } from './ratings';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

/** Agreement weight of categories i and j (1 = full agreement) among K ordered categories. */
function agreementWeight(i: number, j: number, K: number, weights: KappaWeights): number {
	if (i === j) return 1;
	if (weights === 'none' || K < 2) return 0;
	const d = Math.abs(i - j) / (K - 1);
	return weights === 'linear' ? 1 - d : 1 - d * d;
}

/** κ from a K × K contingency table (row-major; rows = rater A, columns = rater B). */
export function cohenKappaFromTable(
	table: Float64Array,
	K: number,
	weights: KappaWeights = 'none'
): number {
	let n = 0;
	const rows = new Float64Array(K);
	const cols = new Float64Array(K);
	for (let i = 0; i < K; i++) {
		for (let j = 0; j < K; j++) {
			const c = table[i * K + j] as number;
			n += c;
			rows[i] = (rows[i] as number) + c;
			cols[j] = (cols[j] as number) + c;
		}
	}
	let po = 0;
	let pe = 0;
	for (let i = 0; i < K; i++) {
		for (let j = 0; j < K; j++) {
			const w = agreementWeight(i, j, K, weights);
			po += (w * (table[i * K + j] as number)) / n;
			pe += (w * (rows[i] as number) * (cols[j] as number)) / (n * n);
		}
	}
	return (po - pe) / (1 - pe);
}

/** Two raters' paired answers: `pairs[i] = [a, b]` category indices for item i. */
export interface RaterPair {
	a: string;
	b: string;
	items: number[];
	valuesA: number[];
	valuesB: number[];
}

/** Every pair of raters with the items both rated (first rating each, if one rated twice). */
export function raterPairs(ratings: readonly Rating[], categories?: readonly string[]) {
	const units = ratingUnits(ratings, categories);
	const pairs = new Map<string, RaterPair>();
	units.values.forEach((vals, u) => {
		const raters = units.raters[u] as string[];
		for (let x = 0; x < vals.length; x++) {
			for (let y = x + 1; y < vals.length; y++) {
				let [ra, rb, va, vb] = [
					raters[x] as string,
					raters[y] as string,
					vals[x] as number,
					vals[y] as number
				];
				if (ra === rb) continue;
				if (rb < ra) [ra, rb, va, vb] = [rb, ra, vb, va];
				const key = JSON.stringify([ra, rb]);
				let p = pairs.get(key);
				if (!p) {
					p = { a: ra, b: rb, items: [], valuesA: [], valuesB: [] };
					pairs.set(key, p);
				}
				if (p.items[p.items.length - 1] === u) continue;
				p.items.push(u);
				p.valuesA.push(va);
				p.valuesB.push(vb);
			}
		}
	});
	return { units, pairs: [...pairs.values()] };
}

function pairTable(p: RaterPair, K: number, weights?: Float64Array): Float64Array {
	const table = new Float64Array(K * K);
	p.items.forEach((u, i) => {
		const w = weights ? (weights[u] as number) : 1;
		const idx = (p.valuesA[i] as number) * K + (p.valuesB[i] as number);
		table[idx] = (table[idx] as number) + w;
	});
	return table;
}

/** Mean κ over pairs that share at least `minItems` items (NaN kappas, e.g. constant raters, skipped). */
function lightsKappa(
	pairs: RaterPair[],
	K: number,
	o: { weights: KappaWeights; minItems: number },
	w?: Float64Array
) {
	let sum = 0;
	let used = 0;
	for (const p of pairs) {
		if (p.items.length < o.minItems) continue;
		const k = cohenKappaFromTable(pairTable(p, K, w), K, o.weights);
		if (!Number.isFinite(k)) continue;
		sum += k;
		used++;
	}
	return { value: used > 0 ? sum / used : NaN, pairs: used };
}

export interface CohenOptions extends BootstrapOptions {
	weights?: KappaWeights;
	/** Category order for weighted kappa (default: sorted, numbers numerically). */
	categories?: readonly string[];
	/** Pairs with fewer shared items are left out of the multi-rater average. Default 2. */
	minItems?: number;
}

/**
 * Cohen's κ: for exactly two raters the classic coefficient; for more, the mean over rater pairs
 * (Light's κ). The interval resamples items.
 */
export function cohenKappa(
	ratings: readonly Rating[],
	options: CohenOptions = {}
): { value: number; interval: Interval; counts: AgreementCounts & { raterPairs: number } } {
	const { units, pairs } = raterPairs(ratings, options.categories);
	const K = units.categories.length;
	const o = { weights: options.weights ?? 'none', minItems: options.minItems ?? 2 };
	const point = lightsKappa(pairs, K, o);
	return {
		value: point.value,
		interval: bootstrapInterval(
			units.items.length,
			(w) => lightsKappa(pairs, K, o, w).value,
			options
		),
		counts: { ...agreementCounts(units), raterPairs: point.pairs }
	};
}
