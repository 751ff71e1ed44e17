/**
 * The selected task's sums, outcomes and dashboard figures, each kept for the configuration it
 * was computed from: `current()` compares what they were built for (task, overlap, threshold,
 * method, model run, reviews, reviewers) with what is in force and recomputes only what differs.
 * Plain objects, no reactive state: the quality view calls it from getters and event handlers.
 */
import type { AggregateResult } from '$lib/core/quality/aggregate/types';
import { dashboardFigures, type DashboardFigures } from '$lib/core/quality/live/dashboard';
import {
	annotatorAccuracy,
	Outcomes,
	type AnnotatorAccuracy,
	type OutcomeInputs
} from '$lib/core/quality/live/outcomes';
import { TaskStats } from '$lib/core/quality/live/task-stats';
import type { Finding } from '$lib/core/quality/rules/rules';
import type { ClassificationTask, TaskConsensus } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import { modelKey, rulesKey, type ModelRun } from './model-run';
import { outcomeInputsOf } from './outcome-inputs';
import { liveConfigKey, TaskLive } from './task-live';

/** The selected task and the settings in force for it. */
export interface TaskConfig {
	task: ClassificationTask;
	consensus: TaskConsensus;
	overlap: number;
}

/** What the outcomes were computed from; a field that differs means a recompute. */
interface Basis {
	live: TaskLive;
	method: TaskConsensus['method'];
	aggregate: AggregateResult | undefined;
	/** The run whose rule findings apply (it ran for this task and label set). */
	findings: ModelRun | undefined;
	reviews: number;
	reviewers: string;
}

/** The selected task's figures, each computed for the settings in force. */
export interface Current extends TaskConfig {
	live: TaskLive;
	outcomes: Outcomes;
	inputs: OutcomeInputs;
	/** The last model run when it ran for this task and method. */
	run: ModelRun | undefined;
	findings: readonly Finding[];
	basis: Basis;
}

const sameBasis = (a: Basis, b: Basis) =>
	(Object.keys(a) as (keyof Basis)[]).every((k) => a[k] === b[k]);

function figuresOf(
	stats: TaskStats,
	outcomes: Outcomes,
	cur: Pick<Current, 'inputs' | 'run' | 'findings'> | undefined
): DashboardFigures {
	const errors: string[] = [];
	for (const [item, rs] of cur?.inputs.reasons ?? [])
		if (rs.some((r) => r.reason === 'label-error')) errors.push(item);
	return dashboardFigures({
		stats,
		outcomes,
		aggregate: cur?.run?.aggregate,
		rules: cur?.findings ?? [],
		labelErrorItems: errors
	});
}

export class TaskFigures {
	readonly #store: ProjectStore;
	#live: TaskLive | undefined;
	#outcomes: Outcomes | undefined;
	#inputs: OutcomeInputs | undefined;
	#basis: Basis | undefined;
	#memo:
		| { basis: Basis; changes: number; figures?: DashboardFigures; accuracy?: AnnotatorAccuracy[] }
		| undefined;
	#empty: { stats: TaskStats; outcomes: Outcomes; figures?: DashboardFigures } | undefined;

	constructor(store: ProjectStore) {
		this.#store = store;
	}

	/** The figures for `c`, rebuilt where what they were computed for differs. */
	current(c: TaskConfig, last: ModelRun | undefined, reviewers: Set<string> | undefined): Current {
		const { task, consensus, overlap } = c;
		const lc = {
			task,
			overlap,
			threshold: consensus.threshold,
			ties: consensus.ties,
			seed: consensus.seed
		};
		let live = this.#live;
		if (live?.key !== liveConfigKey(lc)) live = this.#live = new TaskLive(this.#store, lc);
		const run = last?.key === modelKey(task, consensus.method) ? last : undefined;
		const basis: Basis = {
			live,
			method: consensus.method,
			aggregate: run?.aggregate,
			findings: last?.rulesKey === rulesKey(task) ? last : undefined,
			reviews: this.#store.stamp('reviews'),
			reviewers: reviewers ? [...reviewers].sort().join(',') : '*'
		};
		if (!this.#basis || !this.#outcomes || !this.#inputs || !sameBasis(basis, this.#basis)) {
			const inputs = outcomeInputsOf({
				store: this.#store,
				task: task.id,
				stats: live.stats,
				method: consensus.method,
				aggregate: run?.aggregate,
				findings: basis.findings && { list: basis.findings.findings, at: basis.findings.at },
				reviewers
			});
			if (this.#outcomes) this.#outcomes.reset(inputs);
			else this.#outcomes = new Outcomes(inputs);
			this.#inputs = inputs;
			this.#basis = basis;
		}
		const findings = this.#basis.findings?.findings ?? [];
		return {
			...c,
			live,
			outcomes: this.#outcomes,
			inputs: this.#inputs,
			run,
			findings,
			basis: this.#basis
		};
	}

	figures(cur: Current | undefined): DashboardFigures {
		if (!cur) {
			const e = this.empty();
			return (e.figures ??= figuresOf(e.stats, e.outcomes, undefined));
		}
		const memo = this.#memoOf(cur);
		return (memo.figures ??= figuresOf(cur.live.stats, cur.outcomes, cur));
	}

	accuracy(cur: Current | undefined): AnnotatorAccuracy[] {
		if (!cur) return [];
		const memo = this.#memoOf(cur);
		return (memo.accuracy ??= annotatorAccuracy(
			cur.live.stats,
			cur.inputs.gold,
			cur.run?.aggregate
		));
	}

	/** Empty sums and outcomes, for a project without a classification task. */
	empty(): { stats: TaskStats; outcomes: Outcomes; figures?: DashboardFigures } {
		if (this.#empty) return this.#empty;
		const stats = new TaskStats({ overlap: 1, threshold: 1 });
		const outcomes = new Outcomes({
			stats,
			method: 'mv',
			decisions: new Map(),
			gold: new Map(),
			reasons: new Map()
		});
		return (this.#empty = { stats, outcomes });
	}

	#memoOf(cur: Current) {
		const changes = cur.live.changes;
		if (this.#memo?.basis !== cur.basis || this.#memo.changes !== changes)
			this.#memo = { basis: cur.basis, changes };
		return this.#memo;
	}
}
