/**
 * The page's side of the text-model worker: one promise per request id, progress callbacks and
 * cancel. Takes any `TextPort` (a Worker in the app, a fake port in tests). Imports no TF.js.
 * Texts beyond `CHUNK_CHARS` characters are sent ahead of their request in chunks, one chunk per
 * page task: a structured clone of 30 MB of texts in one message would block the page for
 * hundreds of milliseconds.
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

/** About how many characters of texts go in one message (~256 KB as UTF-16). */
export const CHUNK_CHARS = 1 << 17;

/** The texts in chunks of about `maxChars` characters (at least one text per chunk). */
export function textChunks(texts: readonly string[], maxChars = CHUNK_CHARS): string[][] {
	const out: string[][] = [];
	let part: string[] = [];
	let chars = 0;
	for (const t of texts) {
		if (part.length > 0 && chars + t.length > maxChars) {
			out.push(part);
			part = [];
			chars = 0;
		}
		part.push(t);
		chars += t.length;
	}
	if (part.length > 0) out.push(part);
	return out;
}

/**
 * Lets the page run other tasks: a macrotask (unlike a resolved promise), through a MessageChannel
 * where there is one, which nested timers would clamp to 4 ms each.
 */
function nextTask(): Promise<void> {
	if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
	return new Promise((resolve) => {
		const { port1, port2 } = new MessageChannel();
		port1.onmessage = () => {
			port1.close();
			resolve();
		};
		port2.postMessage(null);
	});
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

	#chunkChars: number;

	/** `chunkChars`: how many characters of texts one message carries at most (tests set it low). */
	constructor(port: TextPort, options: { chunkChars?: number } = {}) {
		this.#port = port;
		this.#chunkChars = options.chunkChars ?? CHUNK_CHARS;
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
		const texts = (req as { texts?: unknown }).texts;
		const parts = Array.isArray(texts) ? textChunks(texts as string[], this.#chunkChars) : [];
		if (parts.length <= 1) {
			this.#port.postMessage({ ...req, type, id });
			return { id, promise, cancel: () => this.#port.postMessage({ type: 'cancel', id }) };
		}
		let cancelled = false;
		let sent = false;
		void (async () => {
			for (const part of parts) {
				if (cancelled || !this.#pending.has(id)) return;
				this.#port.postMessage({ type: 'texts', id, texts: part });
				await nextTask();
			}
			if (cancelled || !this.#pending.has(id)) return;
			this.#port.postMessage({ ...req, texts: [], textsChunked: true, type, id });
			sent = true;
		})();
		return {
			id,
			promise,
			cancel: () => {
				if (cancelled) return;
				cancelled = true;
				// Before the request is sent the worker only drops the chunks; answer here.
				this.#port.postMessage({ type: 'cancel', id });
				const p = this.#pending.get(id);
				if (p && !sent) {
					this.#pending.delete(id);
					p.reject(new CancelledError());
				}
			}
		};
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
