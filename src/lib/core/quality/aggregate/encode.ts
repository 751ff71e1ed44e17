/** Answers → dense integer arrays, and the shared argmax/tie step that turns posteriors into labels. */
import { rngFrom, seedFor } from '../rng';
import type { Answer, EncodedAnswers, Tie, TieBreak } from './types';

/** Orders class names numerically when both look like numbers, otherwise by code unit. */
export function classCompare(a: string, b: string): number {
	const x = Number(a);
	const y = Number(b);
	if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y) {
		return x - y;
	}
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Encodes answers. Items and workers keep first-appearance order; classes are sorted with
 * {@link classCompare} and include `extraClasses` even if nobody used them.
 */
export function answersEncode(
	answers: readonly Answer[],
	extraClasses: readonly string[] = []
): EncodedAnswers {
	const itemIndex = new Map<string, number>();
	const workerIndex = new Map<string, number>();
	const classSet = new Set<string>(extraClasses);
	for (const a of answers) classSet.add(a.label);
	const classes = [...classSet].sort(classCompare);
	const classIndex = new Map(classes.map((c, i) => [c, i]));
	const n = answers.length;
	const item = new Int32Array(n);
	const worker = new Int32Array(n);
	const label = new Int32Array(n);
	const items: string[] = [];
	const workers: string[] = [];
	for (let a = 0; a < n; a++) {
		const ans = answers[a] as Answer;
		let i = itemIndex.get(ans.item);
		if (i === undefined) {
			i = items.length;
			itemIndex.set(ans.item, i);
			items.push(ans.item);
		}
		let w = workerIndex.get(ans.worker);
		if (w === undefined) {
			w = workers.length;
			workerIndex.set(ans.worker, w);
			workers.push(ans.worker);
		}
		item[a] = i;
		worker[a] = w;
		label[a] = classIndex.get(ans.label) as number;
	}
	return { items, workers, classes, item, worker, label };
}

/** Relative tolerance under which two posteriors count as tied. */
const TIE_EPS = 1e-9;

/**
 * Picks each item's most probable class. Ties (within 1e-9) are reported and broken by a
 * generator seeded from `seed` and the item id, so the choice does not depend on item order
 * (or, with `tieBreak: 'first'`, by class order).
 */
export function posteriorsDecide(
	posteriors: Float64Array,
	items: readonly string[],
	classes: readonly string[],
	seed: number,
	tieBreak: TieBreak = 'seed'
): { labels: string[]; confidence: Float64Array; ties: Tie[] } {
	const K = classes.length;
	const labels: string[] = new Array<string>(items.length);
	const confidence = new Float64Array(items.length);
	const ties: Tie[] = [];
	const tied: number[] = [];
	for (let i = 0; i < items.length; i++) {
		const row = i * K;
		let best = -Infinity;
		for (let k = 0; k < K; k++) best = Math.max(best, posteriors[row + k] as number);
		tied.length = 0;
		for (let k = 0; k < K; k++) {
			if ((posteriors[row + k] as number) >= best - TIE_EPS * Math.max(best, 1e-300)) tied.push(k);
		}
		let chosen = tied[0] as number;
		const id = items[i] as string;
		if (tied.length > 1) {
			if (tieBreak === 'seed') {
				const rng = rngFrom(seedFor(seed, id));
				chosen = tied[Math.floor(rng() * tied.length)] as number;
			}
			ties.push({
				item: id,
				candidates: tied.map((k) => classes[k] as string),
				chosen: classes[chosen] as string
			});
		}
		labels[i] = classes[chosen] as string;
		confidence[i] = posteriors[row + chosen] as number;
	}
	return { labels, confidence, ties };
}

/** Per-class vote counts per item (items × classes). */
export function voteCounts(enc: EncodedAnswers): Float64Array {
	const K = enc.classes.length;
	const counts = new Float64Array(enc.items.length * K);
	for (let a = 0; a < enc.item.length; a++) {
		const idx = (enc.item[a] as number) * K + (enc.label[a] as number);
		counts[idx] = (counts[idx] as number) + 1;
	}
	return counts;
}
