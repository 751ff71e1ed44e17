/**
 * Quality control of one open project (issue 8): per classification task, live agreement and
 * consensus (core/quality/live), the review queue, reviewer decisions, gold items and the
 * dashboard's figures. Answers update one item at a time; the aggregation model (Dawid–Skene,
 * GLAD, MACE) and the rule checks rerun after a short pause, off the typing path.
 */
import { importedName, isImportedAnnotator } from '$lib/core/formats/interop/imported';
import { aggregateEncoded } from '$lib/core/quality/aggregate';
import type { AggregateResult } from '$lib/core/quality/aggregate/types';
import {
	annotatorAccuracy,
	latestDecisions,
	Outcomes,
	type Decided,
	type ExternalReason,
	type ItemOutcome
} from '$lib/core/quality/live/outcomes';
import { dashboardFigures, type DashboardFigures } from '$lib/core/quality/live/dashboard';
import { TaskStats } from '$lib/core/quality/live/task-stats';
import { csvRow } from '$lib/core/formats/csv-write';
import { rulesCheck, type Finding } from '$lib/core/quality/rules/rules';
import type { Annotation as RuleAnnotation, TaskSpec } from '$lib/core/quality/rules/types';
import {
	type Annotation,
	type AnnotatorId,
	type ClassificationTask,
	type EpochMs,
	type ItemId,
	type LabelId,
	type LogEvent,
	type Role,
	type TaskConsensus,
	type TaskId
} from '$lib/core/types';
import {
	decisionWrite,
	docGuardOnChange,
	flagsRead,
	flagWrite,
	goldDelete,
	goldWrite,
	logAppend,
	reviewsRead
} from '$lib/sync/doc';
import type { ProjectSession } from './project-session.svelte';

/** The category key of a classification answer: the label id, or sorted ids joined by `+`. */
export function answerKey(labels: readonly string[]): string {
	return [...labels].sort().join('+');
}

export function keyLabels(key: string): LabelId[] {
	return key === '' ? [] : (key.split('+') as LabelId[]);
}

/** Rules that send an item to review. `too-fast` describes an annotator, not an item. */
const REVIEW_RULES = new Set<Finding['rule']>([
	'label-outside-schema',
	'unknown-task',
	'missing-required-task'
]);

export const HEAVY_DELAY_MS = 800;

export class QualityState {
	#s: ProjectSession;
	#me: AnnotatorId;
	#now: () => number;
	#unsubs: (() => void)[] = [];
	#heavyTimer: ReturnType<typeof setTimeout> | undefined;
	#stats: TaskStats;
	#outcomes: Outcomes;
	#aggregate: AggregateResult | undefined;
	#reasons = new Map<string, ExternalReason[]>();

	taskId = $state<TaskId | undefined>(undefined);
	/** Bumped whenever a figure changed; views read through it. */
	version = $state(0);
	/** When the aggregation model and the rules last ran (ms), or undefined before the first run. */
	modelAt = $state<number | undefined>(undefined);
	findings = $state.raw<Finding[]>([]);
	aggregateError = $state<string | undefined>(undefined);

	constructor(session: ProjectSession, me: AnnotatorId, now: () => number = Date.now) {
		this.#s = session;
		this.#me = me;
		this.#now = now;
		this.taskId = this.tasks[0]?.id;
		this.#stats = this.#statsBuild();
		this.#outcomes = new Outcomes(this.#inputs());
		this.#unsubs.push(
			session.index.subscribe((c) => {
				if (c.meta) {
					const t = this.tasks.find((x) => x.id === this.taskId) ?? this.tasks[0];
					if (t?.id !== this.taskId || this.#configChanged()) this.select(t?.id);
					return;
				}
				if (!c.annotations || c.touched.size === 0) return;
				this.#answersSync(c.touched);
				this.#outcomes.refresh(c.touched);
				this.version++;
				this.#heavySoon();
			})
		);
		const onReviews = () => {
			this.#outcomes.reset(this.#inputs());
			this.version++;
		};
		session.p.reviews.observe(onReviews);
		this.#unsubs.push(() => session.p.reviews.unobserve(onReviews));
		// Signed projects: reviews count once their signatures are checked (sync/trust.ts).
		this.#unsubs.push(docGuardOnChange(session.p.doc, onReviews));
		this.#heavySoon(0);
	}

	destroy(): void {
		clearTimeout(this.#heavyTimer);
		for (const u of this.#unsubs) u();
	}

	/** Classification tasks: the ones consensus and aggregation apply to. */
	get tasks(): ClassificationTask[] {
		return this.#s.schema.tasks.filter((t): t is ClassificationTask => t.type === 'classification');
	}

	get task(): ClassificationTask | undefined {
		return this.tasks.find((t) => t.id === this.taskId);
	}

	get consensus(): TaskConsensus {
		const s = this.#s.settings;
		return (
			(this.taskId && s.consensus?.[this.taskId]) || {
				method: 'mv',
				threshold: s.consensusThreshold
			}
		);
	}

	get stats(): TaskStats {
		void this.version;
		return this.#stats;
	}

	get outcomes(): Outcomes {
		void this.version;
		return this.#outcomes;
	}

	get aggregateResult(): AggregateResult | undefined {
		void this.version;
		return this.#aggregate;
	}

	get accuracy() {
		void this.version;
		return annotatorAccuracy(this.#stats, this.#goldLabels(), this.#aggregate);
	}

	get figures(): DashboardFigures {
		void this.version;
		const errors: string[] = [];
		for (const [item, rs] of this.#reasons)
			if (rs.some((r) => r.reason === 'label-error')) errors.push(item);
		return dashboardFigures({
			stats: this.#stats,
			outcomes: this.#outcomes,
			aggregate: this.#aggregate,
			rules: this.findings,
			labelErrorItems: errors
		});
	}

	/** The quality report of the selected task: settings, figures, accuracy and every outcome. */
	report(): { json: string; csv: string } {
		const rows = outcomeRows(this, this.#outcomes.all());
		const json = JSON.stringify(
			{
				project: this.#s.name,
				task: this.task?.name,
				consensus: this.consensus,
				overlap: this.#s.settings.overlap,
				modelAt: this.modelAt,
				figures: this.figures,
				annotators: this.accuracy.map((a) => ({ ...a, name: this.memberName(a.annotator) })),
				items: rows
			},
			(_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
			2
		);
		const header = [
			'item',
			'label',
			'confidence',
			'agreement',
			'answers',
			'status',
			'method',
			'reasons'
		];
		const lines = [csvRow(header)];
		for (const r of rows) lines.push(csvRow(header.map((h) => String(r[h as keyof typeof r]))));
		const csv = lines.join('\r\n') + '\r\n';
		return { json, csv };
	}

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
		const m: unknown = this.#s.p.members.get(id);
		const name = (m as { name?: unknown } | undefined)?.name;
		if (typeof name === 'string' && name) return name;
		if (isImportedAnnotator(id)) return importedName(id);
		return id === this.#me ? 'You' : id.slice(0, 8);
	}

	labelName(key: string): string {
		const labels = this.task?.labels ?? [];
		return (
			keyLabels(key)
				.map((id) => labels.find((l) => l.id === id)?.name ?? `(removed label ${id})`)
				.join(' + ') || '(no label)'
		);
	}

	select(task: TaskId | undefined): void {
		this.taskId = task;
		this.#aggregate = undefined;
		this.#stats = this.#statsBuild();
		this.#outcomes.reset(this.#inputs());
		this.version++;
		this.#heavySoon(0);
	}

	/** Saves a task's consensus method and threshold in the project settings (syncs). */
	consensusSet(c: TaskConsensus): void {
		if (!this.taskId) return;
		this.#s.settingsSet({
			consensus: { ...(this.#s.settings.consensus ?? {}), [this.taskId]: c }
		});
	}

	/** The annotations of an item for the selected task, one per annotator. */
	annotationsOf(item: ItemId): Annotation[] {
		return this.#s.index.annotationsOf(item).filter((a) => a.task === this.taskId);
	}

	/** A reviewer's final answer: accept one annotator's answer or set labels directly. */
	decide(item: ItemId, labels: readonly LabelId[], from?: AnnotatorId): void {
		if (!this.canReview || !this.taskId) throw new Error('Only owners and reviewers can review.');
		const at = this.#now() as EpochMs;
		decisionWrite(this.#s.p, {
			item,
			task: this.taskId,
			value: { type: 'classification', labels: [...labels] },
			by: this.#me,
			at,
			...(from ? { from } : {})
		});
		this.#log('review', item, `${this.labelName(answerKey(labels))}${from ? ' (accepted)' : ''}`);
	}

	goldSet(item: ItemId, labels: readonly LabelId[]): void {
		if (!this.canReview || !this.taskId) throw new Error('Only owners and reviewers can set gold.');
		goldWrite(this.#s.p, {
			item,
			task: this.taskId,
			value: { type: 'classification', labels: [...labels] },
			by: this.#me,
			at: this.#now() as EpochMs
		});
		this.#log('gold', item, this.labelName(answerKey(labels)));
	}

	goldClear(item: ItemId): void {
		if (!this.canReview || !this.taskId) return;
		goldDelete(this.#s.p, { item, task: this.taskId });
		this.#log('gold', item, 'cleared');
	}

	/** Flags and rule findings on an item of the selected task, with their evidence. */
	flagsOf(item: ItemId): ExternalReason[] {
		void this.version;
		return this.#reasons.get(item) ?? [];
	}

	isGold(item: ItemId): boolean {
		void this.version;
		return this.#goldLabels().has(item);
	}

	/** Sends an item to review by hand. */
	flag(item: ItemId, detail = 'flagged by hand'): void {
		if (!this.taskId) return;
		flagWrite(this.#s.p, {
			item,
			task: this.taskId,
			reason: 'manual',
			by: this.#me,
			at: this.#now() as EpochMs,
			detail
		});
		this.#log('flag', item, detail);
	}

	/** Appends a disputed item to the guidelines as an example or an edge case. */
	guidelinesAdd(item: ItemId, label: string, kind: 'example' | 'edge case'): void {
		const it = this.#s.index.item(item);
		const text = (it?.text ?? it?.media?.name ?? item).replace(/\s+/g, ' ').slice(0, 500);
		const heading = kind === 'example' ? 'Examples' : 'Edge cases';
		const g = this.#s.p.guidelines;
		const cur = g.toString();
		const block =
			(cur.includes(`## ${heading}`) ? '' : `\n\n## ${heading}\n`) +
			`\n- “${text}” → **${this.labelName(label)}**`;
		this.#s.p.doc.transact(() => {
			if (cur.includes(`## ${heading}`)) {
				// Insert at the end of that section (before the next heading, or at the end).
				const start = cur.indexOf(`## ${heading}`);
				const next = cur.indexOf('\n## ', start + 3);
				g.insert(next === -1 ? cur.length : next, block);
			} else g.insert(cur.length, block);
		});
		this.#log('guidelines', item, `${kind}: ${this.labelName(label)}`);
	}

	/** The project's history, newest first, filtered by member and kind. */
	history(filter: { who?: string; what?: LogEvent['what'] } = {}): LogEvent[] {
		void this.version;
		const out: LogEvent[] = [];
		const log = this.#s.p.log.toArray() as LogEvent[];
		for (let i = log.length - 1; i >= 0; i--) {
			const e = log[i] as LogEvent;
			if (filter.who && e.who !== filter.who) continue;
			if (filter.what && e.what !== filter.what) continue;
			out.push(e);
		}
		return out;
	}

	/** Runs the aggregation model and rules now (the view calls this on demand, tests too). */
	heavyRun(): void {
		clearTimeout(this.#heavyTimer);
		const task = this.task;
		if (!task) return;
		const method = this.consensus.method === 'mv' ? 'ds' : this.consensus.method;
		try {
			this.#aggregate = this.#stats.answerCount
				? aggregateEncoded(this.#stats.encoded(task.labels.map((l) => l.id)), method)
				: undefined;
			this.aggregateError = undefined;
		} catch (e) {
			this.#aggregate = undefined;
			this.aggregateError = e instanceof Error ? e.message : String(e);
		}
		this.findings = this.#rules(task);
		this.modelAt = this.#now();
		this.#outcomes.reset(this.#inputs());
		this.version++;
	}

	#heavySoon(delay = HEAVY_DELAY_MS): void {
		clearTimeout(this.#heavyTimer);
		this.#heavyTimer = setTimeout(() => this.heavyRun(), delay);
	}

	#configChanged(): boolean {
		const c = this.consensus;
		return (
			c.threshold !== this.#stats.threshold || this.#s.settings.overlap !== this.#stats.overlap
		);
	}

	#statsBuild(): TaskStats {
		const stats = new TaskStats({
			overlap: this.#s.settings.overlap,
			threshold: this.consensus.threshold,
			labels: this.task?.labels.map((l) => l.id)
		});
		const task = this.taskId;
		if (!task) return stats;
		const answers = [];
		for (const id of this.#s.index.order)
			for (const a of this.#s.index.annotationsOf(id))
				if (a.task === task && a.value.type === 'classification' && a.value.labels.length)
					answers.push(this.#live(a));
		stats.load(answers);
		return stats;
	}

	#live(a: Annotation) {
		return {
			item: a.item,
			annotator: a.annotator,
			label: a.value.type === 'classification' ? answerKey(a.value.labels) : '',
			savedAt: a.savedAt,
			ms: a.ms
		};
	}

	#answersSync(items: Iterable<ItemId>): void {
		for (const item of items) {
			const now = new Map<string, Annotation>();
			for (const a of this.annotationsOf(item))
				if (a.value.type === 'classification' && a.value.labels.length) now.set(a.annotator, a);
			for (const old of this.#stats.answersOf(item))
				if (!now.has(old.annotator)) this.#stats.remove(item, old.annotator);
			for (const a of now.values()) {
				const live = this.#live(a);
				const old = this.#stats.answersOf(item).find((x) => x.annotator === a.annotator);
				if (!old || old.label !== live.label || old.savedAt !== live.savedAt || old.ms !== live.ms)
					this.#stats.set(live);
			}
		}
	}

	#goldLabels(): Map<string, string> {
		const out = new Map<string, string>();
		for (const g of reviewsRead(this.#s.p).gold)
			if (g.task === this.taskId && g.value.type === 'classification')
				out.set(g.item, answerKey(g.value.labels));
		return out;
	}

	#inputs() {
		const { decisions } = reviewsRead(this.#s.p);
		const decided: Decided[] = [];
		// In a shared project only owners' and reviewers' decisions count (issue 9 adds signatures).
		const members = this.#s.collab?.members();
		const reviewers = members
			? new Set(members.filter((m) => m.role !== 'annotator').map((m) => m.id as string))
			: undefined;
		for (const d of decisions)
			if (
				d.task === this.taskId &&
				d.value.type === 'classification' &&
				(!reviewers || reviewers.has(d.by))
			)
				decided.push({ item: d.item, label: answerKey(d.value.labels), at: d.at, by: d.by });
		const reasons = new Map<string, ExternalReason[]>();
		const add = (r: ExternalReason) => {
			const list = reasons.get(r.item) ?? [];
			list.push(r);
			reasons.set(r.item, list);
		};
		for (const f of flagsRead(this.#s.p))
			if (f.task === this.taskId && f.reason !== 'agreement')
				add({
					item: f.item,
					reason: f.reason,
					at: f.at,
					...(f.score !== undefined ? { score: f.score } : {}),
					...(f.detail ? { detail: f.detail } : {})
				});
		for (const f of this.findings)
			if (f.task === this.taskId && REVIEW_RULES.has(f.rule))
				add({ item: f.item, reason: 'rule', at: this.modelAt ?? 0, detail: f.message });
		this.#reasons = reasons;
		return {
			stats: this.#stats,
			method: this.consensus.method,
			aggregate: this.consensus.method === 'mv' ? undefined : this.#aggregate,
			decisions: latestDecisions(decided),
			gold: this.#goldLabels(),
			reasons
		};
	}

	#rules(task: ClassificationTask): Finding[] {
		const spec: TaskSpec = {
			id: task.id,
			type: task.multi ? 'classes' : 'class',
			labels: task.labels.map((l) => l.id),
			required: false
		};
		const anns: RuleAnnotation[] = [];
		for (const a of this.#stats.answers())
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

	#log(what: LogEvent['what'], item: ItemId, detail: string): void {
		logAppend(this.#s.p, { at: this.#now() as EpochMs, who: this.#me, what, item, detail });
	}
}

/** Items' outcomes as rows for tables and the report export. */
export function outcomeRows(q: QualityState, outcomes: Iterable<ItemOutcome>) {
	return [...outcomes].map((o) => ({
		item: o.item,
		label: q.labelName(o.label),
		confidence: o.confidence,
		agreement: o.agreement,
		answers: o.answers,
		status: o.status,
		method: o.method,
		reasons: o.reasons.join(' ')
	}));
}
