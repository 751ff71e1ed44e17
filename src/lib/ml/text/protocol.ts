/**
 * Messages between the page and the text-model worker (text.worker.ts). Requests are a union on
 * `type`, each with an `id`; the worker answers with `progress` messages and one `result` or
 * `error` per id. `cancel` stops a running request at its next mini-batch. Payloads are
 * structured-cloneable; probabilities travel as Float32Array. Many texts (e.g. 10,000 e-mails,
 * 30 MB) go ahead of their request in `texts` chunks, one per page task (client.ts), so that no
 * single structured clone blocks the page; the request then says `textsChunked`.
 */
import type { HeldOutReport } from '$lib/core/quality/calibration/held-out';
import type { TextModelKind, TrainMetrics } from './classifier';

/** What is saved beside a model's weights (tf.io `userDefinedMetadata`). */
export interface TextModelMeta {
	/** Format version of the saved model; a model of another version is not loaded. */
	schemaVersion: number;
	/** Model id shown with suggestions, e.g. `text-linear@2026-11-29T04:10:00.000Z`. */
	model: string;
	kind: TextModelKind;
	/** Label ids in schema order: the model's classes. */
	labels: string[];
	/** Label ids' names when trained, for display. */
	labelNames: string[];
	dim: number;
	metrics: TrainMetrics;
	/**
	 * The same kind of model judged on held-out folds before the final training: accuracy against
	 * the majority-class baseline, the temperature its suggestions are scaled by, calibration error,
	 * per-class scores and confusion. Undefined when there were too few labels for 2 folds.
	 */
	heldOut?: HeldOutReport;
	/** Number of labeled items it was trained on. */
	trainedOn: number;
	/** Training date, ms since epoch. */
	trainedAt: number;
}

/** 2: models carry their held-out report and calibrated suggestions; a model of 1 is trained again. */
export const TEXT_MODEL_SCHEMA_VERSION = 2;

/**
 * Whether a stored suggestion comes from the text model (its `model` is `text-<kind>@<date>`), as
 * opposed to an image or other media model that may suggest labels for the same task.
 */
export function textModelIs(model: string): boolean {
	return model.startsWith('text-');
}

export interface TrainProgress {
	phase: 'features' | 'train' | 'fold';
	epoch: number;
	epochs: number;
	loss?: number;
	valAccuracy?: number;
	/** For out-of-fold runs: the fold being trained (1-based) and the number of folds. */
	fold?: number;
	folds?: number;
}

export interface TrainRequest {
	/** Where the model is saved (tf.io URL, e.g. `indexeddb://quorum-text/…`); none = not saved. */
	key?: string;
	texts: string[];
	/** Class index of each text. */
	y: number[];
	labels: string[];
	labelNames: string[];
	kind?: TextModelKind;
	epochs?: number;
	/**
	 * Judge and calibrate on held-out folds first (default true; `heldOut` in the meta). False
	 * trains the final model only.
	 */
	evaluate?: boolean;
	/** Training date (ms), from the caller's clock. */
	now: number;
}

/** Request payloads and their results, by type. */
export interface TextCalls {
	/** The backend, and (wasm) whether SIMD and threads are in use. */
	init: { req: Record<string, never>; res: { backend: string; simd?: boolean; threads?: boolean } };
	train: { req: TrainRequest; res: { meta: TextModelMeta } };
	/** Probabilities scaled by the model's held-out temperature, unless `raw`. */
	predict: {
		req: { key: string; texts: string[]; raw?: boolean };
		res: { probs: Float32Array; classes: number };
	};
	/** k-fold out-of-fold probabilities (for label-error detection); nothing is saved. */
	oof: {
		req: {
			texts: string[];
			y: number[];
			classes: number;
			folds?: number;
			epochs?: number;
			seed?: number;
		};
		res: { probs: Float32Array };
	};
	/** The saved model's metadata, or null when there is none (or it is of another version). */
	load: { req: { key: string }; res: { meta: TextModelMeta | null } };
	remove: { req: { key: string }; res: { removed: boolean } };
}

export type TextCallType = keyof TextCalls;

export type TextRequest = {
	[K in TextCallType]: { type: K; id: number } & TextCalls[K]['req'];
}[TextCallType];

export type TextRequestOf<K extends TextCallType> = Extract<TextRequest, { type: K }>;

export interface TextCancel {
	type: 'cancel';
	id: number;
}

/** Part of the texts of request `id`, sent before the request itself (which has `textsChunked`). */
export interface TextChunk {
	type: 'texts';
	id: number;
	texts: string[];
}

export type TextResponse =
	| { type: 'progress'; id: number; progress: TrainProgress }
	| { type: 'result'; id: number; result: unknown }
	| { type: 'error'; id: number; message: string; cancelled?: boolean };

/** The page side of a worker, or a MessagePort in tests. */
export interface TextPort {
	postMessage(msg: unknown, transfer?: Transferable[]): void;
	addEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
	removeEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
}

export class CancelledError extends Error {
	constructor() {
		super('Cancelled');
		this.name = 'CancelledError';
	}
}

/** The handlers a worker serves: one async function per request type. */
export type TextHandlers = {
	[K in TextCallType]: (
		req: TextCalls[K]['req'],
		ctx: { progress(p: TrainProgress): void; checkCancel(): Promise<void> }
	) => Promise<TextCalls[K]['res']>;
};

/** Checks a request from the page; returns an error message, or undefined when it is well-formed. */
export function requestProblem(msg: unknown): string | undefined {
	if (typeof msg !== 'object' || msg === null) return 'The message is not an object';
	const m = msg as Record<string, unknown>;
	if (typeof m.id !== 'number') return 'The message has no numeric id';
	const types: string[] = ['init', 'train', 'predict', 'oof', 'load', 'remove', 'cancel', 'texts'];
	if (typeof m.type !== 'string' || !types.includes(m.type))
		return `Unknown request type “${String(m.type)}”`;
	if (m.type === 'texts' && !Array.isArray(m.texts)) return 'texts: the chunk has no texts array';
	if (m.type === 'train' || m.type === 'oof') {
		if (!Array.isArray(m.texts) || !Array.isArray(m.y))
			return `${m.type}: texts and y must be arrays`;
		if (m.texts.length !== m.y.length)
			return `${m.type}: ${m.texts.length} texts but ${m.y.length} labels`;
	}
	if (m.type === 'train') {
		if (!Array.isArray(m.labels) || m.labels.length < 2)
			return 'train: at least 2 labels are needed';
		const K = m.labels.length;
		const bad = (m.y as unknown[]).findIndex(
			(v) => !Number.isInteger(v) || (v as number) < 0 || (v as number) >= K
		);
		if (bad >= 0)
			return `train: label of text ${bad} is ${String((m.y as unknown[])[bad])}, not a class 0–${K - 1}`;
	}
	if (
		(m.type === 'predict' || m.type === 'load' || m.type === 'remove') &&
		typeof m.key !== 'string'
	)
		return `${m.type}: the model key is missing`;
	return undefined;
}

/**
 * Serves `handlers` on `port` (the worker's global scope, or a MessagePort in tests). A cancel
 * message marks its request; the handler sees it at its next `checkCancel()` (which also yields to
 * the event loop so the cancel can arrive at all).
 */
export function textServe(port: TextPort, handlers: TextHandlers): () => void {
	const cancelled = new Set<number>();
	/** Texts received in chunks, by request id, until their request arrives. */
	const chunks = new Map<number, string[]>();
	const listener = (e: MessageEvent) => {
		const msg = e.data as TextRequest | TextCancel | TextChunk;
		if (
			typeof msg === 'object' &&
			msg !== null &&
			(msg as { textsChunked?: unknown }).textsChunked === true
		) {
			const id = (msg as { id?: unknown }).id as number;
			(msg as { texts?: string[] }).texts = chunks.get(id) ?? [];
			delete (msg as { textsChunked?: unknown }).textsChunked;
			chunks.delete(id);
		}
		const problem = requestProblem(msg);
		const id = typeof (msg as { id?: unknown })?.id === 'number' ? msg.id : -1;
		if (problem) {
			chunks.delete(id);
			port.postMessage({ type: 'error', id, message: problem } satisfies TextResponse);
			return;
		}
		if (msg.type === 'texts') {
			const have = chunks.get(id) ?? [];
			for (const t of msg.texts) have.push(t);
			chunks.set(id, have);
			return;
		}
		if (msg.type === 'cancel') {
			// A request cancelled while its texts were still arriving is never sent.
			if (chunks.delete(msg.id)) return;
			cancelled.add(msg.id);
			return;
		}
		const ctx = {
			progress: (progress: TrainProgress) =>
				port.postMessage({ type: 'progress', id, progress } satisfies TextResponse),
			checkCancel: async () => {
				await new Promise((r) => setTimeout(r, 0));
				if (cancelled.has(id)) throw new CancelledError();
			}
		};
		const { type, id: _id, ...req } = msg;
		const handler = handlers[type] as (r: unknown, c: typeof ctx) => Promise<unknown>;
		handler(req, ctx)
			.then((result) => {
				const transfer =
					result && typeof result === 'object' && 'probs' in result
						? [(result as { probs: Float32Array }).probs.buffer]
						: [];
				port.postMessage(
					{ type: 'result', id, result } satisfies TextResponse,
					transfer as Transferable[]
				);
			})
			.catch((err: unknown) => {
				const isCancel = err instanceof CancelledError;
				port.postMessage({
					type: 'error',
					id,
					message: isCancel ? 'Cancelled' : err instanceof Error ? err.message : String(err),
					cancelled: isCancel || undefined
				} satisfies TextResponse);
			})
			.finally(() => cancelled.delete(id));
	};
	port.addEventListener('message', listener);
	return () => port.removeEventListener('message', listener);
}
