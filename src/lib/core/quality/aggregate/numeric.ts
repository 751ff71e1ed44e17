/**
 * Aggregation of numeric ratings (e.g. 0–100 affect scores): the per-item mean or median of the
 * answers. The median is robust to a few careless raters; both are the baselines of Snow et al.,
 * "Cheap and Fast — But is it Good?", EMNLP 2008.
 */
import type { Answer } from './types';

export type NumericMethod = 'mean' | 'median';

/**
 * One value per item, in first-appearance order.
 * @throws RangeError when a label is not a finite number
 */
export function aggregateNumeric(
	answers: readonly Answer[],
	method: NumericMethod = 'median'
): { items: string[]; values: Float64Array } {
	const byItem = new Map<string, number[]>();
	for (const a of answers) {
		const x = Number(a.label);
		if (a.label.trim() === '' || !Number.isFinite(x))
			throw new RangeError(`"${a.label}" is not a number`);
		const list = byItem.get(a.item);
		if (list) list.push(x);
		else byItem.set(a.item, [x]);
	}
	const items = [...byItem.keys()];
	const values = Float64Array.from(items, (item) => {
		const xs = (byItem.get(item) as number[]).sort((p, q) => p - q);
		if (method === 'mean') return xs.reduce((s, x) => s + x, 0) / xs.length;
		const mid = xs.length >> 1;
		return xs.length % 2
			? (xs[mid] as number)
			: ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
	});
	return { items, values };
}
