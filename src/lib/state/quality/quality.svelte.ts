/**
 * Quality control of one open project (issue 8), as a view over the project store: per
 * classification task, live agreement and consensus (core/quality/live), the review queue,
 * reviewer decisions, gold items and the dashboard's figures.
 *
 * - Answers update the sums one item at a time (annotation events name the items).
 * - Every figure is computed for the settings it depends on: a new threshold, overlap, method or
 *   label set (saved here, by a peer, or let through by the trust guard once signed) rebuilds
 *   what depends on it before it is shown again.
 * - The aggregation model and the rule checks rerun after a short pause, off the typing path; a
 *   result is used only for the task and method it ran for.
 */
import type { GuardedResult } from '$lib/core/quality/aggregate';
import type { AggregateResult } from '$lib/core/quality/aggregate/types';
import type { AnnotatorAccuracy, ExternalReason, Outcomes } from '$lib/core/quality/live/outcomes';
import type { DashboardFigures } from '$lib/core/quality/live/dashboard';
import type { TaskStats } from '$lib/core/quality/live/task-stats';
import type { Finding } from '$lib/core/quality/rules/rules';
import type {
	Annotation,
	AnnotatorId,
	ClassificationTask,
	ItemId,
	LabelSchema,
	LogEvent,
	Role,
	TaskConsensus,
	TaskId
} from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import type { ProjectSession } from '../project-session.svelte';
import { historyOf, type HistoryFilter } from './history';
import { modelRun, type ModelRun } from './model-run';
import { labelNameOf, memberNameOf } from './names';
import { qualityReport } from './report';
import { ReviewCommands, type ReviewContext } from './review-commands';
import { TaskFigures, type Current, type TaskConfig } from './task-figures';

export const HEAVY_DELAY_MS = 800;

/** Classification tasks: the ones consensus and aggregation apply to. */
function classificationTasks(schema: LabelSchema): ClassificationTask[] {
	return schema.tasks.filter((t): t is ClassificationTask => t.type === 'classification');
}

export class QualityState {
	readonly #s: ProjectSession;
	readonly #store: ProjectStore;
	readonly #me: AnnotatorId;
	readonly #now: () => number;
	readonly #off: (() => void)[] = [];
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** The task the user picked; the first classification task while unset or gone. */
	#chosen = $state<TaskId | undefined>(undefined);
	/** The last model run (it says which task and method it ran for). */
	#run = $state.raw<ModelRun | undefined>(undefined);
	readonly #figures: TaskFigures;
	/** Final answers, gold, flags and guidelines entries for the selected task. */
	readonly review: ReviewCommands;

	constructor(session: ProjectSession, me: AnnotatorId, now: () => number = Date.now) {
		this.#s = session;
		this.#store = session.store;
		this.#me = me;
		this.#now = now;
		this.#figures = new TaskFigures(session.store);
		this.review = new ReviewCommands(() => this.#reviewContext());
		this.#off.push(
			this.#store.on('annotations', (c) => this.#answersChanged(c.items)),
			this.#store.on(['settings', 'schema'], () => this.#configChanged())
		);
		this.#modelSoon(0);
	}

	destroy(): void {
		clearTimeout(this.#timer);
		for (const off of this.#off) off();
	}

	// ---- settings ----

	get tasks(): ClassificationTask[] {
		return classificationTasks(this.#s.schema);
	}

	get task(): ClassificationTask | undefined {
		const tasks = this.tasks;
		return tasks.find((t) => t.id === this.#chosen) ?? tasks[0];
	}

	get taskId(): TaskId | undefined {
		return this.task?.id;
	}

	get consensus(): TaskConsensus {
		return this.#consensusOf(this.#s.settings, this.taskId);
	}

	select(task: TaskId | undefined): void {
		this.#chosen = task;
		this.#configChanged();
	}

	/** Saves a task's consensus method and threshold in the project settings (syncs). */
	consensusSet(c: TaskConsensus): void {
		const task = this.#config()?.task.id;
		if (!task) return;
		this.#store.settingsSet({
			consensus: { ...(this.#store.settings.consensus ?? {}), [task]: c }
		});
	}

	// ---- figures ----

	get stats(): TaskStats {
		return this.#view()?.live.stats ?? this.#figures.empty().stats;
	}

	get outcomes(): Outcomes {
		return this.#view()?.outcomes ?? this.#figures.empty().outcomes;
	}

	/** The aggregation model's result for the selected task and method, once it has run. */
	get aggregateResult(): AggregateResult | undefined {
		return this.#view()?.run?.aggregate;
	}

	/** The guard rail's verdict on the model's result (it may have fallen back to majority vote). */
	get aggregateGuard(): GuardedResult | undefined {
		return this.#view()?.run?.guard;
	}

	get aggregateError(): string | undefined {
		return this.#view()?.run?.error;
	}

	/** When the model and the rules last ran for the selected task and method (ms). */
	get modelAt(): number | undefined {
		return this.#view()?.run?.at;
	}

	get findings(): readonly Finding[] {
		return this.#view()?.findings ?? [];
	}

	get accuracy(): AnnotatorAccuracy[] {
		return this.#figures.accuracy(this.#view());
	}

	get figures(): DashboardFigures {
		return this.#figures.figures(this.#view());
	}

	/** Flags and rule findings on an item of the selected task, with their evidence. */
	flagsOf(item: ItemId): ExternalReason[] {
		return this.#view()?.inputs.reasons.get(item) ?? [];
	}

	isGold(item: ItemId): boolean {
		return this.#view()?.inputs.gold.has(item) ?? false;
	}

	/** The annotations of an item for the selected task, one per annotator. */
	annotationsOf(item: ItemId): Annotation[] {
		const task = this.taskId;
		return this.#s.annotationsOf(item).filter((a) => a.task === task);
	}

	/** The quality report of the selected task: settings, figures, accuracy and every outcome. */
	report(): { json: string; csv: string } {
		return qualityReport(this, { name: this.#s.name, overlap: this.#s.settings.overlap });
	}

	/** The project's history, newest first, filtered by member and kind. */
	history(filter: HistoryFilter = {}): LogEvent[] {
		this.#s.track('log');
		return historyOf(this.#store.log(), filter);
	}

	// ---- people and names ----

	/** My role: owner in a project that is not shared. */
	get role(): Role {
		const collab = this.#s.collab;
		if (!collab) return 'owner';
		return collab.members().find((m) => m.id === this.#me)?.role ?? 'annotator';
	}

	get canReview(): boolean {
		return this.role === 'owner' || this.role === 'reviewer';
	}

	memberName(id: string): string {
		this.#s.track('members');
		return memberNameOf(this.#store, this.#me, id);
	}

	labelName(key: string): string {
		return labelNameOf(this.task, key);
	}

	/** Runs the aggregation model and the rules now (the view calls this on demand, tests too). */
	heavyRun(): void {
		clearTimeout(this.#timer);
		const cur = this.#ensure();
		if (!cur) return;
		this.#run = modelRun({
			task: cur.task,
			method: cur.consensus.method,
			stats: cur.live.stats,
			at: this.#now()
		});
	}

	// ---- keeping the figures current ----

	#reviewContext(): ReviewContext {
		return {
			store: this.#store,
			me: this.#me,
			now: this.#now,
			task: this.taskId,
			canReview: this.canReview,
			labelName: (key) => this.labelName(key)
		};
	}

	#consensusOf(s: ProjectStore['settings'], task: TaskId | undefined): TaskConsensus {
		return (task && s.consensus?.[task]) || { method: 'mv', threshold: s.consensusThreshold };
	}

	/** The selected task and its settings, read fresh from the store (no tracking). */
	#config(): TaskConfig | undefined {
		const tasks = classificationTasks(this.#store.schema);
		const task = tasks.find((t) => t.id === this.#chosen) ?? tasks[0];
		if (!task) return undefined;
		const s = this.#store.settings;
		return { task, consensus: this.#consensusOf(s, task.id), overlap: s.overlap };
	}

	/** For getters: re-run the reading view after the changes figures depend on. */
	#view(): Current | undefined {
		this.#s.track('annotations', 'reviews', 'settings', 'schema', 'members');
		return this.#ensure();
	}

	/**
	 * The figures for the settings in force, recomputed where they differ from what they were
	 * built for. Writes no reactive state, so getters may call it inside a derived.
	 */
	#ensure(): Current | undefined {
		const c = this.#config();
		return c && this.#figures.current(c, this.#run, this.#reviewers());
	}

	/** In a shared project only owners' and reviewers' decisions count (signed in sync/trust). */
	#reviewers(): Set<string> | undefined {
		const members = this.#s.collab?.members();
		return members
			? new Set(members.filter((m) => m.role !== 'annotator').map((m) => m.id as string))
			: undefined;
	}

	#answersChanged(items: ReadonlySet<ItemId>): void {
		if (items.size === 0) return;
		const cur = this.#ensure();
		if (!cur) return;
		cur.live.sync(items);
		cur.outcomes.refresh(items);
		this.#modelSoon(HEAVY_DELAY_MS);
	}

	/** Settings or schema changed: recompute now if a figure depends on them, and rerun the model. */
	#configChanged(): void {
		const cur = this.#ensure();
		if (cur && !cur.run) this.#modelSoon(0);
	}

	#modelSoon(delay: number): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.heavyRun(), delay);
	}
}
