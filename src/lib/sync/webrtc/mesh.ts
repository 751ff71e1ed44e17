/**
 * The WebRTC channel (docs/ARCHITECTURE.md#webrtc-mesh): y-webrtc, configured explicitly (signaling
 * URLs, room password, ICE servers), with two additions y-webrtc lacks:
 * - framing: every data-channel message goes out as frames of at most 64 KiB with a send queue
 *   that respects the channel's buffer, and comes back reassembled (peer-frame.ts), because
 *   Chromium silently drops messages above 256 KiB and y-webrtc sends a newcomer the whole doc
 *   at once;
 * - a key check: signaling messages in our room that our key cannot decrypt mean someone is there
 *   with another key. A newcomer with no project then gets "cannot join" instead of an empty
 *   project, and a member re-announces (encrypted) so such a newcomer learns it.
 * y-webrtc keeps its connections in `room.webrtcConns`; we wrap each simple-peer as it appears.
 */
import { WebrtcProvider } from 'y-webrtc';
import type * as Y from 'yjs';
import { BlobExchange } from '../blob-exchange';
import { FOREIGN_SIGNAL, gates, type GateEntry } from './gate';
import { peerFrame, peerFrameMeshAdd, peerFrameMeshDelete } from './peer-frame';
import { relayCoalesce } from './relay-coalesce';
import { signalOpen, signalSeal } from './signal-crypto';
import { ConnUpkeep } from './upkeep';
import {
	providerRoom,
	providerSignalingConns,
	type MeshOptions,
	type MeshStats,
	type MeshStatus,
	type PeerLike,
	type RoomLike,
	type SignalingLike
} from './types';

export class Mesh {
	provider: WebrtcProvider;
	#doc: Y.Doc;
	#opts: MeshOptions;
	#paused = false;
	#destroyed = false;
	#closing: Promise<void> = Promise.resolve();
	readonly stats: MeshStats = { bytesSent: 0, framesSent: 0, messagesSent: 0, dropped: 0 };
	#room: string;
	#upkeep: ConnUpkeep;
	#gateEntry: GateEntry;
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
		peerFrameMeshAdd(this, this.stats);
		this.#upkeep = new ConnUpkeep(doc, this.stats);
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

	/** Whether y-webrtc may see a signaling payload of our room (see gate.ts). */
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

	/** Tells the blob exchange which peers left, and tends the room's connections. */
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
		this.#upkeep.tend(room, Date.now());
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
		for (const c of providerSignalingConns(provider)) c.on(FOREIGN_SIGNAL, this.#onSignal);
		// y-webrtc makes its room once the key is derived (a `then` registered before this one).
		void provider.key.then(() => relayCoalesce(this.#doc, provider));
		return provider;
	}

	/** Leaves the room and releases its name in y-webrtc (its destroy finishes asynchronously). */
	async #close(provider: WebrtcProvider): Promise<void> {
		for (const c of providerSignalingConns(provider)) c.off(FOREIGN_SIGNAL, this.#onSignal);
		// y-webrtc announces a room again whenever one of its connections closes, even after the
		// room was destroyed; with no free slot it stays silent instead of announcing a ghost peer.
		provider.maxConns = 0;
		provider.destroy();
		await provider.key;
		await Promise.resolve();
	}

	#roomInternals(): RoomLike | undefined {
		return providerRoom(this.provider);
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
		if (!key || (await signalOpen(msg.data, key)) !== undefined) return;
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
		const data = await signalSeal(msg, key);
		for (const c of via ? [via] : providerSignalingConns(this.provider))
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
			signaling: providerSignalingConns(this.provider).filter((c) => c.connected).length,
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
		peerFrameMeshDelete(this);
		this.#blobs?.close();
		if (gates.get(this.#room) === this.#gateEntry) gates.delete(this.#room);
		this.#listeners.clear();
		await this.#closing;
		if (!this.#paused) await this.#close(this.provider);
	}
}
