/**
 * The text model's worker and its one job at a time (training, predicting, checking labels): the
 * worker starts on the first call and stops on release; a job shows as busy with its progress,
 * and ends in a status line, an error, or "cancelled".
 */
import type { TextClient } from '$lib/ml/text/client';
import {
	CancelledError,
	type TextCallType,
	type TextCalls,
	type TrainProgress
} from '$lib/ml/text/protocol';

export type TextBusy = 'training' | 'predicting' | 'checking' | undefined;

export type TextWorkerStart = () => { client: TextClient; stop(): void };

export class TextRunner {
	#start: TextWorkerStart;
	#worker: { client: TextClient; stop(): void } | undefined;
	#cancel: (() => void) | undefined;
	#busy = $state<TextBusy>(undefined);
	#progress = $state.raw<TrainProgress | undefined>(undefined);
	#error = $state('');
	#status = $state('');

	constructor(start: TextWorkerStart) {
		this.#start = start;
	}

	get busy(): TextBusy {
		return this.#busy;
	}
	get progress(): TrainProgress | undefined {
		return this.#progress;
	}
	get error(): string {
		return this.#error;
	}
	/** A short, polite message of the last finished job. */
	get status(): string {
		return this.#status;
	}

	progressSet(p: TrainProgress | undefined): void {
		this.#progress = p;
	}
	statusSet(s: string): void {
		this.#status = s;
	}
	errorSet(e: string): void {
		this.#error = e;
	}

	/** One worker request; `cancel` stops it while it runs. */
	call<K extends TextCallType>(
		type: K,
		req: TextCalls[K]['req'],
		onProgress?: (p: TrainProgress) => void
	): Promise<TextCalls[K]['res']> {
		this.#worker ??= this.#start();
		const call = this.#worker.client.call(type, req, onProgress);
		this.#cancel = call.cancel;
		return call.promise;
	}

	/** Runs `job` as `busy`; reports a failure or a cancel; resolves whether it finished. */
	async run(busy: TextBusy, what: string, job: () => Promise<void>): Promise<boolean> {
		this.#error = '';
		this.#busy = busy;
		try {
			await job();
			return true;
		} catch (e) {
			if (e instanceof CancelledError) this.#status = `${what} cancelled.`;
			else this.#error = `${what} failed: ${e instanceof Error ? e.message : String(e)}`;
			return false;
		} finally {
			this.#busy = undefined;
			this.#cancel = undefined;
		}
	}

	cancel(): void {
		this.#cancel?.();
	}

	/** Stops the worker (freeing TF.js) unless it is busy; it restarts on next use. */
	release(): void {
		if (this.#busy || !this.#worker) return;
		this.#worker.stop();
		this.#worker = undefined;
	}

	destroy(): void {
		this.#cancel?.();
		this.#worker?.stop();
		this.#worker = undefined;
	}
}
