/**
 * Krippendorff's alpha for nominal, ordinal, interval and ratio data, with missing values
 * (units need not be rated by every coder; units with one value are not pairable).
 *
 * K. Krippendorff. Computing Krippendorff's Alpha-Reliability. Annenberg School for
 * Communication, University of Pennsylvania, 2011 (coincidence matrix and δ² metrics, §C–§E).
 * α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 */
import { classCompare } from '../aggregate/encode';
import { bootstrapInterval, type BootstrapOptions, type Interval } from './bootstrap';
import { agreementCounts, ratingUnits, type AgreementCounts, type Rating } from './ratings';

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Per pairable unit: its value counts as sparse (category, count) lists. */
interface AlphaUnit {
	cats: number[];
	counts: number[];
	m: number;
}

function alphaUnits(values: number[][]): AlphaUnit[] {
	const out: AlphaUnit[] = [];
	for (const vals of values) {
		if (vals.length < 2) continue;
		const map = new Map<number, number>();
		for (const v of vals) map.set(v, (map.get(v) ?? 0) + 1);
		out.push({ cats: [...map.keys()], counts: [...map.values()], m: vals.length });
	}
	return out;
}

/** δ² for every category pair (V × V), given numeric values and marginal counts n_c. */
function deltaSquared(
	level: AlphaLevel,
	numbers: readonly number[],
	marginals: Float64Array
): Float64Array {
	const V = numbers.length;
	const d = new Float64Array(V * V);
	// Ordinal ranks run through categories in value order: cumulative marginals.
	const cumulative = new Float64Array(V + 1);
	for (let c = 0; c < V; c++)
		cumulative[c + 1] = (cumulative[c] as number) + (marginals[c] as number);
	for (let c = 0; c < V; c++) {
		for (let k = c + 1; k < V; k++) {
			const x = numbers[c] as number;
			const y = numbers[k] as number;
			let v: number;
			if (level === 'nominal') v = 1;
			else if (level === 'ordinal') {
				const s = (cumulative[k + 1] as number) - (cumulative[c] as number);
				v = (s - ((marginals[c] as number) + (marginals[k] as number)) / 2) ** 2;
			} else if (level === 'interval') v = (x - y) ** 2;
			else v = x + y === 0 ? 0 : ((x - y) / (x + y)) ** 2;
			d[c * V + k] = v;
			d[k * V + c] = v;
		}
	}
	return d;
}

function alphaValue(
	units: AlphaUnit[],
	level: AlphaLevel,
	numbers: readonly number[],
	weights?: Float64Array
): number {
	const V = numbers.length;
	const marginals = new Float64Array(V);
	let n = 0;
	units.forEach((u, i) => {
		const w = weights ? (weights[i] as number) : 1;
		if (w === 0) return;
		u.cats.forEach(
			(c, j) => (marginals[c] = (marginals[c] as number) + w * (u.counts[j] as number))
		);
		n += w * u.m;
	});
	const delta = deltaSquared(level, numbers, marginals);
	let observed = 0;
	units.forEach((u, i) => {
		const w = weights ? (weights[i] as number) : 1;
		if (w === 0) return;
		let s = 0;
		for (let a = 0; a < u.cats.length; a++) {
			for (let b = a + 1; b < u.cats.length; b++) {
				s +=
					2 *
					(u.counts[a] as number) *
					(u.counts[b] as number) *
					(delta[(u.cats[a] as number) * V + (u.cats[b] as number)] as number);
			}
		}
		observed += (w * s) / (u.m - 1);
	});
	let expected = 0;
	for (let c = 0; c < V; c++) {
		for (let k = 0; k < V; k++)
			expected +=
				(marginals[c] as number) * (marginals[k] as number) * (delta[c * V + k] as number);
	}
	return 1 - ((n - 1) * observed) / expected;
}

export interface AlphaOptions extends BootstrapOptions {
	level?: AlphaLevel;
}

/**
 * Krippendorff's α over ratings. Interval and ratio levels need numeric values; ordinal orders
 * values numerically when they are numbers, otherwise by code unit.
 * @throws RangeError when a value is not a number at the interval or ratio level
 */
export function krippendorffAlpha(
	ratings: readonly Rating[],
	options: AlphaOptions = {}
): { value: number; level: AlphaLevel; interval: Interval; counts: AgreementCounts } {
	const level = options.level ?? 'nominal';
	const categories = [...new Set(ratings.map((r) => r.value))].sort(classCompare);
	const numbers = categories.map((c, i) => {
		if (level !== 'interval' && level !== 'ratio') return i;
		const x = Number(c);
		if (c.trim() === '' || !Number.isFinite(x))
			throw new RangeError(`"${c}" is not a number (α ${level})`);
		return x;
	});
	const units = ratingUnits(ratings, categories);
	const pairable = alphaUnits(units.values);
	return {
		value: alphaValue(pairable, level, numbers),
		level,
		interval: bootstrapInterval(
			pairable.length,
			(w) => alphaValue(pairable, level, numbers, w),
			options
		),
		counts: agreementCounts(units)
	};
}

/** α from a coders × units matrix with `null` for missing values (Krippendorff's reliability data). */
export function krippendorffAlphaFromMatrix(
	data: readonly (readonly (string | number | null)[])[],
	options: AlphaOptions = {}
) {
	const ratings: Rating[] = [];
	data.forEach((row, coder) =>
		row.forEach((v, unit) => {
			if (v !== null) ratings.push({ item: String(unit), rater: String(coder), value: String(v) });
		})
	);
	return krippendorffAlpha(ratings, options);
}
