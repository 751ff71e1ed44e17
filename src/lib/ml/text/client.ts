/**
 * The page's side of the text-model worker: one promise per request id, progress callbacks and
 * cancel. Takes any `TextPort` (a Worker in the app, a fake port in tests). Imports no TF.js.
 */
import {
	CancelledError,
	type TextCallType,
	type TextCalls,
	type TextPort,
	type TextResponse,
	type TrainProgress
} from './protocol';

interface Pending {
	resolve: (v: unknown) => void;
	reject: (e: Error) => void;
	onProgress?: (p: TrainProgress) => void;
}

export interface TextCall<T> {
	id: number;
	promise: Promise<T>;
	cancel(): void;
}

export class TextClient {
	#port: TextPort;
	#next = 1;
	#pending = new Map<number, Pending>();
	#listener = (e: MessageEvent) => this.#receive(e.data as TextResponse);

	constructor(port: TextPort) {
		this.#port = port;
		port.addEventListener('message', this.#listener);
	}

	call<K extends TextCallType>(
		type: K,
		req: TextCalls[K]['req'],
		onProgress?: (p: TrainProgress) => void
	): TextCall<TextCalls[K]['res']> {
		const id = this.#next++;
		const promise = new Promise<TextCalls[K]['res']>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
		});
		this.#port.postMessage({ ...req, type, id });
		return { id, promise, cancel: () => this.#port.postMessage({ type: 'cancel', id }) };
	}

	get pending(): number {
		return this.#pending.size;
	}

	/** Rejects every pending request (e.g. the worker crashed). */
	failAll(error: Error): void {
		for (const p of this.#pending.values()) p.reject(error);
		this.#pending.clear();
	}

	destroy(): void {
		this.#port.removeEventListener('message', this.#listener);
		this.failAll(new Error('The model worker was stopped'));
	}

	#receive(msg: TextResponse): void {
		const p = this.#pending.get(msg.id);
		if (!p) return;
		if (msg.type === 'progress') {
			p.onProgress?.(msg.progress);
			return;
		}
		this.#pending.delete(msg.id);
		if (msg.type === 'result') p.resolve(msg.result);
		else p.reject(msg.cancelled ? new CancelledError() : new Error(msg.message));
	}
}

/** Starts the text worker: a module worker, so TF.js loads only when it is first needed. */
export function textWorkerStart(): { client: TextClient; worker: Worker } {
	const worker = new Worker(new URL('./text.worker.ts', import.meta.url), {
		type: 'module',
		name: 'quorum-text-ml'
	});
	const client = new TextClient(worker);
	worker.addEventListener('error', (e) =>
		client.failAll(new Error(`The model worker failed: ${e.message || 'unknown error'}`))
	);
	return { client, worker };
}
