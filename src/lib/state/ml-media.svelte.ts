/**
 * Media pre-labels for one open project: spans (BIO tagger + dictionary trained on the project's
 * spans), audio segments (energy VAD), boxes (COCO detector through an editable class mapping)
 * and image classification (MobileNetV2 embeddings + a trained head, or a bring-your-own model).
 * The media worker starts on the first request, never with the page. Suggestions are written to
 * the device-local `predictions` table; accepting one writes the annotator's own annotation
 * (`source: 'model'`, ORIGIN.LOCAL, so the labeling view's undo covers it).
 */
import type {
	AnnotatorId,
	AnnotationValue,
	EpochMs,
	Item,
	ItemField,
	ItemId,
	Label,
	LabelId,
	MediaRef,
	ProjectId,
	Task,
	TaskId
} from '$lib/core/types';
import { annotationKey } from '$lib/core/types';
import { audioSuggestFromVad } from '$lib/ml/media/audio/suggest';
import { audioDecodeMono, type MonoPcm } from '$lib/ml/media/audio/decode';
import { COCO_CLASSES } from '$lib/ml/media/images/coco';
import {
	boxesFromDetections,
	classMappingDefault,
	type ClassMapping
} from '$lib/ml/media/images/detect-post';
import { headPredict, type ImageHead } from '$lib/ml/media/images/head';
import { textModelIs } from '$lib/ml/text/protocol';
import type { MediaCall, MediaClient } from '$lib/ml/media/media-client';
import {
	MediaCancelledError,
	type CustomModelInfo,
	type CustomModelSource,
	type MediaCallType,
	type MediaCalls,
	type MediaImage,
	type MediaProgress,
	type PixelScale
} from '$lib/ml/media/media-protocol';
import { QuorumDb, predictionSource, type PredictionRow } from '$lib/storage/db';
import { predictionsRepoFrom, type PredictionsRepo } from '$lib/storage/predictions-repo';
import { settingsRepoFrom, type SettingsRepo } from '$lib/storage/settings-repo';
import { ORIGIN, annotationRead, annotationWrite, logAppend, type ProjectDoc } from '$lib/sync/doc';
import { MediaUrls } from './media.svelte';
import { mediaDepsWire } from './media-wire';
import { modelName } from './model-names';

/** What a media model does for a task. */
export type MediaJobKind = 'spans' | 'audio-segments' | 'boxes' | 'image-classification';

/** The minimum of a project session this state needs (ProjectSession satisfies it). */
export interface MediaSessionLike {
	readonly id: ProjectId;
	readonly p: ProjectDoc;
	readonly schema: { tasks: Task[] };
	readonly index: {
		readonly order: readonly ItemId[];
		item(id: ItemId): Item | undefined;
	};
}

export interface MlMediaDeps {
	predictions: PredictionsRepo;
	settings: SettingsRepo;
	/** The bytes of an item's media (from this device's store, a peer, or its URL). */
	blobOf(ref: MediaRef): Promise<Blob>;
	decodeAudio(blob: Blob): Promise<MonoPcm>;
	/** Starts the media worker (called on the first request only). */
	workerStart(): Promise<{ client: MediaClient; stop(): void }>;
	now(): number;
	/** Frees what the deps hold (object URLs). */
	release?(): void;
}

export interface MediaJobState {
	running: boolean;
	/** What is happening now, e.g. `Embedding images`. */
	phase: string;
	done: number;
	total: number;
	detail: string;
	/** The last run's outcome, e.g. `Suggested spans for 12 of 20 items`. */
	message: string;
	error: string;
	/** Suggestions stored for this task on this device. */
	count: number;
}

/** A task a media model can pre-label, with how. */
export interface MediaTaskInfo {
	task: Task & { labels: Label[] };
	kind: MediaJobKind;
	/** Items whose field for this task has the right kind. */
	items: number;
}

/** For image classification: train a head on embeddings, or a loaded model's classes mapped. */
export interface ImageClassSource {
	model: 'embeddings' | string;
	/** Custom model class index (as a string) → label id. */
	map: Record<string, LabelId>;
}

/** At most this many items get image or audio suggestions per run (the next unlabeled ones). */
export const MEDIA_SUGGEST_LIMIT = 100;
const IMAGE_CHUNK = 8;

const idle = (): MediaJobState => ({
	running: false,
	phase: '',
	done: 0,
	total: 0,
	detail: '',
	message: '',
	error: '',
	count: 0
});

/** The field a task annotates on an item: its named field, or the item itself. */
export function taskField(item: Item, t: Pick<Task, 'field'>): ItemField | undefined {
	if (t.field) return item.fields?.[t.field];
	if (item.media && (item.kind === 'image' || item.kind === 'audio' || item.kind === 'video'))
		return { kind: item.kind, media: item.media };
	if (item.text !== undefined) return { kind: 'text', text: item.text };
	return undefined;
}

/**
 * The field a media model reads for a task on an item: the task's field; for a classification task
 * without one on a multimodal item, its first image (the text model reads the item's text).
 */
export function mediaFieldOf(item: Item, t: Task): ItemField | undefined {
	if (t.type === 'classification' && !t.field && item.fields) {
		const image = Object.values(item.fields).find((f) => f.kind === 'image');
		if (image) return image;
	}
	return taskField(item, t);
}

/** Which media model applies to a task on an item, if any. */
export function mediaKindOf(t: Task, item: Item): MediaJobKind | undefined {
	const f = mediaFieldOf(item, t);
	if (!f) return undefined;
	if (t.type === 'spans' && f.kind === 'text') return 'spans';
	if (t.type === 'audio-segments' && f.kind === 'audio') return 'audio-segments';
	if (t.type === 'boxes' && f.kind === 'image') return 'boxes';
	if (t.type === 'classification' && f.kind === 'image') return 'image-classification';
	return undefined;
}

/** A one-line summary of a suggested value, e.g. `3 boxes (person 0.91, car 0.55, …)`. */
export function suggestionSummary(
	value: AnnotationValue,
	labels: readonly Label[],
	scores: readonly number[] = []
): string {
	const name = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
	const list = (ids: string[]) => {
		const parts = ids
			.slice(0, 3)
			.map((id, i) =>
				scores[i] !== undefined ? `${name(id)} ${scores[i]!.toFixed(2)}` : name(id)
			);
		return parts.join(', ') + (ids.length > 3 ? ', …' : '');
	};
	const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
	switch (value.type) {
		case 'boxes':
			return `${n(value.boxes.length, 'box', 'boxes')} (${list(value.boxes.map((b) => b.label))})`;
		case 'spans':
			return `${n(value.spans.length, 'span')} (${list(value.spans.map((s) => s.label))})`;
		case 'audio-segments': {
			const counts = new Map<string, number>();
			for (const s of value.segments) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
			return `${n(value.segments.length, 'segment')} (${[...counts]
				.map(([l, k]) => `${k} ${name(l)}`)
				.join(', ')})`;
		}
		case 'classification':
			return value.labels.map(name).join(', ');
		default:
			return value.type;
	}
}

const mapKey = (project: string, task: string) => `ml-media:map:${project}:${task}`;
const classKey = (project: string, task: string) => `ml-media:image-source:${project}:${task}`;
const savedKey = (project: string, task: string) => `ml-media:saved:${project}:${task}`;

/** What the Model page shows of a task's trained model, saved (weights in IndexedDB via tf.io). */
export interface SavedModelInfo {
	trainedOn: number;
	trainedAt: number;
	/** Training accuracy (image heads). */
	accuracy?: number;
	/** Label ids the model predicts, in its class order (image heads saved since labels were kept). */
	labels?: string[];
}

/** Whether a saved model predicts exactly the task's current labels, in the same order. */
export function savedModelFits(
	saved: Pick<SavedModelInfo, 'labels'> | undefined,
	t: { labels: readonly Label[] }
): boolean {
	const ids = saved?.labels;
	return !!ids && ids.length === t.labels.length && ids.every((id, i) => t.labels[i]?.id === id);
}

/** The Model page's media models: one job per task, with progress, cancel and counts. */
export class MlMedia {
	#s: MediaSessionLike;
	#me: AnnotatorId;
	#deps: MlMediaDeps;
	#worker: Promise<{ client: MediaClient; stop(): void }> | undefined;
	#calls = new Map<string, MediaCall<unknown>>();
	#cancelled = new Set<string>();
	/** Embeddings by media key, kept while the page is open so retraining re-embeds nothing. */
	#embeddings = new Map<string, Float32Array>();

	jobs = $state<Record<string, MediaJobState>>({});
	/** Per boxes task: COCO class → label id. */
	mappings = $state<Record<string, ClassMapping>>({});
	/** Per image-classification task: which model and its class map. */
	imageSources = $state<Record<string, ImageClassSource>>({});
	customModels = $state.raw<CustomModelInfo[]>([]);
	/** Per task: the model trained last, saved on this device (read on open, no worker). */
	saved = $state<Record<string, SavedModelInfo>>({});
	customBusy = $state(false);
	customError = $state('');
	/** Suggestions below this confidence (0–1) are not stored. */
	threshold = $state(0.3);
	workerStarted = $state(false);

	constructor(session: MediaSessionLike, me: AnnotatorId, deps: MlMediaDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	/** Tasks a media model can pre-label, with how many items each applies to. */
	get tasks(): MediaTaskInfo[] {
		const out: MediaTaskInfo[] = [];
		for (const t of this.#s.schema.tasks) {
			// A label to give is needed; a classifier needs two to choose between.
			if (!('labels' in t) || t.labels.length < (t.type === 'classification' ? 2 : 1)) continue;
			let kind: MediaJobKind | undefined;
			let items = 0;
			for (const id of this.#s.index.order) {
				const item = this.#s.index.item(id);
				const k = item && mediaKindOf(t, item);
				if (!k) continue;
				kind = k;
				items++;
			}
			if (kind) out.push({ task: t, kind, items });
		}
		return out;
	}

	job(task: string): MediaJobState {
		return this.jobs[task] ?? idle();
	}

	#set(task: string, patch: Partial<MediaJobState>): void {
		this.jobs[task] = { ...this.job(task), ...patch };
	}

	/** Reads stored counts, mappings and image sources (no worker needed). */
	async load(): Promise<void> {
		for (const { task, kind } of this.tasks) {
			const rows = await this.#deps.predictions.ofTask(this.#s.id, task.id);
			this.#set(task.id, { count: rows.filter((r) => mediaModelIs(r.model)).length });
			if (kind === 'spans' || kind === 'image-classification') {
				const info = await this.#deps.settings.get<SavedModelInfo>(savedKey(this.#s.id, task.id));
				if (info) this.saved[task.id] = info;
			}
			if (kind === 'boxes') {
				const saved = await this.#deps.settings.get<ClassMapping>(mapKey(this.#s.id, task.id));
				this.mappings[task.id] = saved ?? classMappingDefault(task.labels);
			}
			if (kind === 'image-classification') {
				const saved = await this.#deps.settings.get<ImageClassSource>(
					classKey(this.#s.id, task.id)
				);
				this.imageSources[task.id] = saved ?? { model: 'embeddings', map: {} };
			}
		}
	}

	async #savedSet(task: string, info: SavedModelInfo): Promise<void> {
		this.saved[task] = info;
		await this.#deps.settings.set(savedKey(this.#s.id, task), info);
	}

	/** Maps a COCO class to a label (or to nothing) for a boxes task, and saves it. */
	async mappingSet(task: TaskId, cocoClass: string, label: LabelId | undefined): Promise<void> {
		if (!COCO_CLASSES.includes(cocoClass)) throw new Error(`'${cocoClass}' is not a COCO class`);
		const next = { ...(this.mappings[task] ?? {}) };
		if (label) next[cocoClass] = label;
		else delete next[cocoClass];
		this.mappings[task] = next;
		await this.#deps.settings.set(mapKey(this.#s.id, task), $state.snapshot(next));
	}

	/** Chooses the model of an image-classification task and its class → label map, and saves it. */
	async imageSourceSet(task: TaskId, source: ImageClassSource): Promise<void> {
		this.imageSources[task] = source;
		await this.#deps.settings.set(classKey(this.#s.id, task), $state.snapshot(source));
	}

	async #client(): Promise<MediaClient> {
		this.#worker ??= this.#deps.workerStart();
		this.#worker.catch(() => (this.#worker = undefined));
		const w = await this.#worker;
		this.workerStarted = true;
		return w.client;
	}

	/** One worker call, cancellable through `cancel(task)`, reporting progress to the task's job. */
	async #call<K extends MediaCallType>(
		task: string,
		type: K,
		req: MediaCalls[K]['req'],
		transfer?: Transferable[]
	): Promise<MediaCalls[K]['res']> {
		this.#check(task);
		const client = await this.#client();
		this.#check(task);
		const call = client.call(type, req, {
			transfer,
			onProgress: (p: MediaProgress) => {
				if (p.detail) this.#set(task, { detail: p.detail });
			}
		});
		this.#calls.set(task, call as MediaCall<unknown>);
		try {
			return await call.promise;
		} finally {
			this.#calls.delete(task);
		}
	}

	/**
	 * Forgets the task's older suggestions of the same model source once a new run is about to
	 * store its own (other models' suggestions for the task, e.g. the text model's, stay).
	 */
	async #fresh(task: string, model: string): Promise<void> {
		const source = predictionSource(model);
		await this.#deps.predictions.clearTask(this.#s.id, task, (m) => predictionSource(m) === source);
	}

	#check(task: string): void {
		if (this.#cancelled.has(task)) throw new MediaCancelledError();
	}

	/** Stops a task's run at its next step; suggestions already stored stay. */
	cancel(task: string): void {
		if (!this.job(task).running) return;
		this.#cancelled.add(task);
		this.#calls.get(task)?.cancel();
	}

	/** Items of the task that I have not answered, in import order. */
	#unlabeled(t: Task, kind: MediaJobKind): Item[] {
		const out: Item[] = [];
		for (const id of this.#s.index.order) {
			const item = this.#s.index.item(id);
			if (!item || mediaKindOf(t, item) !== kind) continue;
			if (annotationRead(this.#s.p, annotationKey(id, t.id, this.#me))) continue;
			out.push(item);
		}
		return out;
	}

	/** Everyone's annotations of a task, by item. */
	#labeled(t: Task): { item: Item; value: AnnotationValue }[] {
		const out: { item: Item; value: AnnotationValue }[] = [];
		for (const a of this.#s.p.annotations.values()) {
			if (a?.task !== t.id || a.value?.type !== t.type) continue;
			const item = this.#s.index.item(a.item);
			if (item) out.push({ item, value: a.value });
		}
		return out;
	}

	/**
	 * Trains (when the model needs it) and stores suggestions for the task's unlabeled items. An
	 * image head saved on this device for the task's current labels is reused; `retrain` trains
	 * a new one anyway.
	 */
	async run(taskId: TaskId, opts: { retrain?: boolean } = {}): Promise<void> {
		const info = this.tasks.find((x) => x.task.id === taskId);
		if (!info) throw new Error(`No media model applies to task ${taskId}`);
		if (this.job(taskId).running) return;
		this.#cancelled.delete(taskId);
		this.#set(taskId, {
			running: true,
			phase: 'Starting the model',
			done: 0,
			total: 0,
			detail: '',
			message: '',
			error: ''
		});
		try {
			const message =
				info.kind === 'spans'
					? await this.#spans(info.task)
					: info.kind === 'audio-segments'
						? await this.#audio(info.task)
						: info.kind === 'boxes'
							? await this.#boxes(info.task)
							: await this.#imageClasses(info.task, opts.retrain ?? false);
			this.#set(taskId, { message });
		} catch (e) {
			if (e instanceof MediaCancelledError)
				this.#set(taskId, { message: 'Cancelled. Suggestions made before stopping are kept.' });
			else this.#set(taskId, { error: e instanceof Error ? e.message : String(e) });
		} finally {
			this.#cancelled.delete(taskId);
			const count = (await this.#deps.predictions.ofTask(this.#s.id, taskId)).filter((r) =>
				mediaModelIs(r.model)
			).length;
			this.#set(taskId, { running: false, phase: '', count });
		}
	}

	#row(task: string, item: ItemId, model: string, value: AnnotationValue, confidence: number) {
		return {
			project: this.#s.id,
			task,
			item,
			model,
			source: predictionSource(model),
			value,
			confidence: Math.round(confidence * 1000) / 1000,
			at: this.#deps.now()
		} satisfies PredictionRow;
	}

	async #spans(t: Task & { labels: Label[] }): Promise<string> {
		const docs = this.#labeled(t).flatMap(({ item, value }) => {
			const f = taskField(item, t);
			if (f?.kind !== 'text' || value.type !== 'spans') return [];
			return [{ text: f.text, spans: value.spans.map((s) => ({ ...s, label: s.label })) }];
		});
		const labeledSpans = docs.reduce((n, d) => n + d.spans.length, 0);
		if (labeledSpans === 0)
			throw new Error(
				`Label some spans in “${t.name}” first: the model learns from the project's labeled spans.`
			);
		const key = `${this.#s.id}:${t.id}`;
		this.#set(t.id, { phase: `Training on ${docs.length} labeled items` });
		const trained = await this.#call(t.id, 'spans-train', {
			key,
			now: this.#deps.now(),
			docs: docs.map((d) => ({
				text: d.text,
				spans: d.spans.map(({ start, end, label }) => ({ start, end, label }))
			}))
		});
		await this.#savedSet(t.id, { trainedOn: trained.docs, trainedAt: this.#deps.now() });
		const todo = this.#unlabeled(t, 'spans');
		if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
		this.#set(t.id, { phase: 'Suggesting spans', done: 0, total: todo.length });
		const texts = todo.map((it) => (taskField(it, t) as { text: string }).text);
		const { spans } = await this.#call(t.id, 'spans-suggest', {
			key,
			texts,
			threshold: this.threshold
		});
		const model = `spans-tagger@${new Date(this.#deps.now()).toISOString()}`;
		await this.#fresh(t.id, model);
		const labelIds = new Set(t.labels.map((l) => l.id as string));
		const rows: PredictionRow[] = [];
		todo.forEach((it, i) => {
			const got = (spans[i] ?? []).filter((s) => labelIds.has(s.label));
			if (got.length === 0) return;
			rows.push(
				this.#row(
					t.id,
					it.id,
					model,
					{
						type: 'spans',
						spans: got.map((s) => ({
							id: `m${s.start}-${s.end}`,
							start: s.start,
							end: s.end,
							label: s.label as LabelId
						}))
					},
					got.reduce((a, s) => a + s.confidence, 0) / got.length
				)
			);
		});
		await this.#deps.predictions.putMany(rows);
		this.#set(t.id, { done: todo.length });
		return `Trained on ${trained.docs} items (${trained.dictionary} dictionary entries). Suggested spans for ${rows.length} of ${todo.length} unlabeled items.`;
	}

	async #audio(t: Task & { labels: Label[] }): Promise<string> {
		const todo = this.#unlabeled(t, 'audio-segments').slice(0, MEDIA_SUGGEST_LIMIT);
		if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
		if (!audioSuggestFromVad({ segments: [], duration: 0 }, t.labels))
			throw new Error(`Add a label to “${t.name}” (e.g. “speech”) for the suggested segments.`);
		const model = `energy-vad@${new Date(this.#deps.now()).toISOString()}`;
		this.#set(t.id, { phase: 'Finding speech and silence', done: 0, total: todo.length });
		await this.#fresh(t.id, model);
		let made = 0;
		const failed: string[] = [];
		for (const [i, it] of todo.entries()) {
			this.#check(t.id);
			const f = taskField(it, t);
			if (f?.kind !== 'audio') continue;
			let pcm: MonoPcm;
			try {
				pcm = await this.#deps.decodeAudio(await this.#deps.blobOf(f.media));
			} catch (e) {
				failed.push(`${mediaName(f.media, it)}: ${e instanceof Error ? e.message : String(e)}`);
				this.#set(t.id, { done: i + 1 });
				continue;
			}
			const r = await this.#call(t.id, 'vad', pcm, [pcm.pcm.buffer]);
			const s = audioSuggestFromVad(r, t.labels);
			if (s && s.value.segments.length) {
				await this.#deps.predictions.putMany([
					this.#row(t.id, it.id, model, s.value, s.confidence)
				]);
				made++;
			}
			this.#set(t.id, { done: i + 1 });
		}
		return fails(`Suggested segments for ${made} of ${todo.length} unlabeled items.`, failed);
	}

	async #images(
		t: Task,
		kind: MediaJobKind,
		items: Item[]
	): Promise<{ item: Item; img: MediaImage; key: string }[]> {
		const out: { item: Item; img: MediaImage; key: string }[] = [];
		for (const it of items) {
			const f = mediaFieldOf(it, t);
			if (f?.kind !== 'image' || mediaKindOf(t, it) !== kind) continue;
			const key = 'blob' in f.media ? f.media.blob : f.media.url;
			out.push({ item: it, key, img: { kind: 'blob', blob: await this.#deps.blobOf(f.media) } });
		}
		return out;
	}

	async #boxes(t: Task & { labels: Label[] }): Promise<string> {
		const mapping = this.mappings[t.id] ?? classMappingDefault(t.labels);
		if (Object.keys(mapping).length === 0)
			throw new Error(
				`No COCO class is mapped to a label of “${t.name}”. Map at least one class (e.g. person) below.`
			);
		const todo = this.#unlabeled(t, 'boxes').slice(0, MEDIA_SUGGEST_LIMIT);
		if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
		const model = `coco-centernet@${new Date(this.#deps.now()).toISOString()}`;
		this.#set(t.id, { phase: 'Finding objects', done: 0, total: todo.length });
		await this.#fresh(t.id, model);
		let made = 0;
		const failed: string[] = [];
		for (let i = 0; i < todo.length; i += IMAGE_CHUNK) {
			const chunk = todo.slice(i, i + IMAGE_CHUNK);
			for (const one of await this.#readable(t, 'boxes', chunk, failed)) {
				this.#check(t.id);
				const r = await this.#call(t.id, 'detect', {
					images: [one.img],
					options: { minScore: this.threshold }
				});
				const b = boxesFromDetections(r.detections[0] ?? [], mapping);
				if (b.value.boxes.length) {
					await this.#deps.predictions.putMany([
						{ ...this.#row(t.id, one.item.id, model, b.value, b.confidence), probs: b.scores }
					]);
					made++;
				}
			}
			this.#set(t.id, { done: Math.min(todo.length, i + IMAGE_CHUNK) });
		}
		return fails(`Suggested boxes for ${made} of ${todo.length} unlabeled images.`, failed);
	}

	/** Images of `items` read from the store; unreadable ones are listed in `failed`. */
	async #readable(t: Task, kind: MediaJobKind, items: Item[], failed: string[]) {
		const out: { item: Item; img: MediaImage; key: string }[] = [];
		for (const it of items) {
			try {
				out.push(...(await this.#images(t, kind, [it])));
			} catch (e) {
				failed.push(`${it.source ?? it.id}: ${e instanceof Error ? e.message : String(e)}`);
			}
		}
		return out;
	}

	async #embed(
		t: Task,
		imgs: { img: MediaImage; key: string }[],
		phase: string
	): Promise<Float32Array[]> {
		const missing = imgs.filter((x) => !this.#embeddings.has(x.key));
		this.#set(t.id, { phase, done: imgs.length - missing.length, total: imgs.length });
		for (let i = 0; i < missing.length; i += IMAGE_CHUNK) {
			const chunk = missing.slice(i, i + IMAGE_CHUNK);
			const { embeddings } = await this.#call(t.id, 'embed', { images: chunk.map((c) => c.img) });
			chunk.forEach((c, j) => this.#embeddings.set(c.key, embeddings[j] as Float32Array));
			this.#set(t.id, { done: this.job(t.id).done + chunk.length });
		}
		return imgs.map((x) => this.#embeddings.get(x.key) as Float32Array);
	}

	/**
	 * The image head saved for the task (tf.io, IndexedDB, read by the worker) when it predicts the
	 * task's current labels; undefined when none is saved, it is of another format version, or the
	 * labels changed since (then `changed` says so).
	 */
	async #headSaved(
		t: Task & { labels: Label[] }
	): Promise<{ head: ImageHead; info: SavedModelInfo } | { changed: boolean }> {
		this.#set(t.id, { phase: 'Reading the saved model' });
		const got = await this.#call(t.id, 'model-load', {
			key: `${this.#s.id}:${t.id}`,
			kind: 'image-head'
		});
		if (!got.meta || !got.head) return { changed: false };
		const info: SavedModelInfo = {
			trainedOn: got.meta.trainedOn,
			trainedAt: got.meta.trainedAt,
			accuracy: got.meta.metrics.accuracy,
			labels: got.meta.labels
		};
		if (!savedModelFits(info, t) || got.head.classes !== t.labels.length) return { changed: true };
		return { head: got.head, info };
	}

	async #imageClasses(t: Task & { labels: Label[] }, retrain: boolean): Promise<string> {
		const source = this.imageSources[t.id] ?? { model: 'embeddings', map: {} };
		const todo = this.#unlabeled(t, 'image-classification').slice(0, MEDIA_SUGGEST_LIMIT);
		const failed: string[] = [];
		if (source.model !== 'embeddings') return this.#customClasses(t, source, todo, failed);
		if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
		const saved = retrain ? { changed: false } : await this.#headSaved(t);
		if ('head' in saved) {
			await this.#savedSet(t.id, saved.info);
			const made = await this.#headSuggest(t, saved.head, saved.info, todo, failed);
			return fails(
				`Used the saved model (trained on ${saved.info.trainedOn} images ${whenText(saved.info.trainedAt)}, no training). Suggested a label for ${made} of ${todo.length} unlabeled images.`,
				failed
			);
		}
		const trained = await this.#headTrain(t, failed);
		const made = await this.#headSuggest(t, trained.head, trained.info, todo, failed);
		return fails(
			`${saved.changed ? 'The labels changed since the saved model: trained again. ' : ''}Trained on ${trained.info.trainedOn} images (training accuracy ${(trained.info.accuracy ?? 0).toFixed(2)}). Suggested a label for ${made} of ${todo.length} unlabeled images.`,
			failed
		);
	}

	/** Trains a head on the task's labeled images and saves it (weights and metadata). */
	async #headTrain(
		t: Task & { labels: Label[] },
		failed: string[]
	): Promise<{ head: ImageHead; info: SavedModelInfo }> {
		const byClass = new Map<string, number>();
		const train: { item: Item; y: number }[] = [];
		for (const { item, value } of this.#labeled(t)) {
			if (value.type !== 'classification') continue;
			const y = t.labels.findIndex((l) => l.id === value.labels[0]);
			if (y < 0) continue;
			train.push({ item, y });
			byClass.set(value.labels[0] as string, (byClass.get(value.labels[0] as string) ?? 0) + 1);
		}
		if (byClass.size < 2)
			throw new Error(
				`Label images of “${t.name}” with at least two different labels first (${train.length} labeled so far).`
			);
		const trainImgs = await this.#readable(
			t,
			'image-classification',
			train.map((x) => x.item),
			failed
		);
		const ys = trainImgs.map((x) => train.find((tr) => tr.item === x.item)?.y as number);
		const x = await this.#embed(t, trainImgs, `Embedding ${trainImgs.length} labeled images`);
		this.#set(t.id, { phase: 'Training the classifier', done: 0, total: 150 });
		const now = this.#deps.now();
		const { head, accuracy } = await this.#call(t.id, 'train-head', {
			x: x.map((v) => v.slice()),
			y: ys,
			classes: t.labels.length,
			key: `${this.#s.id}:${t.id}`,
			labels: t.labels.map((l) => l.id),
			now
		});
		const info: SavedModelInfo = {
			trainedOn: x.length,
			trainedAt: now,
			accuracy,
			labels: t.labels.map((l) => l.id)
		};
		await this.#savedSet(t.id, info);
		return { head, info };
	}

	/** Stores the head's suggestions for `todo`; the rows name the saved model (its training date). */
	async #headSuggest(
		t: Task & { labels: Label[] },
		head: ImageHead,
		info: SavedModelInfo,
		todo: Item[],
		failed: string[]
	): Promise<number> {
		const todoImgs = await this.#readable(t, 'image-classification', todo, failed);
		const e = await this.#embed(t, todoImgs, `Embedding ${todoImgs.length} unlabeled images`);
		const model = imageHeadModelId(info);
		await this.#fresh(t.id, model);
		const rows: PredictionRow[] = [];
		todoImgs.forEach((it, i) => {
			const p = headPredict(head, e[i] as Float32Array);
			const best = p.indexOf(Math.max(...p));
			if ((p[best] as number) < this.threshold) return;
			rows.push({
				...this.#row(
					t.id,
					it.item.id,
					model,
					{ type: 'classification', labels: [t.labels[best]!.id] },
					p[best] as number
				),
				probs: p
			});
		});
		await this.#deps.predictions.putMany(rows);
		return rows.length;
	}

	async #customClasses(
		t: Task & { labels: Label[] },
		source: ImageClassSource,
		todo: Item[],
		failed: string[]
	): Promise<string> {
		if (Object.keys(source.map).length === 0)
			throw new Error(
				`Map at least one class of model “${source.model}” to a label of “${t.name}”.`
			);
		if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
		const model = `custom:${source.model}@${new Date(this.#deps.now()).toISOString()}`;
		this.#set(t.id, { phase: `Running ${source.model}`, done: 0, total: todo.length });
		await this.#fresh(t.id, model);
		let made = 0;
		for (let i = 0; i < todo.length; i += IMAGE_CHUNK) {
			const chunk = await this.#readable(
				t,
				'image-classification',
				todo.slice(i, i + IMAGE_CHUNK),
				failed
			);
			const { probs } = await this.#call(t.id, 'custom-predict', {
				name: source.model,
				images: chunk.map((c) => c.img)
			});
			const rows: PredictionRow[] = [];
			chunk.forEach((c, j) => {
				const p = probs[j] ?? [];
				// Probability of each label: the sum over the model classes mapped to it.
				const byLabel = t.labels.map((l) =>
					Object.entries(source.map)
						.filter(([, lab]) => lab === l.id)
						.reduce((a, [k]) => a + (p[Number(k)] ?? 0), 0)
				);
				const best = byLabel.indexOf(Math.max(...byLabel));
				if (!((byLabel[best] as number) >= this.threshold)) return;
				rows.push({
					...this.#row(
						t.id,
						c.item.id,
						model,
						{ type: 'classification', labels: [t.labels[best]!.id] },
						byLabel[best] as number
					),
					probs: byLabel
				});
			});
			await this.#deps.predictions.putMany(rows);
			made += rows.length;
			this.#set(t.id, { done: Math.min(todo.length, i + IMAGE_CHUNK) });
		}
		return fails(`Suggested a label for ${made} of ${todo.length} unlabeled images.`, failed);
	}

	/** Forgets a task's suggestions on this device. */
	async clear(task: TaskId): Promise<void> {
		await this.#deps.predictions.clearTask(this.#s.id, task, mediaModelIs);
		this.#set(task, { count: 0, message: 'Suggestions cleared.', error: '' });
	}

	/** Loads a TF.js image model (model.json + weights) from files or a URL and keeps it offline. */
	async customLoad(
		name: string,
		source: CustomModelSource,
		scale: PixelScale
	): Promise<CustomModelInfo | undefined> {
		this.customBusy = true;
		this.customError = '';
		try {
			const client = await this.#client();
			const info = await client.call('custom-load', { name, source, scale }).promise;
			await this.customRefresh();
			return info;
		} catch (e) {
			this.customError = e instanceof Error ? e.message : String(e);
			return undefined;
		} finally {
			this.customBusy = false;
		}
	}

	/** Lists the models saved on this device (starts the worker). */
	async customRefresh(): Promise<void> {
		try {
			const client = await this.#client();
			this.customModels = (await client.call('custom-list', {}).promise).models;
		} catch (e) {
			this.customError = e instanceof Error ? e.message : String(e);
		}
	}

	async customDelete(name: string): Promise<void> {
		const client = await this.#client();
		await client.call('custom-delete', { name }).promise;
		await this.customRefresh();
	}

	destroy(): void {
		for (const t of Object.keys(this.jobs)) this.cancel(t);
		void this.#worker?.then((w) => w.stop()).catch(() => undefined);
		this.#worker = undefined;
		this.#deps.release?.();
	}
}

/**
 * The `model` of an image head's suggestions: its training date and size, so a suggestion says
 * which saved model made it, e.g. `image-embed-head@2026-11-29T12:10:00.000Z/4`.
 */
export function imageHeadModelId(info: Pick<SavedModelInfo, 'trainedAt' | 'trainedOn'>): string {
	return `image-embed-head@${new Date(info.trainedAt).toISOString()}/${info.trainedOn}`;
}

function whenText(ms: number): string {
	return new Date(ms).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

function mediaName(ref: MediaRef, item: Item): string {
	return ref.name ?? item.source ?? item.id;
}

function fails(message: string, failed: readonly string[]): string {
	if (failed.length === 0) return message;
	return `${message} ${failed.length} could not be read: ${failed.slice(0, 3).join('; ')}${failed.length > 3 ? '; …' : ''}.`;
}

/** Whether a stored suggestion comes from a media model (not the text model). */
export function mediaModelIs(model: string): boolean {
	return !textModelIs(model);
}

/** A suggestion shown in the labeling view: one model's answer for one task of the item. */
export interface ShownSuggestion {
	task: Task & { labels: Label[] };
	/** The media model's kind; undefined for the text model. */
	kind?: MediaJobKind;
	row: PredictionRow;
	value: AnnotationValue;
	summary: string;
	/** Which model made it, e.g. `Image model trained on 4 images, 29 Nov 2026, 12:10`. */
	from: string;
}

export type SuggestionsDeps = Pick<MlMediaDeps, 'predictions' | 'now'>;

/**
 * Every model's suggestions for one item in the labeling view, by task: media models' (image
 * labels, boxes, spans, audio segments) and the text model's, each naming its model. Several
 * models may suggest for the same task (e.g. on an item with an image and a caption); Accept takes
 * the most confident, or the one chosen. Text-model suggestions below `textThreshold` are left out
 * (media suggestions were filtered by their own threshold when they were stored).
 */
export class MediaSuggestions {
	#s: MediaSessionLike;
	#me: AnnotatorId;
	#deps: SuggestionsDeps;
	#textThreshold: () => number;

	/** Most confident first within each task; tasks in schema order. */
	shown = $state.raw<ShownSuggestion[]>([]);
	status = $state('');
	error = $state('');

	constructor(
		session: MediaSessionLike,
		me: AnnotatorId,
		deps: SuggestionsDeps,
		opts: { textThreshold?: () => number } = {}
	) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
		this.#textThreshold = opts.textThreshold ?? (() => 0);
	}

	/** The suggestions of one task, most confident first. */
	of(task: TaskId): ShownSuggestion[] {
		return this.shown.filter((x) => x.task.id === task);
	}

	/**
	 * Which of `tasks` I have answered on `item`, one character each: a view re-reads suggestions
	 * when this changes, not on every change of the doc.
	 */
	answered(item: Item, tasks: readonly Task[]): string {
		let out = '';
		for (const t of tasks)
			out += annotationRead(this.#s.p, annotationKey(item.id, t.id, this.#me)) ? '1' : '0';
		return out;
	}

	/** Reads the stored suggestions of `item` for the tasks I have not answered. */
	async load(item: Item, tasks: readonly Task[] = this.#s.schema.tasks): Promise<void> {
		const out: ShownSuggestion[] = [];
		try {
			for (const t of tasks) {
				if (!('labels' in t)) continue;
				if (annotationRead(this.#s.p, annotationKey(item.id, t.id, this.#me))) continue;
				const kind = mediaKindOf(t, item);
				const labelIds = new Set(t.labels.map((l) => l.id as string));
				for (const row of await this.#deps.predictions.ofItem(this.#s.id, t.id, item.id)) {
					const value = row.value as AnnotationValue | undefined;
					if (value?.type !== t.type) continue;
					if (textModelIs(row.model)) {
						// The text model's: at or above its threshold, with labels the task still has.
						if (row.confidence < this.#textThreshold()) continue;
						if (value.type !== 'classification' || !value.labels.every((l) => labelIds.has(l)))
							continue;
					} else if (!kind) continue;
					const scores =
						value.type === 'boxes'
							? row.probs
							: value.type === 'classification'
								? [row.confidence]
								: [];
					out.push({
						task: t,
						kind: textModelIs(row.model) ? undefined : kind,
						row,
						value,
						summary: suggestionSummary(value, t.labels, scores),
						from: modelName(row.model)
					});
				}
			}
			this.error = '';
		} catch (e) {
			this.error = `Suggestions could not be read: ${e instanceof Error ? e.message : String(e)}`;
		}
		this.shown = out;
	}

	#find(item: ItemId, task: TaskId, source?: string): ShownSuggestion | undefined {
		return this.shown.find(
			(x) => x.task.id === task && x.row.item === item && (!source || x.row.source === source)
		);
	}

	/**
	 * Writes a suggestion as my annotation (one undoable step) and hides the task's suggestions:
	 * the one of model `source`, or the most confident.
	 */
	accept(item: ItemId, task: TaskId, source?: string): ShownSuggestion | undefined {
		const s = this.#find(item, task, source);
		if (!s) return undefined;
		const now = this.#deps.now() as EpochMs;
		const prev = annotationRead(this.#s.p, annotationKey(item, task, this.#me));
		this.#s.p.doc.transact(() => {
			annotationWrite(
				this.#s.p,
				{
					item,
					task,
					annotator: this.#me,
					value: s.value,
					source: 'model',
					model: s.row.model,
					confidence: s.row.confidence,
					startedAt: (prev?.startedAt ?? now) as EpochMs,
					savedAt: now,
					ms: prev?.ms ?? 0
				},
				ORIGIN.LOCAL
			);
			logAppend(
				this.#s.p,
				{ at: now, who: this.#me, what: 'label', item, detail: `accepted ${s.row.model}` },
				ORIGIN.LOCAL
			);
		}, ORIGIN.LOCAL);
		this.shown = this.shown.filter((x) => x.task.id !== task);
		this.status = `Accepted: ${s.summary} (${s.from})`;
		return s;
	}

	/** Forgets one model's suggestion (the most confident when `source` is not given) on this device. */
	async dismiss(item: ItemId, task: TaskId, source?: string): Promise<void> {
		const s = this.#find(item, task, source);
		if (!s) return;
		this.shown = this.shown.filter((x) => x !== s);
		this.status = `Dismissed the suggestion of ${s.from} for ${s.task.name}`;
		try {
			await this.#deps.predictions.delete(this.#s.id, task, item, s.row.source);
		} catch (e) {
			this.error = `The suggestion could not be removed: ${e instanceof Error ? e.message : String(e)}`;
		}
	}
}

/** The real dependencies: Dexie predictions and settings, the blob store, the media worker. */
export function mlMediaDepsWire(db = new QuorumDb()): MlMediaDeps {
	const urls = new MediaUrls(mediaDepsWire(db));
	return {
		predictions: predictionsRepoFrom(db),
		settings: settingsRepoFrom(db),
		blobOf: async (ref) => {
			const r = await fetch(await urls.url(ref));
			return r.blob();
		},
		decodeAudio: (blob) => audioDecodeMono(blob),
		workerStart: async () => {
			const { mediaWorkerStart } = await import('$lib/ml/media/media-worker-spawn');
			const { client, worker } = mediaWorkerStart();
			return {
				client,
				stop: () => {
					client.destroy();
					worker.terminate();
				}
			};
		},
		now: () => Date.now(),
		release: () => urls.destroy()
	};
}

/** The labeling view's dependencies: only the predictions table (no worker, no media). */
export function mediaSuggestionsDepsWire(db = new QuorumDb()): SuggestionsDeps {
	return { predictions: predictionsRepoFrom(db), now: () => Date.now() };
}
