/**
 * Framing for WebRTC data channels. Chromium silently drops data-channel messages above 256 KiB
 * (docs/ARCHITECTURE.md#framing), and y-webrtc sends a newcomer the whole doc in one message, so
 * every message is sent as frames of at most 64 KiB and reassembled on the other side.
 *
 * Wire format (big-endian):
 * - whole message: `0x51 0x00 payload`
 * - part of a message: `0x51 0x01 id:u32 total:u32 offset:u32 payload`; parts of one message
 *   arrive in order (the channel is ordered and reliable), parts of different messages may interleave.
 * Pure logic, no WebRTC: the provider in webrtc/ feeds frames in and messages out.
 */

export const FRAME_MAX = 64 * 1024;
const MAGIC = 0x51;
const WHOLE = 0x00;
const PART = 0x01;
const PART_HEADER = 14;

/** Splits one message into frames of at most `frameMax` bytes (header included). */
export function framesFrom(message: Uint8Array, id: number, frameMax = FRAME_MAX): Uint8Array[] {
	if (message.length + 2 <= frameMax) {
		const f = new Uint8Array(message.length + 2);
		f[0] = MAGIC;
		f[1] = WHOLE;
		f.set(message, 2);
		return [f];
	}
	const body = frameMax - PART_HEADER;
	if (body <= 0) throw new RangeError(`frameMax must exceed ${PART_HEADER} bytes`);
	const frames: Uint8Array[] = [];
	for (let off = 0; off < message.length; off += body) {
		const chunk = message.subarray(off, Math.min(off + body, message.length));
		const f = new Uint8Array(PART_HEADER + chunk.length);
		const v = new DataView(f.buffer);
		f[0] = MAGIC;
		f[1] = PART;
		v.setUint32(2, id >>> 0);
		v.setUint32(6, message.length);
		v.setUint32(10, off);
		f.set(chunk, PART_HEADER);
		frames.push(f);
	}
	return frames;
}

export type FrameResult =
	{ type: 'message'; data: Uint8Array } | { type: 'partial' } | { type: 'error'; reason: string };

export interface ReassemblerLimits {
	/** Largest message accepted, in bytes. */
	maxMessage: number;
	/** Most messages in flight at once; the oldest is dropped beyond this. */
	maxPending: number;
}

interface Pending {
	total: number;
	received: number;
	chunks: Uint8Array[];
}

/**
 * Reassembles frames into messages. A frame with a bad header, a gap (a lost frame), a part that
 * runs past its message's total, or a total above the limit drops that message and reports why;
 * it never throws, and memory grows only with bytes actually received.
 */
export class Reassembler {
	#pending = new Map<number, Pending>();
	#limits: ReassemblerLimits;

	constructor(limits: Partial<ReassemblerLimits> = {}) {
		this.#limits = { maxMessage: 256 * 1024 * 1024, maxPending: 16, ...limits };
	}

	get pendingCount(): number {
		return this.#pending.size;
	}

	push(frame: Uint8Array): FrameResult {
		if (frame.length < 2 || frame[0] !== MAGIC) return { type: 'error', reason: 'not a frame' };
		if (frame[1] === WHOLE) return { type: 'message', data: frame.subarray(2) };
		if (frame[1] !== PART || frame.length < PART_HEADER)
			return { type: 'error', reason: 'bad frame header' };
		const v = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
		const id = v.getUint32(2);
		const total = v.getUint32(6);
		const offset = v.getUint32(10);
		const body = frame.subarray(PART_HEADER);
		const drop = (reason: string): FrameResult => {
			this.#pending.delete(id);
			return { type: 'error', reason };
		};
		if (total > this.#limits.maxMessage)
			return drop(`message of ${total} bytes is over the ${this.#limits.maxMessage}-byte limit`);
		if (body.length === 0 || offset + body.length > total)
			return drop('frame runs past the end of its message');
		let p = this.#pending.get(id);
		if (!p) {
			if (offset !== 0) return { type: 'error', reason: 'missing the first frame of a message' };
			if (this.#pending.size >= this.#limits.maxPending) {
				const oldest = this.#pending.keys().next().value;
				if (oldest !== undefined) this.#pending.delete(oldest);
			}
			p = { total, received: 0, chunks: [] };
			this.#pending.set(id, p);
		}
		if (p.total !== total) return drop('frames disagree on the message size');
		if (offset !== p.received) return drop('a frame was lost');
		p.chunks.push(body.slice());
		p.received += body.length;
		if (p.received < p.total) return { type: 'partial' };
		this.#pending.delete(id);
		const out = new Uint8Array(p.total);
		let at = 0;
		for (const c of p.chunks) {
			out.set(c, at);
			at += c.length;
		}
		return { type: 'message', data: out };
	}

	clear(): void {
		this.#pending.clear();
	}
}

/**
 * Largest message a WebRTC peer may send us (a whole doc on join included). A project whose full
 * state is larger joins through a sync bundle instead; a hostile 50 MB update is dropped.
 */
export const PEER_MESSAGE_MAX = 32 * 1024 * 1024;

export interface RateLimits {
	/** Messages per second, sustained, and the burst allowed above it. */
	messagesPerSecond: number;
	messageBurst: number;
	/** Bytes per second, sustained, and the burst allowed above it. */
	bytesPerSecond: number;
	byteBurst: number;
}

/**
 * Per connection. Labeling sends a few messages a second and a join a few hundred at once; a
 * peer over this rate has its connection closed (webrtc/), and its next connection gets back
 * whatever it lacks in one state diff. Media (blob) messages have a bucket of their own.
 */
export const PEER_RATE_LIMITS: RateLimits = {
	messagesPerSecond: 300,
	messageBurst: 3000,
	bytesPerSecond: 8 * 1024 * 1024,
	byteBurst: 2 * PEER_MESSAGE_MAX
};

/** Two token buckets (messages and bytes); `take` says whether a message may pass. */
export class RateLimiter {
	#limits: RateLimits;
	#messages: number;
	#bytes: number;
	#at: number | undefined;
	dropped = 0;

	constructor(limits: RateLimits = PEER_RATE_LIMITS) {
		this.#limits = limits;
		this.#messages = limits.messageBurst;
		this.#bytes = limits.byteBurst;
	}

	/** Whether a message of `bytes` may pass at `now` (ms); if so, its tokens are spent. */
	take(bytes: number, now: number): boolean {
		const l = this.#limits;
		if (this.#at !== undefined) {
			const s = Math.max(0, now - this.#at) / 1000;
			this.#messages = Math.min(l.messageBurst, this.#messages + s * l.messagesPerSecond);
			this.#bytes = Math.min(l.byteBurst, this.#bytes + s * l.bytesPerSecond);
		}
		this.#at = now;
		if (this.#messages < 1 || this.#bytes < bytes) {
			this.dropped++;
			return false;
		}
		this.#messages -= 1;
		this.#bytes -= bytes;
		return true;
	}
}
