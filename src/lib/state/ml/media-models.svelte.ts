/**
 * The Model page's media models for one open project: per task one job (spans, audio segments,
 * boxes, image labels: run-*.ts) that trains when needed and stores suggestions on this device,
 * with progress, cancel and counts; the boxes' class mapping and the image tasks' model choice;
 * models the user brought. The media worker starts on the first request, never with the page.
 */
import type { AnnotatorId, LabelId, TaskId } from '$lib/core/types';
import { COCO_CLASSES } from '$lib/ml/media/images/coco';
import { classMappingDefault, type ClassMapping } from '$lib/ml/media/images/detect-post';
import type { MediaClient } from '$lib/ml/media/media-client';
import { MediaCancelledError } from '$lib/ml/media/media-protocol';
import { CustomModels } from './custom-models.svelte';
import { mediaModelIs, mediaTasksOf, type MediaJobKind, type MediaTaskInfo } from './media-fields';
import { MediaJobs, type MediaJobState } from './media-jobs.svelte';
import { MediaRun, errorText, type MlMediaDeps } from './media-run';
import { EMBEDDINGS, MediaPrefs, type ImageClassSource, type SavedModelInfo } from './media-saved';
import { audioRun } from './run-audio';
import { boxesRun } from './run-boxes';
import { imageLabelsRun } from './run-images';
import { spansRun } from './run-spans';
import type { MlSession } from './session';

export class MlMedia {
	#s: MlSession;
	#me: AnnotatorId;
	#deps: MlMediaDeps;
	#prefs: MediaPrefs;
	#worker: Promise<{ client: MediaClient; stop(): void }> | undefined;
	#runs = new Map<string, MediaRun>();
	#embeddings = new Map<string, Float32Array>();
	#jobs = new MediaJobs();
	#tasks: { key: string; value: MediaTaskInfo[] } | undefined;
	/** Which settings were written by this page, and when (so a load never undoes them). */
	#writes = 0;
	#wroteAt = new Map<string, number>();
	#opened = false;
	#unsub: () => void;

	#mappings = $state.raw<Readonly<Record<string, ClassMapping>>>({});
	#sources = $state.raw<Readonly<Record<string, ImageClassSource>>>({});
	#saved = $state.raw<Readonly<Record<string, SavedModelInfo>>>({});
	#threshold = $state(0.3);
	#loaded = $state(false);
	readonly custom: CustomModels;

	constructor(session: MlSession, me: AnnotatorId, deps: MlMediaDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
		this.#prefs = new MediaPrefs(deps.settings, session.id);
		this.custom = new CustomModels(() => this.#client());
		// New or changed tasks: their stored counts, mappings and model choices are read again.
		this.#unsub = session.store.on('schema', () => {
			if (this.#opened) void this.load();
		});
	}

	/** Tasks a media model can pre-label, with how many items each applies to. */
	get tasks(): MediaTaskInfo[] {
		this.#s.track('items', 'schema');
		const store = this.#s.store;
		const key = `${store.stamp('items')}/${store.stamp('schema')}`;
		if (this.#tasks?.key !== key) this.#tasks = { key, value: mediaTasksOf(store) };
		return this.#tasks.value;
	}

	job(task: string): MediaJobState {
		return this.#jobs.of(task);
	}

	/** Per boxes task: COCO class → label id. */
	get mappings(): Readonly<Record<string, ClassMapping>> {
		return this.#mappings;
	}
	/** Per image-classification task: which model and its class map. */
	get imageSources(): Readonly<Record<string, ImageClassSource>> {
		return this.#sources;
	}
	/** Per task: the model trained last, saved on this device (read on load, no worker). */
	get saved(): Readonly<Record<string, SavedModelInfo>> {
		return this.#saved;
	}
	/** Suggestions below this confidence (0–1) are not stored. */
	get threshold(): number {
		return this.#threshold;
	}
	thresholdSet(v: number): void {
		this.#threshold = v;
	}
	/** Whether stored counts and settings have been read once. */
	get loaded(): boolean {
		return this.#loaded;
	}

	/** Reads stored counts, mappings, image sources and saved models (no worker needed). */
	async load(): Promise<void> {
		this.#opened = true;
		const since = this.#writes;
		const read = await Promise.all(
			this.tasks.map(async ({ task, kind }) => ({
				task,
				kind,
				count: await this.#count(task.id),
				saved:
					kind === 'spans' || kind === 'image-classification'
						? await this.#prefs.saved(task.id)
						: undefined,
				mapping: kind === 'boxes' ? await this.#prefs.mapping(task.id) : undefined,
				source: kind === 'image-classification' ? await this.#prefs.source(task.id) : undefined
			}))
		);
		const fresh = (what: string, task: string) =>
			(this.#wroteAt.get(`${what}:${task}`) ?? -1) < since;
		const saved = { ...this.#saved };
		const mappings = { ...this.#mappings };
		const sources = { ...this.#sources };
		for (const r of read) {
			const id = r.task.id;
			if (!this.#runs.has(id)) this.#jobs.set(id, { count: r.count });
			if (r.saved && fresh('saved', id) && !this.#runs.has(id)) saved[id] = r.saved;
			if (r.kind === 'boxes' && fresh('map', id))
				mappings[id] = r.mapping ?? classMappingDefault(r.task.labels);
			if (r.kind === 'image-classification' && fresh('source', id))
				sources[id] = r.source ?? EMBEDDINGS;
		}
		this.#saved = saved;
		this.#mappings = mappings;
		this.#sources = sources;
		this.#loaded = true;
	}

	#wrote(what: string, task: string): void {
		this.#wroteAt.set(`${what}:${task}`, ++this.#writes);
	}

	async #savedSet(task: string, info: SavedModelInfo): Promise<void> {
		this.#wrote('saved', task);
		this.#saved = { ...this.#saved, [task]: info };
		await this.#prefs.savedSet(task, info);
	}

	/** Maps a COCO class to a label (or to nothing) for a boxes task, and saves it. */
	async mappingSet(task: TaskId, cocoClass: string, label: LabelId | undefined): Promise<void> {
		if (!COCO_CLASSES.includes(cocoClass)) throw new Error(`'${cocoClass}' is not a COCO class`);
		const next = { ...(this.#mappings[task] ?? {}) };
		if (label) next[cocoClass] = label;
		else delete next[cocoClass];
		this.#wrote('map', task);
		this.#mappings = { ...this.#mappings, [task]: next };
		await this.#prefs.mappingSet(task, next);
	}

	/** Chooses the model of an image-classification task and its class → label map, and saves it. */
	async imageSourceSet(task: TaskId, source: ImageClassSource): Promise<void> {
		this.#wrote('source', task);
		this.#sources = { ...this.#sources, [task]: source };
		await this.#prefs.sourceSet(task, source);
	}

	async #client(): Promise<MediaClient> {
		this.#worker ??= this.#deps.workerStart();
		this.#worker.catch(() => (this.#worker = undefined));
		return (await this.#worker).client;
	}

	async #count(task: string): Promise<number> {
		const rows = await this.#deps.predictions.ofTask(this.#s.id, task);
		return rows.filter((r) => mediaModelIs(r.model)).length;
	}

	/** Stops a task's run at its next step; suggestions already stored stay. */
	cancel(task: string): void {
		this.#runs.get(task)?.cancel();
	}

	/**
	 * Trains (when the model needs it) and stores suggestions for the task's unlabeled items. An
	 * image head saved on this device for the task's current labels is reused; `retrain` trains
	 * a new one anyway.
	 */
	async run(taskId: TaskId, opts: { retrain?: boolean } = {}): Promise<void> {
		const info = this.tasks.find((x) => x.task.id === taskId);
		if (!info) throw new Error(`No media model applies to task ${taskId}`);
		if (this.#runs.has(taskId)) return;
		const run = new MediaRun(info.task, {
			store: this.#s.store,
			project: this.#s.id,
			me: this.#me,
			deps: this.#deps,
			client: () => this.#client(),
			embeddings: this.#embeddings,
			job: () => this.#jobs.of(taskId),
			progress: (patch) => this.#jobs.set(taskId, patch),
			threshold: () => this.#threshold
		});
		this.#runs.set(taskId, run);
		const start = { phase: 'Starting the model', done: 0, total: 0, detail: '' };
		this.#jobs.set(taskId, { ...start, running: true, message: '', error: '' });
		try {
			this.#jobs.set(taskId, { message: await this.#kindRun(run, info.kind, opts) });
		} catch (e) {
			if (e instanceof MediaCancelledError)
				this.#jobs.set(taskId, {
					message: 'Cancelled. Suggestions made before stopping are kept.'
				});
			else this.#jobs.set(taskId, { error: errorText(e) });
		} finally {
			this.#runs.delete(taskId);
			const count = await this.#count(taskId);
			this.#jobs.set(taskId, { running: false, phase: '', count });
		}
	}

	#kindRun(run: MediaRun, kind: MediaJobKind, opts: { retrain?: boolean }): Promise<string> {
		const t = run.task;
		const saved = (info: SavedModelInfo) => this.#savedSet(t.id, info);
		switch (kind) {
			case 'spans':
				return spansRun(run, saved);
			case 'audio-segments':
				return audioRun(run);
			case 'boxes':
				return boxesRun(run, this.#mappings[t.id] ?? classMappingDefault(t.labels));
			case 'image-classification':
				return imageLabelsRun(run, {
					source: this.#sources[t.id] ?? EMBEDDINGS,
					retrain: opts.retrain ?? false,
					saved
				});
		}
	}

	/** Forgets a task's suggestions on this device. */
	async clear(task: TaskId): Promise<void> {
		await this.#deps.predictions.clearTask(this.#s.id, task, mediaModelIs);
		this.#jobs.set(task, { count: 0, message: 'Suggestions cleared.', error: '' });
	}

	destroy(): void {
		this.#unsub();
		for (const run of this.#runs.values()) run.cancel();
		void this.#worker?.then((w) => w.stop()).catch(() => undefined);
		this.#worker = undefined;
		this.#deps.release?.();
	}
}
