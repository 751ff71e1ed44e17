/**
 * What decides each item's outcome besides the answers, read from the project: reviewers'
 * decisions (in a shared project only owners' and reviewers' count), gold answers, review flags
 * and the rule findings that send an item to review.
 */
import {
	latestDecisions,
	type Decided,
	type ExternalReason,
	type OutcomeInputs
} from '$lib/core/quality/live/outcomes';
import type { TaskStats } from '$lib/core/quality/live/task-stats';
import type { Finding } from '$lib/core/quality/rules/rules';
import type { AggregateResult } from '$lib/core/quality/aggregate/types';
import type { TaskConsensus, TaskId } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import { answerKey } from './keys';

/** Rules that send an item to review. `too-fast` describes an annotator, not an item. */
const REVIEW_RULES = new Set<Finding['rule']>([
	'label-outside-schema',
	'unknown-task',
	'missing-required-task'
]);

/** Gold answers of `task`: item → answer key. */
export function goldLabelsOf(store: ProjectStore, task: TaskId | undefined): Map<string, string> {
	const out = new Map<string, string>();
	for (const g of store.reviews().gold)
		if (g.task === task && g.value.type === 'classification')
			out.set(g.item, answerKey(g.value.labels));
	return out;
}

/** Rule findings of one run, and when it ran (ms). */
export interface Findings {
	list: readonly Finding[];
	at: number;
}

/** Flags and the rule findings that send items of `task` to review, by item. */
export function reviewReasonsOf(
	store: ProjectStore,
	task: TaskId,
	findings: Findings | undefined
): Map<string, ExternalReason[]> {
	const reasons = new Map<string, ExternalReason[]>();
	const add = (r: ExternalReason) => {
		const list = reasons.get(r.item) ?? [];
		list.push(r);
		reasons.set(r.item, list);
	};
	for (const f of store.flags())
		if (f.task === task && f.reason !== 'agreement')
			add({
				item: f.item,
				reason: f.reason,
				at: f.at,
				...(f.score !== undefined ? { score: f.score } : {}),
				...(f.detail ? { detail: f.detail } : {})
			});
	for (const f of findings?.list ?? [])
		if (f.task === task && REVIEW_RULES.has(f.rule))
			add({ item: f.item, reason: 'rule', at: findings?.at ?? 0, detail: f.message });
	return reasons;
}

export function outcomeInputsOf(opts: {
	store: ProjectStore;
	task: TaskId;
	stats: TaskStats;
	method: TaskConsensus['method'];
	/** The aggregation model's result for this task and method, once it has run. */
	aggregate: AggregateResult | undefined;
	findings: Findings | undefined;
	/** Members whose decisions count, or undefined when every decision counts (not shared). */
	reviewers: ReadonlySet<string> | undefined;
}): OutcomeInputs {
	const { store, task, method, reviewers } = opts;
	const decided: Decided[] = [];
	for (const d of store.reviews().decisions)
		if (d.task === task && d.value.type === 'classification' && (!reviewers || reviewers.has(d.by)))
			decided.push({ item: d.item, label: answerKey(d.value.labels), at: d.at, by: d.by });
	return {
		stats: opts.stats,
		method,
		aggregate: method === 'mv' ? undefined : opts.aggregate,
		decisions: latestDecisions(decided),
		gold: goldLabelsOf(store, task),
		reasons: reviewReasonsOf(store, task, opts.findings)
	};
}
