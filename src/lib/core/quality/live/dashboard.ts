/**
 * The dashboard's figures (issue 8) as plain rows: every chart draws them and every table shows
 * them, and the report exports them. Each is read from the live sums (task-stats.ts) and the
 * outcomes, so an update after one label costs O(labels² + annotators² + days), not O(items).
 */
import type { AggregateResult } from '../aggregate/types';
import type { Outcomes, OutcomeStatus } from './outcomes';
import { MS_BINS, type TaskStats } from './task-stats';

export interface DashboardFigures {
	status: Record<OutcomeStatus, number>;
	alpha: number;
	fleiss: number;
	answers: number;
	items: number;
	progress: { day: number; answers: number; cumulative: number }[];
	throughput: { day: number; annotator: string; answers: number }[];
	annotators: { annotator: string; answers: number; perHour: number; meanMs: number }[];
	labels: { label: string; count: number; share: number; rare: boolean }[];
	agreementPerLabel: { label: string; value: number; pairs: number }[];
	pairs: { a: string; b: string; kappa: number; percent: number; items: number }[];
	confusion: { annotator: string; truth: string; answer: string; p: number }[];
	rules: { rule: string; count: number }[];
	labelErrors: { label: string; count: number }[];
	time: { bin: string; upToMs: number; count: number }[];
}

/** A class is rare below 5% of answers, or below half its uniform share when there are many. */
export function isRare(share: number, classes: number): boolean {
	return classes > 1 && share < Math.min(0.05, 0.5 / classes);
}

export function binLabel(i: number): string {
	const edge = MS_BINS[i];
	return edge === undefined
		? `> ${(MS_BINS[MS_BINS.length - 1] as number) / 1000} s`
		: `≤ ${edge / 1000} s`;
}

export function dashboardFigures(input: {
	stats: TaskStats;
	outcomes: Outcomes;
	aggregate?: AggregateResult;
	/** Rule findings (rule id per finding). */
	rules?: readonly { rule: string }[];
	/** Items flagged as likely label errors. */
	labelErrorItems?: Iterable<string>;
}): DashboardFigures {
	const { stats, outcomes, aggregate } = input;
	const days = stats.perDay();
	const perDay = new Map<number, number>();
	for (const d of days) perDay.set(d.day, (perDay.get(d.day) ?? 0) + d.answers);
	let cumulative = 0;
	const progress = [...perDay]
		.sort((a, b) => a[0] - b[0])
		.map(([day, answers]) => ({ day, answers, cumulative: (cumulative += answers) }));
	const counts = stats.labelCounts().filter((l) => l.count > 0);
	const total = counts.reduce((s, l) => s + l.count, 0);
	const labels = counts.map((l) => {
		const share = total ? l.count / total : 0;
		return { ...l, share, rare: isRare(share, counts.length) };
	});
	const pairs: DashboardFigures['pairs'] = [];
	for (const p of stats.pairKappas(1)) {
		pairs.push(p);
		pairs.push({ ...p, a: p.b, b: p.a });
	}
	const confusion: DashboardFigures['confusion'] = [];
	if (aggregate?.confusion) {
		const K = aggregate.classes.length;
		aggregate.workers.forEach((w, wi) => {
			const m = aggregate.confusion?.[wi];
			if (!m) return;
			for (let t = 0; t < K; t++)
				for (let l = 0; l < K; l++)
					confusion.push({
						annotator: w,
						truth: aggregate.classes[t] as string,
						answer: aggregate.classes[l] as string,
						p: m[t * K + l] as number
					});
		});
	}
	const rules = new Map<string, number>();
	for (const f of input.rules ?? []) rules.set(f.rule, (rules.get(f.rule) ?? 0) + 1);
	const errors = new Map<string, number>();
	for (const item of input.labelErrorItems ?? []) {
		const label = outcomes.get(item)?.label || stats.consensusOf(item)?.label || '(unlabeled)';
		errors.set(label, (errors.get(label) ?? 0) + 1);
	}
	return {
		status: outcomes.counts(),
		alpha: stats.alpha(),
		fleiss: stats.fleiss(),
		answers: stats.answerCount,
		items: stats.itemCount,
		progress,
		throughput: days,
		annotators: stats.annotatorFigures().map((f) => {
			const hours = (f.last - f.first) / 3_600_000;
			return {
				annotator: f.annotator,
				answers: f.answers,
				perHour: hours > 0 ? f.answers / hours : NaN,
				meanMs: f.answers ? f.msTotal / f.answers : 0
			};
		}),
		labels,
		agreementPerLabel: stats.agreementPerLabel().filter((l) => l.pairs > 0),
		pairs,
		confusion,
		rules: [...rules].map(([rule, count]) => ({ rule, count })),
		labelErrors: [...errors].map(([label, count]) => ({ label, count })),
		time: stats
			.msHistogram()
			.map((count, i) => ({ bin: binLabel(i), upToMs: MS_BINS[i] ?? Infinity, count }))
	};
}
