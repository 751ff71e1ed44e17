/**
 * The slow half of quality control, run off the typing path: the aggregation model (Wawa,
 * zero-based skill, Dawid–Skene, GLAD, MACE or KOS; core/quality/aggregate) over a task's answers, and the rule checks
 * (core/quality/rules). A result names the configuration it was computed for, so a view never
 * shows one method's labels under another's name.
 */
import { aggregateGuarded, type GuardedResult } from '$lib/core/quality/aggregate';
import type { AggregateResult } from '$lib/core/quality/aggregate/types';
import type { TaskStats } from '$lib/core/quality/live/task-stats';
import { rulesCheck, type Finding } from '$lib/core/quality/rules/rules';
import type { Annotation as RuleAnnotation, TaskSpec } from '$lib/core/quality/rules/types';
import type { ClassificationTask, TaskConsensus } from '$lib/core/types';
import { keyLabels } from './keys';

/** Whether KOS (two classes only) can run on the task: two labels, one per answer. */
export function kosFits(task: ClassificationTask): boolean {
	return task.labels.length === 2 && !task.multi;
}

/** Majority vote has no model of its own: Dawid–Skene still estimates each annotator's accuracy. */
export function modelMethod(m: TaskConsensus['method']): Exclude<TaskConsensus['method'], 'mv'> {
	return m === 'mv' ? 'ds' : m;
}

/** What the rule checks depend on: the task, its labels and whether it is multi-label. */
export function rulesKey(task: ClassificationTask): string {
	return [task.id, task.multi ? 'multi' : 'single', task.labels.map((l) => l.id).join(',')].join(
		'|'
	);
}

/** What the aggregate depends on besides the answers. */
export function modelKey(task: ClassificationTask, method: TaskConsensus['method']): string {
	return `${rulesKey(task)}|${modelMethod(method)}`;
}

export interface ModelRun {
	/** `modelKey` of the configuration it ran for. */
	key: string;
	/** `rulesKey` of the task it ran for. */
	rulesKey: string;
	/** The result in force: the method's own, or majority vote's when the guard rail fell back. */
	aggregate?: AggregateResult;
	/** The guard rail's verdict on the method's result (see core/quality/aggregate/guard.ts). */
	guard?: GuardedResult;
	error?: string;
	findings: Finding[];
	/** When it ran (ms). */
	at: number;
}

export function modelRun(opts: {
	task: ClassificationTask;
	method: TaskConsensus['method'];
	stats: TaskStats;
	at: number;
}): ModelRun {
	const { task, method, stats } = opts;
	const run: ModelRun = {
		key: modelKey(task, method),
		rulesKey: rulesKey(task),
		findings: rulesRun(task, stats),
		at: opts.at
	};
	// KOS on a task of another shape: majority vote decides (the consensus form says why).
	if (!stats.answerCount || (method === 'kos' && !kosFits(task))) return run;
	try {
		run.guard = aggregateGuarded(stats.encoded(task.labels.map((l) => l.id)), modelMethod(method));
		run.aggregate = run.guard.result;
	} catch (e) {
		run.error = e instanceof Error ? e.message : String(e);
	}
	return run;
}

function rulesRun(task: ClassificationTask, stats: TaskStats): Finding[] {
	const spec: TaskSpec = {
		id: task.id,
		type: task.multi ? 'classes' : 'class',
		labels: task.labels.map((l) => l.id),
		required: false
	};
	const anns: RuleAnnotation[] = [];
	for (const a of stats.answers())
		anns.push({
			item: a.item,
			task: task.id,
			annotator: a.annotator,
			value: task.multi
				? { type: 'classes', labels: keyLabels(a.label) }
				: { type: 'class', label: a.label },
			ms: a.ms
		});
	return rulesCheck(anns, [spec]);
}
