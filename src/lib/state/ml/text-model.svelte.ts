/**
 * The project's text model (issue 7): train on the labels of a classification task in a worker
 * (text-runner.svelte.ts), with progress and cancel; suggestions (pre-labels) for every item,
 * kept on this device only (text-suggestions.svelte.ts); likely label errors beside annotator
 * disagreement, each sendable to review (text-review.svelte.ts). TF.js lives only in the worker.
 */
import type { HeldOutReport } from '$lib/core/quality/calibration/held-out';
import type { AnnotatorId, ClassificationTask } from '$lib/core/types';
import { labelErrorsFind } from '$lib/ml/text/label-errors';
import type { TextModelMeta, TrainProgress } from '$lib/ml/text/protocol';
import type { PredictionsRepo } from '$lib/storage/predictions-repo';
import type { MlSession } from './session';
import { classCounts, notReadyText, textExamples, type TextExample } from './text-data';
import { textPredict } from './text-predict';
import { TextReview } from './text-review.svelte';
import { TextRunner, type TextBusy, type TextWorkerStart } from './text-runner.svelte';
import { TextSuggestions } from './text-suggestions.svelte';

export interface MlDeps {
	predictions: PredictionsRepo;
	/** Starts the text worker (lazily, on first use). */
	workerStart: TextWorkerStart;
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

export class ProjectModel {
	#s: MlSession;
	#deps: MlDeps;
	#runner: TextRunner;
	#unsub: () => void;
	#loaded = false;
	#opening: Promise<void> | undefined;
	#examples: { key: string; task: ClassificationTask; value: TextExample[] } | undefined;
	#autoBase = -1;
	#meta = $state.raw<TextModelMeta | undefined>(undefined);
	#settings = $state.raw<MlSettings>(ML_DEFAULTS);
	/** The text model's suggestions on this device, and other models' for its task. */
	readonly suggestions: TextSuggestions;
	/** Likely label errors and disagreements, sendable to review. */
	readonly review: TextReview;

	constructor(session: MlSession, me: AnnotatorId, deps: MlDeps) {
		this.#s = session;
		this.#deps = deps;
		this.#runner = new TextRunner(deps.workerStart);
		const task = () => this.task;
		this.suggestions = new TextSuggestions(session, me, {
			repo: deps.predictions,
			task,
			threshold: () => this.#settings.threshold,
			now: deps.now
		});
		this.review = new TextReview(session, me, { task, now: deps.now });
		this.#unsub = session.store.on('annotations', () => this.#autoTrainMaybe());
	}

	get meta(): TextModelMeta | undefined {
		return this.#meta;
	}
	get settings(): MlSettings {
		return this.#settings;
	}
	get busy(): TextBusy {
		return this.#runner.busy;
	}
	get progress(): TrainProgress | undefined {
		return this.#runner.progress;
	}
	get error(): string {
		return this.#runner.error;
	}
	/** A short, polite message of the last finished action. */
	get status(): string {
		return this.#runner.status;
	}

	get #key(): string {
		return `indexeddb://quorum-text/${this.#s.id}/${this.task?.id ?? 'none'}`;
	}

	get #prefKey(): string {
		return `ml:${this.#s.id}`;
	}

	/** The classification task the model learns (the schema's first). */
	get task(): ClassificationTask | undefined {
		this.#s.track('schema');
		const tasks = this.#s.store.schema.tasks;
		return tasks.find((t): t is ClassificationTask => t.type === 'classification');
	}

	/** Loads settings and suggestions from this device (no worker), once; every caller waits for it. */
	open(): Promise<void> {
		return (this.#opening ??= this.#open());
	}

	async #open(): Promise<void> {
		this.#loaded = true;
		const saved = await this.#deps.prefs.get<Partial<MlSettings>>(this.#prefKey);
		this.#settings = { ...ML_DEFAULTS, ...saved };
		await this.suggestions.reload();
	}

	/** Starts the worker and reads the saved model's metadata (the Model page). */
	async modelLoad(): Promise<void> {
		await this.open();
		if (!this.task) return;
		try {
			this.#meta = (await this.#runner.call('load', { key: this.#key })).meta ?? undefined;
		} catch (e) {
			this.#runner.errorSet(`Could not read the saved model: ${errorText(e)}`);
		}
	}

	async settingsSet(patch: Partial<MlSettings>): Promise<void> {
		this.#settings = { ...this.#settings, ...patch };
		await this.#deps.prefs.set(this.#prefKey, this.#settings);
	}

	/** One label per item for the task (majority of single-label answers), kept until a change. */
	examples(): TextExample[] {
		this.#s.track('items', 'annotations', 'schema');
		const task = this.task;
		if (!task) return [];
		const store = this.#s.store;
		const key = `${store.stamp('items')}/${store.stamp('annotations')}`;
		const memo = this.#examples;
		if (memo?.key === key && memo.task === task) return memo.value;
		const value = textExamples(store, task);
		this.#examples = { key, task, value };
		return value;
	}

	/** Labeled items per label, for the readiness message. */
	get classCounts(): number[] {
		const task = this.task;
		return task ? classCounts(this.examples(), task) : [];
	}

	/** Why training cannot start yet, or '' when it can. */
	get notReady(): string {
		return notReadyText(this.task, this.classCounts);
	}

	/** Trains on the current labels, saves the model, then writes fresh suggestions. */
	async train(): Promise<void> {
		const task = this.task;
		const runner = this.#runner;
		if (runner.busy || !task || this.notReady) return;
		const ex = this.examples();
		runner.statusSet('');
		const trained = await runner.run('training', 'Training', async () => {
			runner.progressSet({ phase: 'features', epoch: 0, epochs: 0 });
			const req = {
				key: this.#key,
				texts: ex.map((e) => e.text),
				y: ex.map((e) => e.y),
				labels: task.labels.map((l) => l.id),
				labelNames: task.labels.map((l) => l.name),
				now: this.#deps.now()
			};
			this.#meta = (await runner.call('train', req, (p) => runner.progressSet(p))).meta;
			runner.statusSet(`Trained on ${ex.length} items.`);
		});
		if (trained) await this.predict();
	}

	cancel(): void {
		this.#runner.cancel();
	}

	/** Suggestions for every item of the task with text (shown only where I have not labeled). */
	async predict(): Promise<void> {
		const task = this.task;
		const meta = this.#meta;
		const runner = this.#runner;
		if (runner.busy || !task || !meta) return;
		await runner.run('predicting', 'Predicting', async () => {
			const written = await textPredict({
				store: this.#s.store,
				project: this.#s.id,
				task,
				meta,
				repo: this.#deps.predictions,
				now: this.#deps.now,
				call: (texts) => runner.call('predict', { key: this.#key, texts }),
				onProgress: (done, total) =>
					runner.progressSet({ phase: 'train', epoch: done, epochs: total })
			});
			await this.suggestions.reload();
			const pct = Math.round(this.#settings.threshold * 100);
			runner.statusSet(
				written || !meta.heldOut
					? `${this.suggestions.count} suggestions at or above ${pct}% confidence.`
					: suggestionsHiddenText(meta.heldOut, task)
			);
		});
		runner.progressSet(undefined);
	}

	/** k-fold out-of-fold probabilities → confident learning: the ranked list of likely errors. */
	async findLabelErrors(): Promise<void> {
		const task = this.task;
		const runner = this.#runner;
		if (runner.busy || !task || this.notReady) return;
		const ex = this.examples();
		runner.statusSet('');
		await runner.run('checking', 'Finding label errors', async () => {
			runner.progressSet({ phase: 'fold', epoch: 0, epochs: 0, fold: 0, folds: 5 });
			const y = ex.map((e) => e.y);
			const req = { texts: ex.map((e) => e.text), y, classes: task.labels.length, folds: 5 };
			const { probs } = await runner.call('oof', req, (p) => runner.progressSet(p));
			const found = labelErrorsFind(probs, y, task.labels.length);
			this.review.issuesSet(found, ex, task);
			runner.statusSet(`Checked ${ex.length} labeled items: ${found.length} likely label errors.`);
		});
		runner.progressSet(undefined);
	}

	#autoTrainMaybe(): void {
		const every = this.#settings.autoEvery;
		if (!every || this.#runner.busy || !this.#loaded) return;
		const n = this.examples().length;
		const base =
			this.#meta?.trainedOn ?? (this.#autoBase < 0 ? (this.#autoBase = n) : this.#autoBase);
		if (n - base >= every && !this.notReady) void this.train();
	}

	/** Stops the worker (freeing TF.js) unless it is busy; it restarts on next use. */
	release(): void {
		this.#runner.release();
	}

	destroy(): void {
		this.#unsub();
		this.#runner.destroy();
	}
}

/** Why a model that does not beat the majority-class baseline suggests nothing. */
export function suggestionsHiddenText(r: HeldOutReport, task: ClassificationTask): string {
	const pct = (x: number) => `${Math.round(x * 100)}%`;
	const label = task.labels[r.baselineClass]?.name ?? 'the most common label';
	return `No suggestions yet: on held-out items the model was right ${pct(r.accuracy)} of the time, no better than always answering “${label}” (${pct(r.baselineAccuracy)}). Label more items, of every label, and train again.`;
}

function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** One model per open project session, shared by the Model and Label pages. */
const models = new WeakMap<MlSession, ProjectModel>();

/** The session's text model, made (and its settings and suggestions read) on first use. */
export function projectModel(
	session: MlSession,
	me: AnnotatorId,
	deps: () => MlDeps
): ProjectModel {
	let m = models.get(session);
	if (!m) {
		m = new ProjectModel(session, me, deps());
		models.set(session, m);
		void m.open();
	}
	return m;
}
