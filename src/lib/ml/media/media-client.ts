/**
 * The page's side of the media worker: one promise per request id, progress callbacks, cancel.
 * Takes any `MediaPort` (a Worker in the app, a MessagePort in tests).
 */
import {
	MediaCancelledError,
	type MediaCallType,
	type MediaCalls,
	type MediaPort,
	type MediaProgress,
	type MediaResponse
} from './media-protocol';

interface Pending {
	resolve: (v: unknown) => void;
	reject: (e: Error) => void;
	onProgress?: (p: MediaProgress) => void;
}

export interface MediaCall<T> {
	id: number;
	promise: Promise<T>;
	cancel(): void;
}

export class MediaClient {
	#port: MediaPort;
	#next = 1;
	#pending = new Map<number, Pending>();
	#listener = (e: MessageEvent) => this.#receive(e.data as MediaResponse);

	constructor(port: MediaPort) {
		this.#port = port;
		port.addEventListener('message', this.#listener);
	}

	/** Sends a request; `transfer` lists buffers to move instead of copy. */
	call<K extends MediaCallType>(
		type: K,
		req: MediaCalls[K]['req'],
		opts: { onProgress?: (p: MediaProgress) => void; transfer?: Transferable[] } = {}
	): MediaCall<MediaCalls[K]['res']> {
		const id = this.#next++;
		const promise = new Promise<MediaCalls[K]['res']>((resolve, reject) => {
			this.#pending.set(id, {
				resolve: resolve as (v: unknown) => void,
				reject,
				onProgress: opts.onProgress
			});
		});
		this.#port.postMessage({ ...req, type, id }, opts.transfer ?? []);
		return { id, promise, cancel: () => this.#port.postMessage({ type: 'cancel', id }) };
	}

	/** Requests still waiting for an answer. */
	get pending(): number {
		return this.#pending.size;
	}

	/** Rejects every pending request (e.g. the worker crashed) with `error`. */
	failAll(error: Error): void {
		for (const p of this.#pending.values()) p.reject(error);
		this.#pending.clear();
	}

	destroy(): void {
		this.#port.removeEventListener('message', this.#listener);
		this.failAll(new Error('The media worker was stopped'));
	}

	#receive(msg: MediaResponse): void {
		const p = this.#pending.get(msg.id);
		if (!p) return;
		if (msg.type === 'progress') {
			p.onProgress?.(msg);
			return;
		}
		this.#pending.delete(msg.id);
		if (msg.type === 'result') p.resolve(msg.result);
		else p.reject(msg.cancelled ? new MediaCancelledError() : new Error(msg.message));
	}
}
