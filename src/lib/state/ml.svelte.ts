/**
 * The project's text model (issue 7): train on the labels of a classification task in a worker,
 * with progress and cancel; suggestions (pre-labels) for every item, kept on this device only
 * (Dexie `predictions`); accepting one writes my own annotation with `source: 'model'`; likely
 * label errors (k-fold out-of-fold probabilities → confident learning) beside annotator
 * disagreement, each sendable to review. TF.js lives only in the worker, started on first use.
 */
import {
	annotationKey,
	type Annotation,
	type AnnotatorId,
	type ClassificationTask,
	type EpochMs,
	type Item,
	type ItemId,
	type LabelId,
	type ReviewFlag
} from '$lib/core/types';
import type { TextClient } from '$lib/ml/text/client';
import { labelErrorsFind } from '$lib/ml/text/label-errors';
import {
	CancelledError,
	textModelIs,
	type TextModelMeta,
	type TrainProgress
} from '$lib/ml/text/protocol';
import { predictionSource, type PredictionRow } from '$lib/storage/db';
import type { PredictionsRepo } from '$lib/storage/predictions-repo';
import {
	ORIGIN,
	annotationRead,
	annotationWrite,
	flagsRead,
	flagWrite,
	logAppend
} from '$lib/sync/doc';
import type { ProjectSession } from './project-session.svelte';
import type { QueueSignals } from './queue-order';

/** Labeled items needed per class, in at least two classes, before training. */
export const MIN_PER_CLASS = 5;
/** Items per predict request, so one message never holds the whole project. */
const PREDICT_CHUNK = 2000;

export interface MlDeps {
	predictions: PredictionsRepo;
	/** Starts the text worker (lazily, on first use). */
	workerStart(): { client: TextClient; stop(): void };
	prefs: {
		get<T>(key: string): Promise<T | undefined>;
		set(key: string, v: unknown): Promise<void>;
	};
	now(): number;
}

export interface MlSettings {
	/** Suggestions below this confidence are not shown, 0–1. */
	threshold: number;
	/** Train again after this many new labels; 0 = only by hand. */
	autoEvery: number;
}

export const ML_DEFAULTS: MlSettings = { threshold: 0.6, autoEvery: 0 };

export interface LabelIssueRow {
	item: ItemId;
	text: string;
	given: LabelId;
	suggested: LabelId;
	pGiven: number;
	pSuggested: number;
	score: number;
}

export interface DisagreementRow {
	item: ItemId;
	text: string;
	answers: { annotator: AnnotatorId; name: string; label: LabelId }[];
	/** Share of annotators who chose the most common label. */
	agreement: number;
}

type Busy = 'training' | 'predicting' | 'checking' | undefined;

/** The text of an item for a task: its task field, or the item's own text. */
export function itemText(item: Item | undefined, task: ClassificationTask): string | undefined {
	if (!item) return undefined;
	if (task.field) {
		const f = item.fields?.[task.field];
		return f?.kind === 'text' ? f.text : undefined;
	}
	if (item.text !== undefined) return item.text;
	if (item.fields) for (const f of Object.values(item.fields)) if (f.kind === 'text') return f.text;
	return undefined;
}

export class ProjectModel {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: MlDeps;
	#worker: { client: TextClient; stop(): void } | undefined;
	#cancel: (() => void) | undefined;
	#unsub: () => void;
	#loaded = false;

	meta = $state.raw<TextModelMeta | undefined>(undefined);
	busy = $state<Busy>(undefined);
	progress = $state.raw<TrainProgress | undefined>(undefined);
	error = $state('');
	/** A short, polite message of the last finished action. */
	status = $state('');
	settings = $state.raw<MlSettings>(ML_DEFAULTS);
	/** Suggestions by item, for the chosen task. */
	predictions = $state.raw<ReadonlyMap<ItemId, PredictionRow>>(new Map());
	/**
	 * Other models' class probabilities for the chosen task (an image model, a model the user
	 * brought), averaged per item: the queue orders items the text model has not scored by these.
	 */
	otherProbs = $state.raw<ReadonlyMap<ItemId, number[]>>(new Map());
	issues = $state.raw<LabelIssueRow[] | undefined>(undefined);
	/** Bumped when review flags may have changed. */
	flagsVersion = $state(0);

	constructor(session: ProjectSession, me: AnnotatorId, deps: MlDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
		this.#unsub = session.index.subscribe((c) => {
			if (c.annotations) this.#autoTrainMaybe();
		});
	}

	get #key(): string {
		return `indexeddb://quorum-text/${this.#s.id}/${this.task?.id ?? 'none'}`;
	}

	get #prefKey(): string {
		return `ml:${this.#s.id}`;
	}

	/** The classification task the model learns (the schema's first). */
	get task(): ClassificationTask | undefined {
		return this.#s.schema.tasks.find((t): t is ClassificationTask => t.type === 'classification');
	}

	/** Loads settings and suggestions from this device (no worker); call before showing them. */
	async open(): Promise<void> {
		if (this.#loaded) return;
		this.#loaded = true;
		const saved = await this.#deps.prefs.get<Partial<MlSettings>>(this.#prefKey);
		this.settings = { ...ML_DEFAULTS, ...saved };
		await this.#predictionsReload();
	}

	/** Starts the worker and reads the saved model's metadata (the Model page). */
	async modelLoad(): Promise<void> {
		await this.open();
		if (!this.task) return;
		try {
			this.meta = (await this.#client().call('load', { key: this.#key }).promise).meta ?? undefined;
		} catch (e) {
			this.error = `Could not read the saved model: ${errorText(e)}`;
		}
	}

	async settingsSet(patch: Partial<MlSettings>): Promise<void> {
		this.settings = { ...this.settings, ...patch };
		await this.#deps.prefs.set(this.#prefKey, this.settings);
	}

	#client(): TextClient {
		this.#worker ??= this.#deps.workerStart();
		return this.#worker.client;
	}

	/** One label per item for the task: the majority of single-label answers (ties: schema order). */
	examples(): { item: ItemId; text: string; y: number }[] {
		void this.#s.version;
		const task = this.task;
		if (!task) return [];
		const index = new Map(task.labels.map((l, i) => [l.id as string, i]));
		const out: { item: ItemId; text: string; y: number }[] = [];
		for (const id of this.#s.index.order) {
			const counts = new Array<number>(task.labels.length).fill(0);
			let any = false;
			for (const a of this.#s.index.annotationsOf(id)) {
				if (a.task !== task.id || a.value.type !== 'classification' || a.value.labels.length !== 1)
					continue;
				const k = index.get(a.value.labels[0] as string);
				if (k === undefined) continue;
				counts[k] = (counts[k] as number) + 1;
				any = true;
			}
			if (!any) continue;
			const text = itemText(this.#s.index.item(id), task);
			if (text === undefined) continue;
			out.push({ item: id, text, y: counts.indexOf(Math.max(...counts)) });
		}
		return out;
	}

	/** Labeled items per label, for the readiness message. */
	get classCounts(): number[] {
		const task = this.task;
		const counts = new Array<number>(task?.labels.length ?? 0).fill(0);
		for (const e of this.examples()) counts[e.y] = (counts[e.y] as number) + 1;
		return counts;
	}

	/** Why training cannot start yet, or '' when it can. */
	get notReady(): string {
		const task = this.task;
		if (!task) return 'Add a classification task with labels first.';
		if (task.labels.length < 2) return 'The task needs at least 2 labels.';
		if (task.multi) return 'Multi-label tasks are not supported by the text model in this version.';
		const ok = this.classCounts.filter((c) => c >= MIN_PER_CLASS).length;
		if (ok < 2)
			return `Label at least ${MIN_PER_CLASS} items of 2 different labels first (now: ${this.classCounts
				.map((c, i) => `${task.labels[i]?.name} ${c}`)
				.join(', ')}).`;
		return '';
	}

	/** Trains on the current labels, saves the model, then writes fresh suggestions. */
	async train(): Promise<void> {
		const task = this.task;
		if (this.busy || !task || this.notReady) return;
		const ex = this.examples();
		this.error = '';
		this.status = '';
		this.busy = 'training';
		this.progress = { phase: 'features', epoch: 0, epochs: 0 };
		const call = this.#client().call(
			'train',
			{
				key: this.#key,
				texts: ex.map((e) => e.text),
				y: ex.map((e) => e.y),
				labels: task.labels.map((l) => l.id),
				labelNames: task.labels.map((l) => l.name),
				now: this.#deps.now()
			},
			(p) => (this.progress = p)
		);
		this.#cancel = call.cancel;
		try {
			this.meta = (await call.promise).meta;
			this.status = `Trained on ${ex.length} items.`;
		} catch (e) {
			this.#failed(e, 'Training');
			return;
		} finally {
			this.busy = undefined;
			this.#cancel = undefined;
		}
		await this.predict();
	}

	cancel(): void {
		this.#cancel?.();
	}

	/** Suggestions for every item of the task with text (shown only where I have not labeled). */
	async predict(): Promise<void> {
		const task = this.task;
		if (this.busy || !task || !this.meta) return;
		const ids: ItemId[] = [];
		const texts: string[] = [];
		for (const id of this.#s.index.order) {
			const t = itemText(this.#s.index.item(id), task);
			if (t === undefined) continue;
			ids.push(id);
			texts.push(t);
		}
		this.busy = 'predicting';
		this.error = '';
		const meta = this.meta;
		try {
			const rows: PredictionRow[] = [];
			for (let s = 0; s < texts.length; s += PREDICT_CHUNK) {
				this.progress = { phase: 'train', epoch: s, epochs: texts.length };
				const call = this.#client().call('predict', {
					key: this.#key,
					texts: texts.slice(s, s + PREDICT_CHUNK)
				});
				this.#cancel = call.cancel;
				const { probs, classes } = await call.promise;
				const at = this.#deps.now();
				for (let i = 0; i * classes < probs.length; i++) {
					const p = Array.from(probs.subarray(i * classes, (i + 1) * classes));
					let best = 0;
					for (let k = 1; k < classes; k++) if ((p[k] as number) > (p[best] as number)) best = k;
					rows.push({
						project: this.#s.id,
						task: task.id,
						item: ids[s + i] as string,
						model: meta.model,
						source: predictionSource(meta.model),
						value: { type: 'classification', labels: [meta.labels[best]] },
						confidence: p[best] as number,
						probs: this.#schemaOrder(p, meta.labels, task),
						at
					});
				}
			}
			// Only the text model's own suggestions: an image model's for this task stay.
			await this.#deps.predictions.clearTask(this.#s.id, task.id, textModelIs);
			await this.#deps.predictions.putMany(rows);
			await this.#predictionsReload();
			this.status = `${this.suggestedCount} suggestions at or above ${Math.round(this.settings.threshold * 100)}% confidence.`;
		} catch (e) {
			this.#failed(e, 'Predicting');
		} finally {
			this.busy = undefined;
			this.#cancel = undefined;
			this.progress = undefined;
		}
	}

	/** Probabilities re-ordered from the model's labels to the schema's current label order. */
	#schemaOrder(p: number[], modelLabels: string[], task: ClassificationTask): number[] {
		return task.labels.map((l) => {
			const i = modelLabels.indexOf(l.id);
			return i < 0 ? 0 : (p[i] as number);
		});
	}

	async #predictionsReload(): Promise<void> {
		const task = this.task;
		if (!task) return;
		const rows = await this.#deps.predictions.ofTask(this.#s.id, task.id);
		// Image suggestions for the same task are shown and accepted by MediaSuggestions.
		this.predictions = new Map(
			rows.filter((r) => textModelIs(r.model)).map((r) => [r.item as ItemId, r])
		);
		const K = task.labels.length;
		const sums = new Map<ItemId, { p: number[]; n: number }>();
		for (const r of rows) {
			if (textModelIs(r.model) || r.probs?.length !== K) continue;
			const id = r.item as ItemId;
			const acc = sums.get(id) ?? { p: new Array<number>(K).fill(0), n: 0 };
			r.probs.forEach((x, k) => (acc.p[k] = (acc.p[k] as number) + x));
			acc.n++;
			sums.set(id, acc);
		}
		this.otherProbs = new Map([...sums].map(([id, { p, n }]) => [id, p.map((x) => x / n)]));
	}

	/** Re-reads the stored suggestions (another model may have suggested since `open`). */
	async suggestionsReload(): Promise<void> {
		await this.#predictionsReload();
	}

	/** Items with a suggestion at or above the threshold that nobody has labeled. */
	get suggestedCount(): number {
		void this.#s.version;
		let n = 0;
		for (const [id, r] of this.predictions)
			if (r.confidence >= this.settings.threshold && !this.#s.index.isLabeled(id)) n++;
		return n;
	}

	/** The suggestion for an item, if it is confident enough and I have not answered yet. */
	suggestionFor(item: ItemId | undefined): PredictionRow | undefined {
		const task = this.task;
		if (!item || !task) return undefined;
		const r = this.predictions.get(item);
		if (!r || r.confidence < this.settings.threshold) return undefined;
		const labels = (r.value as { labels?: string[] }).labels ?? [];
		if (!labels.every((l) => task.labels.some((x) => x.id === l))) return undefined;
		return r;
	}

	/** Accepts a suggestion as my own answer (`source: 'model'`), one undoable step. */
	accept(row: PredictionRow): void {
		const task = this.task;
		if (!task || row.task !== task.id) return;
		const item = row.item as ItemId;
		const now = this.#deps.now();
		const prev = annotationRead(this.#s.p, annotationKey(item, task.id, this.#me));
		const a: Annotation = {
			item,
			task: task.id,
			annotator: this.#me,
			value: row.value as Annotation['value'],
			source: 'model',
			model: row.model,
			confidence: row.confidence,
			startedAt: (prev?.startedAt ?? now) as EpochMs,
			savedAt: now as EpochMs,
			ms: prev?.ms ?? 0
		};
		this.#s.p.doc.transact(() => {
			annotationWrite(this.#s.p, a);
			logAppend(this.#s.p, {
				at: now as EpochMs,
				who: this.#me,
				what: 'label',
				item,
				detail: `accepted ${row.model}`
			});
		}, ORIGIN.LOCAL);
	}

	/** k-fold out-of-fold probabilities → confident learning: the ranked list of likely errors. */
	async findLabelErrors(): Promise<void> {
		const task = this.task;
		if (this.busy || !task || this.notReady) return;
		const ex = this.examples();
		this.busy = 'checking';
		this.error = '';
		this.status = '';
		this.progress = { phase: 'fold', epoch: 0, epochs: 0, fold: 0, folds: 5 };
		const call = this.#client().call(
			'oof',
			{
				texts: ex.map((e) => e.text),
				y: ex.map((e) => e.y),
				classes: task.labels.length,
				folds: 5
			},
			(p) => (this.progress = p)
		);
		this.#cancel = call.cancel;
		try {
			const { probs } = await call.promise;
			const found = labelErrorsFind(
				probs,
				ex.map((e) => e.y),
				task.labels.length
			);
			this.issues = found.map((f) => {
				const e = ex[f.row] as (typeof ex)[number];
				return {
					item: e.item,
					text: e.text,
					given: task.labels[f.given]?.id as LabelId,
					suggested: task.labels[f.suggested]?.id as LabelId,
					pGiven: f.pGiven,
					pSuggested: f.pSuggested,
					score: f.score
				};
			});
			this.status = `Checked ${ex.length} labeled items: ${found.length} likely label errors.`;
		} catch (e) {
			this.#failed(e, 'Finding label errors');
		} finally {
			this.busy = undefined;
			this.#cancel = undefined;
			this.progress = undefined;
		}
	}

	/** Items of the task whose annotators chose different labels, least agreement first. */
	get disagreements(): DisagreementRow[] {
		void this.#s.version;
		const task = this.task;
		const collab = this.#s.collab;
		if (!task) return [];
		const names = new Map((collab?.members() ?? []).map((m) => [m.id as string, m.name]));
		const out: DisagreementRow[] = [];
		for (const id of this.#s.index.order) {
			const answers: DisagreementRow['answers'] = [];
			for (const a of this.#s.index.annotationsOf(id))
				if (a.task === task.id && a.value.type === 'classification' && a.value.labels.length === 1)
					answers.push({
						annotator: a.annotator,
						name: names.get(a.annotator) ?? a.annotator.slice(0, 8),
						label: a.value.labels[0] as LabelId
					});
			if (answers.length < 2) continue;
			const counts = new Map<string, number>();
			for (const a of answers) counts.set(a.label, (counts.get(a.label) ?? 0) + 1);
			if (counts.size < 2) continue;
			out.push({
				item: id,
				text: itemText(this.#s.index.item(id), task) ?? '',
				answers,
				agreement: Math.max(...counts.values()) / answers.length
			});
		}
		return out.sort((a, b) => a.agreement - b.agreement);
	}

	/**
	 * Signals for the queue strategies: each item's class probabilities (the text model's, else the
	 * other models' mean) and its answers.
	 */
	queueSignals(seed: number): QueueSignals {
		const task = this.task;
		const index = new Map(task?.labels.map((l, i) => [l.id as string, i]) ?? []);
		const probs = new Map<ItemId, number[]>(this.otherProbs);
		for (const [id, r] of this.predictions) if (r.probs) probs.set(id, r.probs);
		const answers = new Map<ItemId, number[]>();
		for (const id of this.#s.index.order) {
			const a: number[] = [];
			for (const x of this.#s.index.annotationsOf(id))
				if (
					x.task === task?.id &&
					x.value.type === 'classification' &&
					x.value.labels.length === 1
				) {
					const k = index.get(x.value.labels[0] as string);
					if (k !== undefined) a.push(k);
				}
			if (a.length) answers.set(id, a);
		}
		return { probs, answers, seed };
	}

	/** Items of the task already sent to review (any reason, anyone). */
	get flagged(): ReadonlySet<ItemId> {
		void this.flagsVersion;
		void this.#s.version;
		const task = this.task;
		return new Set(
			flagsRead(this.#s.p)
				.filter((f) => f.task === task?.id)
				.map((f) => f.item)
		);
	}

	sendToReview(item: ItemId, reason: ReviewFlag['reason'], detail: string, score?: number): void {
		const task = this.task;
		if (!task) return;
		flagWrite(this.#s.p, {
			item,
			task: task.id,
			reason,
			by: this.#me,
			at: this.#deps.now() as EpochMs,
			score,
			detail
		});
		this.flagsVersion++;
	}

	labelName(id: string | undefined): string {
		return this.task?.labels.find((l) => l.id === id)?.name ?? '(removed label)';
	}

	#failed(e: unknown, what: string): void {
		if (e instanceof CancelledError) this.status = `${what} cancelled.`;
		else this.error = `${what} failed: ${errorText(e)}`;
	}

	#autoBase = -1;
	#autoTrainMaybe(): void {
		const every = this.settings.autoEvery;
		if (!every || this.busy || !this.#loaded) return;
		const n = this.examples().length;
		const base =
			this.meta?.trainedOn ?? (this.#autoBase < 0 ? (this.#autoBase = n) : this.#autoBase);
		if (n - base >= every && !this.notReady) void this.train();
	}

	/** Stops the worker (freeing TF.js) unless it is busy; it restarts on next use. */
	release(): void {
		if (this.busy || !this.#worker) return;
		this.#worker.stop();
		this.#worker = undefined;
	}

	destroy(): void {
		this.#unsub();
		this.#cancel?.();
		this.#worker?.stop();
		this.#worker = undefined;
	}
}

function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** One model per open project session, shared by the Model and Label pages. */
const models = new WeakMap<ProjectSession, ProjectModel>();

export function projectModel(
	session: ProjectSession,
	me: AnnotatorId,
	deps: () => MlDeps
): ProjectModel {
	let m = models.get(session);
	if (!m) {
		m = new ProjectModel(session, me, deps());
		models.set(session, m);
	}
	return m;
}
