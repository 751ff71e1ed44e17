/**
 * Messages between the page and the media worker (media.worker.ts). Requests are a union on
 * `type`, each with an `id`; the worker answers with `progress` messages and one `result` or
 * `error` per id. `cancel` stops a running request at its next step. All payloads are
 * structured-cloneable; PCM and pixel buffers may be transferred.
 */
import type { VadOptions, VadResult } from './audio/vad';
import type { Detection, DetectOptions } from './images/detect-post';
import type { ImageHead } from './images/head';
import type { LabeledRange } from './spans/bio';
import type { MediaModelKind, MediaModelMeta } from './store';
import type { TaggedSpan, TaggerDoc } from './spans/tagger';

/** An image as an encoded blob (PNG, JPEG, …) or raw RGBA pixels. */
export type MediaImage =
	| { kind: 'blob'; blob: Blob }
	| { kind: 'rgba'; width: number; height: number; data: Uint8ClampedArray };

/** How a custom model expects pixels: 0–1, 0–255 or −1–1. */
export type PixelScale = 'unit' | 'byte' | 'signed';

export type CustomModelSource = { kind: 'url'; url: string } | { kind: 'files'; files: File[] };

export interface CustomModelInfo {
	name: string;
	format: 'layers-model' | 'graph-model';
	/** Input height and width the model resizes to. */
	inputSize: [number, number];
	/** Number of outputs (classes). */
	outputs: number;
	/** Class names, when the model carries them (`userDefinedMetadata.classes` or `labels`). */
	classes?: string[];
	scale: PixelScale;
}

/** Request payloads and their results, by type. */
export interface MediaCalls {
	init: { req: Record<string, never>; res: { backend: string } };
	embed: { req: { images: MediaImage[] }; res: { embeddings: Float32Array[] } };
	/**
	 * Trains an image head; with `key`, also saves it (tf.io, IndexedDB) with its metadata:
	 * `labels` (label ids in class order) and the training date `now`.
	 */
	'train-head': {
		req: {
			x: Float32Array[];
			y: number[];
			classes: number;
			epochs?: number;
			key?: string;
			labels?: string[];
			now?: number;
		};
		res: { head: ImageHead; accuracy: number; loss: number };
	};
	detect: {
		req: { images: MediaImage[]; options?: DetectOptions };
		res: { detections: Detection[][]; sizes: { width: number; height: number }[] };
	};
	vad: {
		req: { pcm: Float32Array; sampleRate: number; options?: VadOptions };
		res: Omit<VadResult, 'energyDb'>;
	};
	/** Trains the span model and saves it under `key` (tf.io, IndexedDB), trained at `now`. */
	'spans-train': {
		req: { key: string; docs: TaggerDoc[]; now?: number };
		res: { labels: string[]; docs: number; dictionary: number; patterns: number };
	};
	/** A saved model's metadata (and an image head's weights), or null when none is saved. */
	'model-load': {
		req: { key: string; kind: MediaModelKind };
		res: { meta: MediaModelMeta | null; head?: ImageHead };
	};
	/** Suggests spans with the model trained (or saved earlier) under `key`. */
	'spans-suggest': {
		req: { key: string; texts: string[]; threshold?: number };
		res: { spans: TaggedSpan[][] };
	};
	'custom-load': {
		req: { name: string; source: CustomModelSource; scale?: PixelScale };
		res: CustomModelInfo;
	};
	'custom-list': { req: Record<string, never>; res: { models: CustomModelInfo[] } };
	'custom-delete': { req: { name: string }; res: { deleted: boolean } };
	/** Bench reference: ms per `[n, k] × [k, m]` matMul in the worker (median of `reps`). */
	'bench-matmul': { req: { n: number; k: number; m: number; reps: number }; res: { ms: number } };
	'custom-predict': {
		req: { name: string; images: MediaImage[] };
		res: { probs: number[][] };
	};
}

export type MediaCallType = keyof MediaCalls;

export type MediaRequest = {
	[K in MediaCallType]: { type: K; id: number } & MediaCalls[K]['req'];
}[MediaCallType];

export type MediaRequestOf<K extends MediaCallType> = Extract<MediaRequest, { type: K }>;

export interface MediaCancel {
	type: 'cancel';
	id: number;
}

export type MediaProgress = {
	type: 'progress';
	id: number;
	done: number;
	total: number;
	/** e.g. `epoch 3: loss 0.41, accuracy 0.92`. */
	detail?: string;
};

export type MediaResponse =
	| MediaProgress
	| { type: 'result'; id: number; result: unknown }
	| { type: 'error'; id: number; message: string; cancelled?: boolean };

/** Labeled spans of one text for training (re-exported for callers). */
export type { LabeledRange };

/** The minimum of a Worker or MessagePort the client and server need. */
export interface MediaPort {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
	removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

/** Rejection of a cancelled request. */
export class MediaCancelledError extends Error {
	override name = 'MediaCancelledError';
	constructor() {
		super('Cancelled');
	}
}
