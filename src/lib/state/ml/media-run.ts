/**
 * One run of a media model for one task: what every kind of model (run-*.ts) needs on its way
 * from the project's items to stored suggestions — worker calls that a cancel stops, progress on
 * the task's job, the items I have not answered, everyone's answers, the item's media read from
 * this device, image embeddings kept across runs, and the rows to store.
 */
import type {
	AnnotationValue,
	AnnotatorId,
	Item,
	ItemId,
	Label,
	MediaRef,
	Task
} from '$lib/core/types';
import type { MonoPcm } from '$lib/ml/media/audio/decode';
import type { MediaCall, MediaClient } from '$lib/ml/media/media-client';
import {
	MediaCancelledError,
	type MediaCallType,
	type MediaCalls,
	type MediaImage,
	type MediaProgress
} from '$lib/ml/media/media-protocol';
import { predictionSource, type PredictionRow } from '$lib/storage/db';
import type { PredictionsRepo } from '$lib/storage/predictions-repo';
import type { SettingsRepo } from '$lib/storage/settings-repo';
import type { ProjectStore } from '$lib/sync/project-store';
import { mediaFieldOf, mediaKindOf, type MediaJobKind } from './media-fields';
import type { MediaJobState } from './media-jobs.svelte';

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

/** At most this many items get image or audio suggestions per run (the next unlabeled ones). */
export const MEDIA_SUGGEST_LIMIT = 100;
/** Images per worker request. */
export const IMAGE_CHUNK = 8;

export type LabeledTask = Task & { labels: Label[] };

export interface ReadImage {
	item: Item;
	img: MediaImage;
	/** The media's hash or URL: the embedding cache key. */
	key: string;
}

export interface MediaRunContext {
	store: ProjectStore;
	project: string;
	me: AnnotatorId;
	deps: MlMediaDeps;
	client(): Promise<MediaClient>;
	/** Embeddings by media key, kept while the page is open so retraining re-embeds nothing. */
	embeddings: Map<string, Float32Array>;
	job(): MediaJobState;
	progress(patch: Partial<MediaJobState>): void;
	/** Suggestions below this confidence (0–1) are not stored. */
	threshold(): number;
}

export class MediaRun {
	readonly task: LabeledTask;
	readonly ctx: MediaRunContext;
	#cancelled = false;
	#call: MediaCall<unknown> | undefined;

	constructor(task: LabeledTask, ctx: MediaRunContext) {
		this.task = task;
		this.ctx = ctx;
	}

	get threshold(): number {
		return this.ctx.threshold();
	}

	progress(patch: Partial<MediaJobState>): void {
		this.ctx.progress(patch);
	}

	/** Stops the run at its next step (and the worker's current request). */
	cancel(): void {
		this.#cancelled = true;
		this.#call?.cancel();
	}

	check(): void {
		if (this.#cancelled) throw new MediaCancelledError();
	}

	/** One worker request that `cancel` stops, reporting its progress detail to the job. */
	async call<K extends MediaCallType>(
		type: K,
		req: MediaCalls[K]['req'],
		transfer?: Transferable[]
	): Promise<MediaCalls[K]['res']> {
		this.check();
		const client = await this.ctx.client();
		this.check();
		const call = client.call(type, req, {
			transfer,
			onProgress: (p: MediaProgress) => {
				if (p.detail) this.progress({ detail: p.detail });
			}
		});
		this.#call = call as MediaCall<unknown>;
		try {
			return await call.promise;
		} finally {
			this.#call = undefined;
		}
	}

	/** A model id: its source and today's date, e.g. `coco-centernet@2026-11-29T12:00:00.000Z`. */
	modelId(source: string): string {
		return `${source}@${new Date(this.ctx.deps.now()).toISOString()}`;
	}

	/**
	 * Forgets the task's older suggestions of the same model source once a new run is about to
	 * store its own (other models' suggestions for the task, e.g. the text model's, stay).
	 */
	async fresh(model: string): Promise<void> {
		const source = predictionSource(model);
		const { deps, project } = this.ctx;
		await deps.predictions.clearTask(project, this.task.id, (m) => predictionSource(m) === source);
	}

	row(item: ItemId, model: string, value: AnnotationValue, confidence: number): PredictionRow {
		return {
			project: this.ctx.project,
			task: this.task.id,
			item,
			model,
			source: predictionSource(model),
			value,
			confidence: Math.round(confidence * 1000) / 1000,
			at: this.ctx.deps.now()
		};
	}

	store(rows: PredictionRow[]): Promise<void> {
		return this.ctx.deps.predictions.putMany(rows);
	}

	/** Items of the task that I have not answered, in import order. */
	unlabeled(kind: MediaJobKind): Item[] {
		const { store, me } = this.ctx;
		const out: Item[] = [];
		for (const id of store.order) {
			const item = store.item(id);
			if (!item || mediaKindOf(this.task, item) !== kind) continue;
			if (store.annotation(id, this.task.id, me)) continue;
			out.push(item);
		}
		return out;
	}

	/** Everyone's answers to the task, with their items. */
	labeled(): { item: Item; value: AnnotationValue }[] {
		const { store } = this.ctx;
		const out: { item: Item; value: AnnotationValue }[] = [];
		for (const a of store.annotationsAll()) {
			if (a.task !== this.task.id || a.value.type !== this.task.type) continue;
			const item = store.item(a.item);
			if (item) out.push({ item, value: a.value });
		}
		return out;
	}

	/** The images of `items` this model reads, from the store; unreadable ones go to `failed`. */
	async readable(kind: MediaJobKind, items: Item[], failed: string[]): Promise<ReadImage[]> {
		const out: ReadImage[] = [];
		for (const it of items) {
			const f = mediaFieldOf(it, this.task);
			if (f?.kind !== 'image' || mediaKindOf(this.task, it) !== kind) continue;
			try {
				const blob = await this.ctx.deps.blobOf(f.media);
				const key = 'blob' in f.media ? f.media.blob : f.media.url;
				out.push({ item: it, key, img: { kind: 'blob', blob } });
			} catch (e) {
				failed.push(`${it.source ?? it.id}: ${errorText(e)}`);
			}
		}
		return out;
	}

	/** Embeddings of `imgs`, in order; only those not embedded before go to the worker. */
	async embed(imgs: ReadImage[], phase: string): Promise<Float32Array[]> {
		const cache = this.ctx.embeddings;
		const missing = imgs.filter((x) => !cache.has(x.key));
		this.progress({ phase, done: imgs.length - missing.length, total: imgs.length });
		for (let i = 0; i < missing.length; i += IMAGE_CHUNK) {
			const chunk = missing.slice(i, i + IMAGE_CHUNK);
			const { embeddings } = await this.call('embed', { images: chunk.map((c) => c.img) });
			chunk.forEach((c, j) => cache.set(c.key, embeddings[j] as Float32Array));
			this.progress({ done: this.ctx.job().done + chunk.length });
		}
		return imgs.map((x) => cache.get(x.key) as Float32Array);
	}
}

export function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** A run's message, with the items whose media could not be read. */
export function withFailures(message: string, failed: readonly string[]): string {
	if (failed.length === 0) return message;
	return `${message} ${failed.length} could not be read: ${failed.slice(0, 3).join('; ')}${failed.length > 3 ? '; …' : ''}.`;
}

/** How an item's media is named in a message. */
export function mediaName(ref: MediaRef, item: Item): string {
	return ref.name ?? item.source ?? item.id;
}
