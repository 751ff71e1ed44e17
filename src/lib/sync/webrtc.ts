/**
 * The WebRTC channel (docs/ARCHITECTURE.md#webrtc-mesh): y-webrtc, configured explicitly (signaling
 * URLs, room password, ICE servers), with two additions y-webrtc lacks:
 * - framing: every data-channel message goes out as frames of at most 64 KiB with a send queue
 *   that respects the channel's buffer, and comes back reassembled (framing.ts), because Chromium
 *   silently drops messages above 256 KiB and y-webrtc sends a newcomer the whole doc at once;
 * - a key check: signaling messages in our room that our key cannot decrypt mean someone is there
 *   with another key. A newcomer with no project then gets "cannot join" instead of an empty
 *   project, and a member re-announces (encrypted) so such a newcomer learns it.
 * y-webrtc keeps its connections in `room.webrtcConns`; we wrap each simple-peer as it appears.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import Peer from 'simple-peer/simplepeer.min.js';
import { SignalingConn, WebrtcProvider } from 'y-webrtc';
import * as syncProtocol from 'y-protocols/sync';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { BlobExchange, isBlobMessage, type BlobSource } from './blob-exchange';
import { UpdateBatcher, syncUpdateMessage, syncUpdateOf } from './coalesce';
import { PEER_MESSAGE_MAX, RateLimiter, Reassembler, framesFrom } from './framing';

/** Stop queueing frames into the channel above this many buffered bytes. */
const HIGH_WATER = 1024 * 1024;
/** A connection that has not opened after this long is dropped (its peer may be long gone). */
const CONNECT_TIMEOUT_MS = 20_000;
/** Every connected peer gets our state vector this often, so a lost message heals. */
const RESYNC_MS = 10_000;

export interface MeshOptions {
	room: string;
	key: string;
	signaling: string[];
	iceServers: RTCIceServer[];
	awareness: Awareness;
	/** Media blobs this device shares with the room, and where fetched ones go (blob exchange). */
	blobs?: {
		source: BlobSource;
		store(sha256: string, bytes: Uint8Array, mime: string): Promise<void>;
		onReject?(sha256: string, reason: string): void;
	};
}

export interface MeshStatus {
	/** Signaling servers we are connected to. */
	signaling: number;
	/** Connected WebRTC peers. */
	peers: number;
	/** Other tabs of this browser (BroadcastChannel). */
	tabs: number;
	/** Signaling messages in our room that our key could not open. */
	foreignKey: number;
}

export interface MeshStats {
	bytesSent: number;
	framesSent: number;
	messagesSent: number;
	dropped: number;
	/** Of `dropped`: messages from peers over the per-connection rate limit (framing.ts). */
	throttled?: number;
	/** Connections closed because a peer sent over the limits (rate, size or bad frames). */
	cut?: number;
}

/** The parts of simple-peer and y-webrtc internals we touch. */
interface PeerLike {
	destroyed: boolean;
	destroy(): void;
	send(data: Uint8Array): void;
	emit(event: 'data', data: Uint8Array): void;
	_channel?: RTCDataChannel | null;
	_onChannelMessage(e: MessageEvent): void;
	__framed?: true;
}
interface ConnLike {
	peer: PeerLike;
	connected: boolean;
	remotePeerId: string;
	destroy(): void;
}
interface SignalingLike {
	connected: boolean;
	send(m: unknown): void;
	on(ev: 'message', fn: (m: unknown) => void): void;
	off(ev: 'message', fn: (m: unknown) => void): void;
}
interface RoomLike {
	peerId: string;
	webrtcConns: Map<string, ConnLike>;
	bcConns: Set<string>;
	bcconnected: boolean;
	_docUpdateHandler: (update: Uint8Array, origin: unknown) => void;
	__quorumRelay?: UpdateBatcher;
}

/** simple-peer's own send, before the prototype hook below. */
const PEER_PROTO = Peer.prototype as unknown as PeerLike & { __quorumHooked?: true };
const rawSendOf = PEER_PROTO.send;
/** Stats of the newest mesh, for peers framed by the prototype hook. */
let hookStats: MeshStats = { bytesSent: 0, framesSent: 0, messagesSent: 0, dropped: 0 };
/** Open meshes; a blob-exchange message goes to the one whose room holds the peer. */
const meshes = new Set<Mesh>();

/**
 * Every simple-peer is framed before its first message in either direction. Framing peers as
 * they appear in `room.webrtcConns` was too late: when y-webrtc replaces a connection after an
 * offer glare (typical when a member comes back online and both sides announce), the new peer
 * sent its sync step 1 unframed, the other side dropped it, and offline edits never merged.
 */
if (!PEER_PROTO.__quorumHooked) {
	PEER_PROTO.__quorumHooked = true;
	PEER_PROTO.send = function (this: PeerLike, data: Uint8Array) {
		peerFrame(this, hookStats);
		this.send(data);
	};
	PEER_PROTO._onChannelMessage = function (this: PeerLike, e: MessageEvent) {
		peerFrame(this, hookStats);
		this._onChannelMessage(e);
	};
}

function peerFrame(peer: PeerLike, stats: MeshStats): void {
	if (peer.__framed) return;
	peer.__framed = true;
	const rawSend = (data: Uint8Array) => rawSendOf.call(peer, data);
	const queue: Uint8Array[] = [];
	let nextId = 1;
	let waiting = false;
	const pump = () => {
		waiting = false;
		const ch = peer._channel;
		while (queue.length > 0) {
			if (peer.destroyed || !ch || ch.readyState !== 'open') {
				queue.length = 0;
				return;
			}
			if (ch.bufferedAmount > HIGH_WATER) {
				waiting = true;
				ch.addEventListener('bufferedamountlow', pump, { once: true });
				return;
			}
			const f = queue.shift() as Uint8Array;
			try {
				rawSend(f);
				stats.bytesSent += f.length;
				stats.framesSent++;
			} catch {
				stats.dropped++;
			}
		}
	};
	peer.send = (data: Uint8Array) => {
		const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
		queue.push(...framesFrom(bytes, nextId++ >>> 0));
		stats.messagesSent++;
		if (!waiting) pump();
	};
	const reassembler = new Reassembler({ maxMessage: PEER_MESSAGE_MAX });
	// Doc messages and blob (media) messages are limited apart: a long media transfer must not
	// spend the tokens of the labels that sync beside it.
	const limiter = new RateLimiter();
	const blobLimiter = new RateLimiter();
	/**
	 * A flood or a huge message from one peer is dropped here, before Yjs spends time on it, and
	 * the connection is closed. Dropping one doc update and reading the next would leave a gap:
	 * every later update of that peer waits in Yjs's pending structs and is merged again with each
	 * new one (a flood then froze the page for tens of seconds). Closed, what arrived stays
	 * contiguous, and the peer's next connection syncs what is missing in one state diff.
	 */
	// A peer's doc updates that arrive close together are applied as one (coalesce.ts); any other
	// message first lets the waiting ones through, so the order stays as sent.
	// Updates still waiting when the connection closes are applied all the same: they came whole.
	const incoming = new UpdateBatcher((u) =>
		peer.emit('data', syncUpdateMessage(u.update, u.step2))
	);
	const cut = () => {
		stats.cut = (stats.cut ?? 0) + 1;
		reassembler.clear();
		// What arrived before the cut is contiguous and within the limits: it is applied.
		incoming.flush();
		peer.destroy();
	};
	peer._onChannelMessage = (e: MessageEvent) => {
		if (peer.destroyed) return;
		const d: unknown = e.data;
		const frame =
			d instanceof ArrayBuffer ? new Uint8Array(d) : d instanceof Uint8Array ? d : undefined;
		if (!frame) return;
		const res = reassembler.push(frame);
		if (res.type === 'error') {
			stats.dropped++;
			cut();
			return;
		}
		if (res.type !== 'message') return;
		// Blob exchange shares the channel; y-webrtc would answer its messages with garbage.
		const blob = isBlobMessage(res.data);
		if (!(blob ? blobLimiter : limiter).take(res.data.length, performance.now())) {
			stats.dropped++;
			stats.throttled = (stats.throttled ?? 0) + 1;
			// An over-rate blob message is only dropped: blob requests are retried, and no gap forms.
			if (!blob) cut();
			return;
		}
		if (blob) {
			for (const m of meshes) if (m.blobReceive(peer, res.data)) return;
			return;
		}
		const update = syncUpdateOf(res.data);
		if (update) {
			incoming.push(update);
			return;
		}
		incoming.flush();
		peer.emit('data', res.data);
	};
}

/**
 * y-webrtc's signaling payload encryption (AES-GCM, `writeAny` JSON), read and written here.
 * Returns the payload, or undefined when our key cannot open it.
 */
async function openSignal(data: string, key: CryptoKey): Promise<{ value: unknown } | undefined> {
	try {
		const bin = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
		const d = decoding.createDecoder(bin);
		if (decoding.readVarString(d) !== 'AES-GCM') return undefined;
		const iv = decoding.readVarUint8Array(d) as Uint8Array<ArrayBuffer>;
		const cipher = decoding.readVarUint8Array(d) as Uint8Array<ArrayBuffer>;
		const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher);
		return { value: decoding.readAny(decoding.createDecoder(new Uint8Array(plain))) };
	} catch {
		return undefined;
	}
}

/**
 * Signaling gates, one per room name this page has open. y-webrtc lets both sides of a pair
 * start a connection when both announce (as a member coming back online and the peer that saw
 * them leave both do); the two offers cross ("glare"), and y-webrtc resolves that by feeding an
 * offer to a peer that already made its own: each side ends up with two data channels, and runs
 * here showed connections that never opened, or opened with messages going nowhere, so offline
 * edits did not merge. The gate makes the choice deterministic: of two peers, only the one with
 * the smaller id starts the connection. An announce from a smaller id is held back from y-webrtc
 * and answered with an announce addressed to that peer, which then starts it.
 */
type Gate = (payload: unknown, conn: SignalingLike) => boolean;
const gates = new Map<string, { key: () => PromiseLike<CryptoKey | null>; pass: Gate }>();
const SIGNAL_PROTO = SignalingConn.prototype as unknown as {
	emit(name: string, args: unknown[]): void;
	__quorumGated?: true;
};
if (!SIGNAL_PROTO.__quorumGated) {
	SIGNAL_PROTO.__quorumGated = true;
	const emit = SIGNAL_PROTO.emit;
	const chains = new WeakMap<object, Promise<void>>();
	SIGNAL_PROTO.emit = function (this: SignalingLike, name: string, args: unknown[]) {
		const m = args[0] as { type?: unknown; topic?: unknown; data?: unknown } | undefined;
		const gate = typeof m?.topic === 'string' ? gates.get(m.topic) : undefined;
		if (name !== 'message' || m?.type !== 'publish' || !gate || typeof m.data !== 'string') {
			emit.call(this, name, args);
			return;
		}
		// Decrypting is asynchronous; a chain per connection keeps the messages in order.
		const data = m.data;
		const next = (chains.get(this) ?? Promise.resolve()).then(async () => {
			const key = await gate.key();
			const opened = key ? await openSignal(data, key) : undefined;
			if (!opened || gate.pass(opened.value, this)) emit.call(this, name, args);
		});
		chains.set(
			this,
			next.catch(() => undefined)
		);
	};
}

async function sealSignal(data: unknown, key: CryptoKey): Promise<string> {
	const plain = encoding.createEncoder();
	encoding.writeAny(plain, data as Parameters<typeof encoding.writeAny>[1]);
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const cipher = new Uint8Array(
		await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv },
			key,
			encoding.toUint8Array(plain) as Uint8Array<ArrayBuffer>
		)
	);
	const out = encoding.createEncoder();
	encoding.writeVarString(out, 'AES-GCM');
	encoding.writeVarUint8Array(out, iv);
	encoding.writeVarUint8Array(out, cipher);
	let s = '';
	for (const b of encoding.toUint8Array(out)) s += String.fromCharCode(b);
	return btoa(s);
}

export class Mesh {
	provider: WebrtcProvider;
	#doc: Y.Doc;
	#opts: MeshOptions;
	#paused = false;
	#destroyed = false;
	#closing: Promise<void> = Promise.resolve();
	readonly stats: MeshStats = { bytesSent: 0, framesSent: 0, messagesSent: 0, dropped: 0 };
	#room: string;
	/** When each connection was first seen, and when it last got our state vector. */
	#born = new WeakMap<ConnLike, number>();
	#resynced = new WeakMap<ConnLike, number>();
	#gateEntry: { key: () => PromiseLike<CryptoKey | null>; pass: Gate };
	#blobs: BlobExchange<PeerLike> | undefined;
	/** Peers the blob exchange may be waiting on; told when they go. */
	#known = new Set<PeerLike>();
	#foreign = 0;
	#lastReannounce = 0;
	#listeners = new Set<() => void>();
	#onSignal: (m: unknown) => void;
	#hasProject: () => boolean;
	#timer: ReturnType<typeof setInterval>;

	/** `hasProject` tells whether this device holds the project (then it re-announces to strangers). */
	constructor(doc: Y.Doc, opts: MeshOptions, hasProject: () => boolean) {
		this.#doc = doc;
		this.#opts = opts;
		this.#room = opts.room;
		this.#hasProject = hasProject;
		this.#onSignal = (m) => void this.#checkSignal(m);
		hookStats = this.stats;
		meshes.add(this);
		if (opts.blobs) {
			const b = opts.blobs;
			this.#blobs = new BlobExchange<PeerLike>({
				send: (peer, m) => {
					if (peer.destroyed) throw new Error('peer closed');
					peer.send(m);
				},
				peers: () => this.#connectedPeers(),
				source: b.source,
				store: (sha, bytes, mime) => b.store(sha, bytes, mime),
				onReject: b.onReject
			});
		}
		this.#gateEntry = {
			key: () => this.provider.key,
			pass: (payload, conn) => this.#gate(payload, conn)
		};
		gates.set(opts.room, this.#gateEntry);
		this.provider = this.#open();
		// Connection state changes without a y-webrtc event (signaling up/down, ICE); poll it.
		this.#timer = setInterval(() => {
			this.#frameAll();
			this.#tend();
			this.#emit();
		}, 1000);
	}

	/** Whether y-webrtc may see a signaling payload of our room (see `gates`). */
	#gate(payload: unknown, conn: SignalingLike): boolean {
		const room = this.#roomInternals();
		const msg = payload as { type?: unknown; from?: unknown; to?: unknown } | null;
		if (!room || this.#paused || msg?.type !== 'announce' || typeof msg.from !== 'string')
			return true;
		if (msg.to !== undefined && msg.to !== room.peerId) return false;
		if (msg.from === room.peerId || room.peerId < msg.from) return true;
		// The other peer has the smaller id: it starts the connection once it hears from us.
		if (!room.webrtcConns.has(msg.from)) void this.#announce(conn, msg.from);
		return false;
	}

	/**
	 * Drops connections that never opened (their peer left, or is a room we closed ourselves), so
	 * they do not hold a slot forever, and sends each connected peer our state vector now and then:
	 * sync step 1, which the peer answers with whatever we lack. A message lost on a connection
	 * that was being replaced then heals within seconds instead of never.
	 */
	#tend(): void {
		const live = new Set(this.#connectedPeers());
		for (const p of this.#known)
			if (!live.has(p)) {
				this.#known.delete(p);
				this.#blobs?.peerGone(p);
			}
		for (const p of live) this.#known.add(p);
		const room = this.#roomInternals();
		if (!room || this.#paused) return;
		const now = Date.now();
		for (const conn of room.webrtcConns.values()) {
			if (!this.#born.has(conn)) this.#born.set(conn, now);
			if (!conn.connected) {
				if (now - (this.#born.get(conn) ?? now) > CONNECT_TIMEOUT_MS) conn.destroy();
				continue;
			}
			const last = this.#resynced.get(conn);
			if (last === undefined) {
				// y-webrtc sent sync step 1 when it connected.
				this.#resynced.set(conn, now);
			} else if (now - last >= RESYNC_MS) {
				this.#resynced.set(conn, now);
				this.#syncStep1(conn);
			}
		}
	}

	#connectedPeers(): PeerLike[] {
		const room = this.#roomInternals();
		if (!room || this.#paused) return [];
		const out: PeerLike[] = [];
		for (const c of room.webrtcConns.values())
			if (c.connected && !c.peer.destroyed) out.push(c.peer);
		return out;
	}

	/** Takes a blob-exchange message if the peer is in our room. */
	blobReceive(peer: PeerLike, m: Uint8Array): boolean {
		const room = this.#roomInternals();
		if (!this.#blobs || !room) return false;
		for (const c of room.webrtcConns.values())
			if (c.peer === peer) {
				this.#known.add(peer);
				this.#blobs.receive(peer, m);
				return true;
			}
		return false;
	}

	/**
	 * Fetches a media blob from the connected peers (waiting a while for one when none is there),
	 * checks its SHA-256 and stores it. Resolves whether it is now stored.
	 */
	blobFetch(sha256: string, size?: number): Promise<boolean> {
		return this.#blobs?.fetch(sha256, size) ?? Promise.resolve(false);
	}

	get blobStats() {
		return this.#blobs?.stats;
	}

	#syncStep1(conn: ConnLike): void {
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, 0); // y-webrtc's messageSync
		syncProtocol.writeSyncStep1(enc, this.#doc);
		try {
			conn.peer.send(encoding.toUint8Array(enc));
		} catch {
			this.stats.dropped++;
		}
	}

	#open(): WebrtcProvider {
		const o = this.#opts;
		const provider = new WebrtcProvider(o.room, this.#doc, {
			signaling: o.signaling,
			password: o.key,
			awareness: o.awareness,
			maxConns: 20 + Math.floor(Math.random() * 15),
			filterBcConns: true,
			peerOpts: { config: { iceServers: o.iceServers } }
		});
		provider.on('peers', () => {
			this.#frameAll();
			this.#emit();
		});
		const conns = (provider as unknown as { signalingConns: SignalingLike[] }).signalingConns;
		for (const c of conns) c.on('message', this.#onSignal);
		// y-webrtc makes its room once the key is derived (a `then` registered before this one).
		void provider.key.then(() => this.#relayCoalesce(provider));
		return provider;
	}

	/**
	 * y-webrtc sends every doc update to every peer and, encrypted, to the other tabs of this
	 * browser, also the updates it just received from a peer (so a partial mesh still hears
	 * everything). Received updates are relayed merged (coalesce.ts) instead of one by one: a
	 * peer's flood was encrypted and posted per message.
	 */
	#relayCoalesce(provider: WebrtcProvider): void {
		const room = (provider as unknown as { room: RoomLike | null }).room;
		if (!room || room.__quorumRelay) return;
		const original = room._docUpdateHandler;
		const relay = new UpdateBatcher((u) => original(u.update, room));
		room.__quorumRelay = relay;
		const handler = (update: Uint8Array, origin: unknown) => {
			if (origin === room) return relay.push({ update, step2: false });
			relay.flush();
			original(update, origin);
		};
		const listening = room.bcconnected;
		if (listening) this.#doc.off('update', original);
		room._docUpdateHandler = handler;
		if (listening) this.#doc.on('update', handler);
	}

	/** Leaves the room and releases its name in y-webrtc (its destroy finishes asynchronously). */
	async #close(provider: WebrtcProvider): Promise<void> {
		const conns = (provider as unknown as { signalingConns: SignalingLike[] }).signalingConns;
		for (const c of conns) c.off('message', this.#onSignal);
		// y-webrtc announces a room again whenever one of its connections closes, even after the
		// room was destroyed; with no free slot it stays silent instead of announcing a ghost peer.
		provider.maxConns = 0;
		provider.destroy();
		await provider.key;
		await Promise.resolve();
	}

	#roomInternals(): RoomLike | undefined {
		return (this.provider as unknown as { room: RoomLike | null }).room ?? undefined;
	}

	#signalingConns(): SignalingLike[] {
		return (this.provider as unknown as { signalingConns: SignalingLike[] }).signalingConns;
	}

	#frameAll(): void {
		const room = this.#roomInternals();
		if (!room) return;
		for (const conn of room.webrtcConns.values()) peerFrame(conn.peer, this.stats);
	}

	async #checkSignal(m: unknown): Promise<void> {
		const msg = m as { type?: unknown; topic?: unknown; data?: unknown };
		if (msg.type !== 'publish' || msg.topic !== this.#room || typeof msg.data !== 'string') return;
		const key = await this.provider.key;
		if (!key || (await openSignal(msg.data, key)) !== undefined) return;
		this.#foreign++;
		this.#emit();
		const room = this.#roomInternals();
		const now = Date.now();
		if (!room || !this.#hasProject() || now - this.#lastReannounce < 3000) return;
		this.#lastReannounce = now;
		await this.#announce();
	}

	/** Announces us (encrypted) on `via` or every signaling server, to everyone or to one peer. */
	async #announce(via?: SignalingLike, to?: string): Promise<void> {
		const key = await this.provider.key;
		const room = this.#roomInternals();
		if (!key || !room) return;
		const msg = to
			? { type: 'announce', from: room.peerId, to }
			: { type: 'announce', from: room.peerId };
		const data = await sealSignal(msg, key);
		for (const c of via ? [via] : this.#signalingConns())
			if (c.connected) c.send({ type: 'publish', topic: this.#room, data });
	}

	/** Leaves the room while the device is offline, and comes back; the doc stays as it is. */
	pause(): void {
		if (this.#paused) return;
		this.#paused = true;
		// A fresh provider on resume gets a fresh peer id, so peers that still hold a half-closed
		// connection to the old one connect anew instead of ignoring us.
		this.#closing = this.#close(this.provider);
		this.#emit();
	}

	resume(): void {
		if (!this.#paused) return;
		this.#paused = false;
		void this.#closing.then(() => {
			if (this.#paused || this.#destroyed) return;
			this.provider = this.#open();
			this.#emit();
		});
	}

	status(): MeshStatus {
		const room = this.#roomInternals();
		let peers = 0;
		if (room) for (const c of room.webrtcConns.values()) if (c.connected) peers++;
		if (this.#paused) return { signaling: 0, peers: 0, tabs: 0, foreignKey: this.#foreign };
		return {
			signaling: this.#signalingConns().filter((c) => c.connected).length,
			peers,
			tabs: room?.bcConns.size ?? 0,
			foreignKey: this.#foreign
		};
	}

	onChange(fn: () => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	#emit(): void {
		for (const fn of this.#listeners) fn();
	}

	/** Leaves the room; resolves once y-webrtc has released the room name. */
	async destroy(): Promise<void> {
		this.#destroyed = true;
		clearInterval(this.#timer);
		meshes.delete(this);
		this.#blobs?.close();
		if (gates.get(this.#room) === this.#gateEntry) gates.delete(this.#room);
		this.#listeners.clear();
		await this.#closing;
		if (!this.#paused) await this.#close(this.provider);
	}
}
