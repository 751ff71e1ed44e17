/** Ratings as agreement measures see them: units (items) with the values their raters gave. */
import { classCompare } from '../aggregate/encode';

/** One rater's value for one item. */
export interface Rating {
	item: string;
	rater: string;
	value: string;
}

/** Ratings grouped by item; `values[u][r]` is the category index of the r-th rating of unit u. */
export interface RatingUnits {
	items: string[];
	raters: string[][];
	values: number[][];
	categories: string[];
	ratings: number;
}

/** Groups ratings by item (first-appearance order) and indexes categories (sorted, or as given). */
export function ratingUnits(
	ratings: readonly Rating[],
	categories?: readonly string[]
): RatingUnits {
	const cats = categories
		? [...categories]
		: [...new Set(ratings.map((r) => r.value))].sort(classCompare);
	const catIndex = new Map(cats.map((c, i) => [c, i]));
	const unitIndex = new Map<string, number>();
	const out: RatingUnits = { items: [], raters: [], values: [], categories: cats, ratings: 0 };
	for (const r of ratings) {
		const k = catIndex.get(r.value);
		if (k === undefined) throw new RangeError(`value "${r.value}" is not one of the categories`);
		let u = unitIndex.get(r.item);
		if (u === undefined) {
			u = out.items.length;
			unitIndex.set(r.item, u);
			out.items.push(r.item);
			out.raters.push([]);
			out.values.push([]);
		}
		out.raters[u]?.push(r.rater);
		out.values[u]?.push(k);
		out.ratings++;
	}
	return out;
}

/** Items × categories count matrix (row-major). */
export function unitCounts(units: RatingUnits): Float64Array {
	const K = units.categories.length;
	const counts = new Float64Array(units.items.length * K);
	units.values.forEach((vals, u) => {
		for (const k of vals) counts[u * K + k] = (counts[u * K + k] as number) + 1;
	});
	return counts;
}

/** Agreement figure plus the counts it was computed from. */
export interface AgreementCounts {
	/** Items with at least one rating. */
	items: number;
	/** Items with two or more ratings (the only ones that carry agreement information). */
	pairableItems: number;
	raters: number;
	ratings: number;
	categories: number;
}

/** The counts of {@link AgreementCounts} for a set of units. */
export function agreementCounts(units: RatingUnits): AgreementCounts {
	return {
		items: units.items.length,
		pairableItems: units.values.filter((v) => v.length >= 2).length,
		raters: new Set(units.raters.flat()).size,
		ratings: units.ratings,
		categories: units.categories.length
	};
}
