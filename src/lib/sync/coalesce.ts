/**
 * Coalescing of Yjs updates on the WebRTC channel (issue 9, a peer's flood). Every update applied
 * is a Yjs transaction: observers (guard, index, views) run, the update is encoded again for
 * persistence, and y-webrtc relays it to every other peer and tab. A peer sending thousands of
 * small updates kept the page busy for seconds per thousand. Updates that arrive within a few
 * milliseconds of each other are merged (Y.mergeUpdates) and applied, or relayed, as one.
 * Wire format of y-webrtc's doc messages: `messageSync(0)` then y-protocols/sync's
 * `step2(1) | update(2)` and the update as a var-length byte array.
 */
import * as decoding from 'lib0/decoding';
import { mergeUpdates } from 'yjs';

const MESSAGE_SYNC = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export interface SyncUpdate {
	update: Uint8Array;
	/** Sync step 2 (the answer to a state vector), which y-webrtc counts as "synced". */
	step2: boolean;
	/** The message it came in, handed on as it is when the update goes alone. */
	message?: Uint8Array;
}

/** The update inside a y-webrtc doc message (step 2 or update); undefined for any other message. */
export function syncUpdateOf(message: Uint8Array): SyncUpdate | undefined {
	try {
		const d = decoding.createDecoder(message);
		if (decoding.readVarUint(d) !== MESSAGE_SYNC) return undefined;
		const type = decoding.readVarUint(d);
		if (type !== SYNC_STEP2 && type !== SYNC_UPDATE) return undefined;
		const update = decoding.readVarUint8Array(d);
		// Trailing bytes: not a message we write; y-webrtc gets it as it came.
		if (decoding.hasContent(d)) return undefined;
		return { update, step2: type === SYNC_STEP2, message };
	} catch {
		return undefined;
	}
}

/**
 * A y-webrtc doc message holding `update`, as lib0's encoder writes it, in one allocation and
 * one copy (the encoder's growing buffers took a second for a 16 MB update).
 */
export function syncUpdateMessage(update: Uint8Array, step2 = false): Uint8Array {
	let lengthBytes = 1;
	for (let v = update.length; v > 127; v = Math.floor(v / 128)) lengthBytes++;
	const out = new Uint8Array(2 + lengthBytes + update.length);
	out[0] = MESSAGE_SYNC;
	out[1] = step2 ? SYNC_STEP2 : SYNC_UPDATE;
	let at = 2;
	let v = update.length;
	while (v > 127) {
		out[at++] = (v & 127) | 128;
		v = Math.floor(v / 128);
	}
	out[at++] = v;
	out.set(update, at);
	return out;
}

export interface BatchOptions {
	/** How long the first update of a batch waits for more. */
	delayMs: number;
	/** A batch of this many bytes goes at once. */
	maxBytes: number;
	/**
	 * A batch of this many updates goes at once: Y.mergeUpdates re-sorts its inputs per struct,
	 * so merging thousands at a time cost more than it saved.
	 */
	maxUpdates: number;
	/** An update this large goes alone, never merged: merging would decode and copy it again. */
	alone: number;
}

export const BATCH_DEFAULTS: BatchOptions = {
	delayMs: 25,
	maxBytes: 1024 * 1024,
	maxUpdates: 64,
	alone: 64 * 1024
};

/**
 * Collects updates for up to `delayMs` and hands them on as one merged update, in order with
 * whatever the caller sends between batches (it calls `flush` first). An update Yjs cannot merge
 * (malformed, from a hostile peer) makes the batch go out one update at a time, as it came, so
 * Yjs rejects only that one.
 */
export class UpdateBatcher {
	#out: (u: SyncUpdate) => void;
	#opts: BatchOptions;
	#updates: SyncUpdate[] = [];
	#bytes = 0;
	#step2 = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** Updates taken in and batches handed on, for tests and stats. */
	taken = 0;
	sent = 0;

	constructor(out: (u: SyncUpdate) => void, opts: Partial<BatchOptions> = {}) {
		this.#out = out;
		this.#opts = { ...BATCH_DEFAULTS, ...opts };
	}

	get pending(): number {
		return this.#updates.length;
	}

	push(u: SyncUpdate): void {
		this.taken++;
		if (u.update.length >= this.#opts.alone) {
			this.flush();
			this.sent++;
			this.#out(u);
			return;
		}
		this.#updates.push(u);
		this.#bytes += u.update.length;
		this.#step2 ||= u.step2;
		if (this.#bytes >= this.#opts.maxBytes || this.#updates.length >= this.#opts.maxUpdates)
			this.flush();
		else this.#timer ??= setTimeout(() => this.flush(), this.#opts.delayMs);
	}

	flush(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		const list = this.#updates;
		if (list.length === 0) return;
		const step2 = this.#step2;
		this.#updates = [];
		this.#bytes = 0;
		this.#step2 = false;
		if (list.length === 1) {
			this.sent++;
			this.#out(list[0] as SyncUpdate);
			return;
		}
		let merged: Uint8Array;
		try {
			merged = mergeUpdates(list.map((u) => u.update));
		} catch {
			for (const u of list) {
				this.sent++;
				this.#out(u);
			}
			return;
		}
		this.sent++;
		this.#out({ update: merged, step2 });
	}

	/** Drops what is waiting (the connection is gone). */
	clear(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#updates = [];
		this.#bytes = 0;
		this.#step2 = false;
	}
}
