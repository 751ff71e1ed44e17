/**
 * The worker's side of the media protocol: dispatches each request to its handler, forwards
 * progress, turns thrown errors into `error` messages (never an uncaught worker error), and
 * marks cancelled ids so handlers stop at their next `ctx.check()`.
 */
import {
	MediaCancelledError,
	type MediaCallType,
	type MediaCalls,
	type MediaPort,
	type MediaRequest,
	type MediaRequestOf,
	type MediaResponse
} from './media-protocol';

export interface MediaContext {
	progress(done: number, total: number, detail?: string): void;
	/** Throws `MediaCancelledError` when the request was cancelled. */
	check(): void;
	/** Yields to the event loop (so a cancel can arrive), then checks. */
	tick(): Promise<void>;
}

export type MediaHandlers = {
	[K in MediaCallType]: (
		req: MediaRequestOf<K>,
		ctx: MediaContext
	) => Promise<MediaCalls[K]['res']> | MediaCalls[K]['res'];
};

/** Buffers inside a result worth transferring rather than copying. */
function transferables(result: unknown): Transferable[] {
	const out = new Set<ArrayBuffer>();
	const walk = (v: unknown, depth: number) => {
		if (depth > 3 || v === null || typeof v !== 'object') return;
		if (ArrayBuffer.isView(v)) {
			if (v.buffer instanceof ArrayBuffer && v.byteLength === v.buffer.byteLength)
				out.add(v.buffer);
			return;
		}
		for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x, depth + 1);
	};
	walk(result, 0);
	return [...out];
}

/** Serves requests arriving on `port` with `handlers`; returns a function that stops serving. */
export function mediaServe(port: MediaPort, handlers: Partial<MediaHandlers>): () => void {
	const cancelled = new Set<number>();
	const send = (m: MediaResponse, transfer: Transferable[] = []) => port.postMessage(m, transfer);
	const listener = (e: MessageEvent) => {
		const msg = e.data as MediaRequest | { type: 'cancel'; id: number };
		if (msg.type === 'cancel') {
			cancelled.add(msg.id);
			return;
		}
		void run(msg);
	};
	const run = async (req: MediaRequest) => {
		const ctx: MediaContext = {
			progress: (done, total, detail) =>
				send({ type: 'progress', id: req.id, done, total, detail }),
			check: () => {
				if (cancelled.has(req.id)) throw new MediaCancelledError();
			},
			tick: async () => {
				await new Promise((r) => setTimeout(r, 0));
				ctx.check();
			}
		};
		try {
			const handler = handlers[req.type] as
				((r: MediaRequest, c: MediaContext) => Promise<unknown> | unknown) | undefined;
			if (!handler) throw new Error(`The media worker does not handle '${req.type}'`);
			const result = await handler(req, ctx);
			send({ type: 'result', id: req.id, result }, transferables(result));
		} catch (e) {
			const isCancel = e instanceof MediaCancelledError;
			send({
				type: 'error',
				id: req.id,
				message: e instanceof Error ? e.message : String(e),
				...(isCancel ? { cancelled: true } : {})
			});
		} finally {
			cancelled.delete(req.id);
		}
	};
	port.addEventListener('message', listener);
	return () => port.removeEventListener('message', listener);
}
