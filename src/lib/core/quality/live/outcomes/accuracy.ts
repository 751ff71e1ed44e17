import type { AggregateResult } from '../../aggregate/types';
import type { TaskStats } from '../task-stats/task-stats';

export interface AnnotatorAccuracy {
	annotator: string;
	answers: number;
	/** Share of answers equal to the item's majority, on items with ≥ 2 answers. */
	majority: number;
	/** Estimated accuracy Σ_t prior_t · P(answer t | truth t) from Dawid–Skene (or the method's skill). */
	estimated?: number;
	goldCorrect: number;
	goldTotal: number;
	/** Mean ms per answer. */
	meanMs: number;
}

/** Each annotator's measured accuracy from agreement, the aggregation model and gold items. */
export function annotatorAccuracy(
	stats: TaskStats,
	gold: ReadonlyMap<string, string>,
	aggregate?: AggregateResult
): AnnotatorAccuracy[] {
	const goldBy = new Map<string, { c: number; t: number }>();
	for (const [item, label] of gold)
		for (const a of stats.answersOf(item)) {
			const g = goldBy.get(a.annotator) ?? { c: 0, t: 0 };
			g.t++;
			if (a.label === label) g.c++;
			goldBy.set(a.annotator, g);
		}
	const est = new Map<string, number>();
	if (aggregate?.confusion) {
		const K = aggregate.classes.length;
		aggregate.workers.forEach((w, wi) => {
			const m = aggregate.confusion?.[wi];
			if (!m) return;
			let acc = 0;
			for (let t = 0; t < K; t++) acc += (aggregate.priors[t] as number) * (m[t * K + t] as number);
			est.set(w, acc);
		});
	} else if (aggregate?.skills) {
		aggregate.workers.forEach((w, wi) => est.set(w, aggregate.skills?.[wi] as number));
	}
	return stats
		.annotatorFigures()
		.map((f) => ({
			annotator: f.annotator,
			answers: f.answers,
			majority: f.comparable ? f.agreeWithMajority / f.comparable : NaN,
			estimated: est.get(f.annotator),
			goldCorrect: goldBy.get(f.annotator)?.c ?? 0,
			goldTotal: goldBy.get(f.annotator)?.t ?? 0,
			meanMs: f.answers ? f.msTotal / f.answers : 0
		}))
		.sort((a, b) => (a.annotator < b.annotator ? -1 : 1));
}
