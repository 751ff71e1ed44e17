// The task's figures, read from the running sums (formulas and sources in task-stats.ts).
import { cohenKappaFromTable } from '../../agreement/cohen';
import { DAY, type TaskStatsData } from './data';
import type { AnnotatorFigures, PairKappa } from './types';

/** Krippendorff's α (nominal) over items with ≥ 2 answers; NaN when undefined. */
export function alpha(d: TaskStatsData): number {
	const n = d.pairableValues;
	if (n < 2) return NaN;
	const K = d.cats.length;
	const nc = new Float64Array(K);
	let observed = 0;
	for (const [key, o] of d.coincidence) {
		const c = Math.floor(key / 4096);
		const k = key % 4096;
		nc[c] = (nc[c] as number) + o;
		if (c !== k) observed += o;
	}
	let expected = 0;
	let total = 0;
	for (let c = 0; c < K; c++) total += nc[c] as number;
	for (let c = 0; c < K; c++) expected += (nc[c] as number) * (total - (nc[c] as number));
	if (expected === 0) return observed === 0 ? 1 : NaN;
	return 1 - ((n - 1) * observed) / expected;
}

/** Fleiss' κ over items with ≥ 2 answers; NaN when undefined. */
export function fleiss(d: TaskStatsData): number {
	if (d.fleissItems === 0) return NaN;
	let ratings = 0;
	for (const t of d.fleissTotals) ratings += t;
	let pe = 0;
	for (const t of d.fleissTotals) pe += (t / ratings) ** 2;
	const po = d.fleissSumP / d.fleissItems;
	return pe === 1 ? (po === 1 ? 1 : NaN) : (po - pe) / (1 - pe);
}

/** Share of agreeing answer pairs per label (NaN for a label never in a pair). */
export function agreementPerLabel(
	d: TaskStatsData
): { label: string; value: number; pairs: number }[] {
	return d.cats.map((label, i) => {
		const pairs = d.specificPairs[i] ?? 0;
		return { label, value: pairs ? (d.specificAgree[i] ?? 0) / pairs : NaN, pairs };
	});
}

/** Cohen's κ and percent agreement for every annotator pair with ≥ `minItems` shared items. */
export function pairKappas(d: TaskStatsData, minItems = 2): PairKappa[] {
	const K = d.cats.length;
	const out: PairKappa[] = [];
	for (const p of d.pairs.values()) {
		if (p.items < minItems) continue;
		// Rows are the annotator whose name sorts first.
		const a = d.annNames[p.a] as string;
		const b = d.annNames[p.b] as string;
		const swap = b < a;
		const t = new Float64Array(K * K);
		let agree = 0;
		for (const [key, c] of p.table) {
			const i = Math.floor(key / 4096);
			const j = key % 4096;
			t[swap ? j * K + i : i * K + j] = c;
			if (i === j) agree += c;
		}
		out.push({
			a: swap ? b : a,
			b: swap ? a : b,
			items: p.items,
			percent: agree / p.items,
			kappa: cohenKappaFromTable(t, K)
		});
	}
	return out.sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
}

export function annotatorFigures(d: TaskStatsData): AnnotatorFigures[] {
	const out: AnnotatorFigures[] = [];
	d.annNames.forEach((annotator, w) => {
		if (!d.annAnswers[w]) return;
		out.push({
			annotator,
			answers: d.annAnswers[w] as number,
			agreeWithMajority: d.annAgree[w] as number,
			comparable: d.annComparable[w] as number,
			msTotal: d.annMs[w] as number,
			first: d.annFirst[w] as number,
			last: d.annLast[w] as number
		});
	});
	return out;
}

/** Answers per UTC day and annotator, days ascending. */
export function perDay(d: TaskStatsData): { day: number; annotator: string; answers: number }[] {
	const out: { day: number; annotator: string; answers: number }[] = [];
	const byName = d.annNames
		.map((name, w) => ({ name, w }))
		.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
	for (const dayNo of [...d.perDay.keys()].sort((a, b) => a - b)) {
		const counts = d.perDay.get(dayNo) as number[];
		const day = dayNo * DAY;
		for (const { name, w } of byName) {
			const answers = counts[w] ?? 0;
			if (answers > 0) out.push({ day, annotator: name, answers });
		}
	}
	return out;
}
