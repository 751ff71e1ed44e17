/**
 * Blob exchange (docs/ARCHITECTURE.md#blob-exchange): media are content-addressed (SHA-256), and a
 * peer that lacks a blob asks connected peers for it in chunks, checks the hash of what arrived,
 * and only then stores it. Pure protocol over an abstract `send(peer, bytes)`; webrtc/ carries
 * the messages on the y-webrtc data channels (framed, and told apart from y-webrtc's by their first
 * byte).
 *
 * Messages (big-endian), all starting with `BLOB_TAG op:u8 req:u32`:
 * - 1 WANT `sha:32`                       → 2 HAVE `size:f64 mimeLen:u16 mime` or 3 NONE
 * - 4 GET  `sha:32 offset:f64 length:u32` → 5 DATA `offset:f64 bytes` or 6 FAIL
 * The requester pulls chunks of at most CHUNK bytes, a few in flight, so a DATA message fits in
 * one 64 KiB frame and the server keeps no state per transfer. A peer that answers with a size
 * other than the item's, a chunk that does not fit, or bytes whose hash is wrong is dropped for
 * that blob and the next peer is asked; nothing unchecked is ever stored.
 */
import { hexFromBytes, sha256Hex } from '$lib/core/ids';

/** First byte of every blob-exchange message (y-webrtc's own messages start with 0–4). */
export const BLOB_TAG = 0x62;
/** Bytes of blob per DATA message: with its 15-byte header it stays under one 64 KiB frame. */
export const CHUNK = 60 * 1024;

const WANT = 1;
const HAVE = 2;
const NONE = 3;
const GET = 4;
const DATA = 5;
const FAIL = 6;
const HEAD = 6;

export interface BlobSource {
	/** Size and type of a blob this device will share, or undefined. */
	info(sha256: string): Promise<{ size: number; mime: string } | undefined>;
	read(sha256: string, offset: number, length: number): Promise<Uint8Array | undefined>;
}

export interface BlobExchangeOptions<P> {
	send(peer: P, message: Uint8Array): void;
	/** Peers connected now. */
	peers(): readonly P[];
	source: BlobSource;
	/** Stores a blob whose hash was checked. */
	store(sha256: string, bytes: Uint8Array, mime: string): Promise<void>;
	/** Largest blob accepted (default 1 GiB). */
	maxBlob?: number;
	/** A peer that stays silent this long is given up for this blob (default 15 s). */
	timeoutMs?: number;
	/** How long to wait for a first peer when none is connected (default 20 s). */
	waitPeersMs?: number;
	/** Chunks in flight per transfer (default 8). */
	window?: number;
	/** Told about every blob refused for a wrong hash or a hostile answer (not for silence). */
	onReject?(sha256: string, reason: string): void;
}

export interface BlobExchangeStats {
	/** Blobs fetched, checked and stored. */
	fetched: number;
	/** Chunks served to peers. */
	served: number;
	/** Blobs whose bytes did not match their hash (never stored). */
	wrongHash: number;
	/** Answers refused: sizes or chunks that did not fit, unknown requests. */
	refused: number;
	/** Peers given up on for staying silent. */
	timeouts: number;
}

type Reply = { op: number; view: DataView; bytes: Uint8Array };

interface Waiting {
	peer: unknown;
	resolve(r: Reply): void;
	reject(e: Error): void;
}

class PeerGone extends Error {}
class Refused extends Error {}

const SHA_RE = /^[0-9a-f]{64}$/;

function shaBytes(sha: string): Uint8Array {
	const out = new Uint8Array(32);
	for (let i = 0; i < 32; i++) out[i] = parseInt(sha.slice(i * 2, i * 2 + 2), 16);
	return out;
}

function message(op: number, req: number, bodyLen: number): { m: Uint8Array; v: DataView } {
	const m = new Uint8Array(HEAD + bodyLen);
	const v = new DataView(m.buffer);
	m[0] = BLOB_TAG;
	m[1] = op;
	v.setUint32(2, req >>> 0);
	return { m, v };
}

export function isBlobMessage(m: Uint8Array): boolean {
	return m.length >= HEAD && m[0] === BLOB_TAG;
}

export class BlobExchange<P> {
	readonly stats: BlobExchangeStats = {
		fetched: 0,
		served: 0,
		wrongHash: 0,
		refused: 0,
		timeouts: 0
	};
	#o: Required<Omit<BlobExchangeOptions<P>, 'onReject'>> & Pick<BlobExchangeOptions<P>, 'onReject'>;
	#nextReq = 1;
	#waiting = new Map<number, Waiting>();
	#inflight = new Map<string, Promise<boolean>>();
	#closed = false;

	constructor(opts: BlobExchangeOptions<P>) {
		this.#o = {
			maxBlob: 1024 * 1024 * 1024,
			timeoutMs: 15_000,
			waitPeersMs: 20_000,
			window: 8,
			...opts
		};
	}

	/** Handles a message from a peer (either role). Never throws. */
	receive(peer: P, m: Uint8Array): void {
		if (!isBlobMessage(m) || this.#closed) return;
		const v = new DataView(m.buffer, m.byteOffset, m.byteLength);
		const op = m[1] as number;
		const req = v.getUint32(2);
		if (op === WANT || op === GET) {
			void this.#serve(peer, op, req, m, v).catch(() => undefined);
			return;
		}
		const w = this.#waiting.get(req);
		if (!w || w.peer !== peer) {
			this.stats.refused++;
			return;
		}
		this.#waiting.delete(req);
		w.resolve({ op, view: v, bytes: m });
	}

	/** A peer left: its pending answers fail, and the transfers move to the next peer. */
	peerGone(peer: P): void {
		for (const [req, w] of this.#waiting)
			if (w.peer === peer) {
				this.#waiting.delete(req);
				w.reject(new PeerGone('peer left'));
			}
	}

	/**
	 * Fetches a blob from the peers, checks its hash and stores it. Resolves true once stored,
	 * false when no peer could give it. Concurrent calls for one hash share one transfer.
	 */
	fetch(sha256: string, expectedSize?: number): Promise<boolean> {
		if (!SHA_RE.test(sha256)) return Promise.resolve(false);
		let p = this.#inflight.get(sha256);
		if (!p) {
			p = this.#fetch(sha256, expectedSize).finally(() => this.#inflight.delete(sha256));
			this.#inflight.set(sha256, p);
		}
		return p;
	}

	close(): void {
		this.#closed = true;
		for (const [req, w] of this.#waiting) {
			this.#waiting.delete(req);
			w.reject(new PeerGone('closed'));
		}
	}

	async #fetch(sha: string, expected?: number): Promise<boolean> {
		const tried = new Set<P>();
		const deadline = Date.now() + this.#o.waitPeersMs;
		for (;;) {
			if (this.#closed) return false;
			const peer = this.#o.peers().find((p) => !tried.has(p));
			if (peer === undefined) {
				// Nobody (left) to ask: wait a while for peers to connect, then give up.
				if (tried.size > 0 || Date.now() >= deadline) return false;
				await new Promise((r) => setTimeout(r, 250));
				continue;
			}
			tried.add(peer);
			const got = await this.#fetchFrom(peer, sha, expected).catch((e: unknown) => {
				if (e instanceof Refused) this.#reject(sha, e.message);
				else if (!(e instanceof PeerGone)) this.stats.timeouts++;
				return undefined;
			});
			if (!got) continue;
			if ((await sha256Hex(got.bytes)) !== sha) {
				this.stats.wrongHash++;
				this.#reject(sha, 'the bytes a peer sent do not match the blob’s SHA-256');
				continue;
			}
			await this.#o.store(sha, got.bytes, got.mime);
			this.stats.fetched++;
			return true;
		}
	}

	#reject(sha: string, reason: string): void {
		this.#o.onReject?.(sha, reason);
	}

	#ask(peer: P, m: Uint8Array, req: number): Promise<Reply> {
		return new Promise<Reply>((resolve, reject) => {
			const timer = setTimeout(() => {
				if (this.#waiting.delete(req)) reject(new Error('a peer stopped answering'));
			}, this.#o.timeoutMs);
			this.#waiting.set(req, {
				peer,
				resolve: (r) => {
					clearTimeout(timer);
					resolve(r);
				},
				reject: (e) => {
					clearTimeout(timer);
					reject(e);
				}
			});
			try {
				this.#o.send(peer, m);
			} catch {
				this.#waiting.delete(req);
				clearTimeout(timer);
				reject(new PeerGone('send failed'));
			}
		});
	}

	async #fetchFrom(
		peer: P,
		sha: string,
		expected?: number
	): Promise<{ bytes: Uint8Array; mime: string } | undefined> {
		const shaB = shaBytes(sha);
		const wantReq = this.#nextReq++;
		const want = message(WANT, wantReq, 32);
		want.m.set(shaB, HEAD);
		const info = await this.#ask(peer, want.m, wantReq);
		if (info.op === NONE) return undefined;
		if (info.op !== HAVE || info.bytes.length < HEAD + 10) throw this.#refuse('a malformed answer');
		const size = info.view.getFloat64(HEAD);
		const mimeLen = info.view.getUint16(HEAD + 8);
		if (!Number.isSafeInteger(size) || size < 0 || size > this.#o.maxBlob)
			throw this.#refuse(`a size of ${size} bytes`);
		if (expected !== undefined && size !== expected)
			throw this.#refuse(`a size of ${size} bytes where the item says ${expected}`);
		if (info.bytes.length !== HEAD + 10 + mimeLen) throw this.#refuse('a malformed answer');
		const mime = new TextDecoder()
			.decode(info.bytes.subarray(HEAD + 10, HEAD + 10 + mimeLen))
			.slice(0, 200);
		const out = new Uint8Array(size);
		let next = 0;
		const getChunk = async (offset: number): Promise<void> => {
			const length = Math.min(CHUNK, size - offset);
			const req = this.#nextReq++;
			const get = message(GET, req, 32 + 8 + 4);
			get.m.set(shaB, HEAD);
			get.v.setFloat64(HEAD + 32, offset);
			get.v.setUint32(HEAD + 40, length);
			const r = await this.#ask(peer, get.m, req);
			if (r.op !== DATA || r.bytes.length < HEAD + 8)
				throw this.#refuse('a chunk it could not send');
			const body = r.bytes.subarray(HEAD + 8);
			if (r.view.getFloat64(HEAD) !== offset || body.length !== length)
				throw this.#refuse('a chunk that does not fit');
			out.set(body, offset);
		};
		let failed = false;
		const lane = async () => {
			while (next < size && !failed) {
				const offset = next;
				next += CHUNK;
				await getChunk(offset);
			}
		};
		try {
			await Promise.all(Array.from({ length: Math.max(1, this.#o.window) }, lane));
		} catch (e) {
			failed = true;
			throw e;
		}
		return { bytes: out, mime };
	}

	#refuse(what: string): Error {
		this.stats.refused++;
		return new Refused(`a peer answered with ${what}`);
	}

	async #serve(peer: P, op: number, req: number, m: Uint8Array, v: DataView): Promise<void> {
		const fail = () => this.#o.send(peer, message(FAIL, req, 0).m);
		if (m.length < HEAD + 32) return fail();
		const sha = hexFromBytes(m.subarray(HEAD, HEAD + 32));
		const info = await this.#o.source.info(sha);
		if (op === WANT) {
			if (!info) return this.#o.send(peer, message(NONE, req, 0).m);
			const mime = new TextEncoder().encode(info.mime.slice(0, 200));
			const have = message(HAVE, req, 10 + mime.length);
			have.v.setFloat64(HEAD, info.size);
			have.v.setUint16(HEAD + 8, mime.length);
			have.m.set(mime, HEAD + 10);
			return this.#o.send(peer, have.m);
		}
		if (!info || m.length !== HEAD + 44) return fail();
		const offset = v.getFloat64(HEAD + 32);
		const length = v.getUint32(HEAD + 40);
		if (
			!Number.isSafeInteger(offset) ||
			offset < 0 ||
			length === 0 ||
			length > CHUNK ||
			offset + length > info.size
		)
			return fail();
		const bytes = await this.#o.source.read(sha, offset, length);
		if (!bytes || bytes.length !== length) return fail();
		const data = message(DATA, req, 8 + length);
		data.v.setFloat64(HEAD, offset);
		data.m.set(bytes, HEAD + 8);
		this.stats.served++;
		this.#o.send(peer, data.m);
	}
}
