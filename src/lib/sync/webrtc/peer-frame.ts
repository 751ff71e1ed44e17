/**
 * Framing on every simple-peer: messages go out as frames of at most 64 KiB through a send queue
 * that respects the channel's buffer, and come back reassembled, rate-limited and with a peer's
 * close-together doc updates applied as one (framing.ts, coalesce.ts).
 */
import Peer from 'simple-peer/simplepeer.min.js';
import { isBlobMessage } from '../blob-exchange';
import { UpdateBatcher, syncUpdateMessage, syncUpdateOf } from '../coalesce';
import { PEER_MESSAGE_MAX, RateLimiter, Reassembler, framesFrom } from '../framing';
import type { MeshStats, PeerLike } from './types';

/** Stop queueing frames into the channel above this many buffered bytes. */
const HIGH_WATER = 1024 * 1024;

/** A mesh that may take a blob-exchange message from one of its peers. */
export interface BlobReceiver {
	blobReceive(peer: PeerLike, m: Uint8Array): boolean;
}

/** simple-peer's own send, before the prototype hook below. */
const PEER_PROTO = Peer.prototype as unknown as PeerLike & { __quorumHooked?: true };
const rawSendOf = PEER_PROTO.send;
/** Stats of the newest mesh, for peers framed by the prototype hook. */
let hookStats: MeshStats = { bytesSent: 0, framesSent: 0, messagesSent: 0, dropped: 0 };
/** Open meshes; a blob-exchange message goes to the one whose room holds the peer. */
const meshes = new Set<BlobReceiver>();

/** Registers an open mesh; peers framed by the hook count in its stats from now on. */
export function peerFrameMeshAdd(mesh: BlobReceiver, stats: MeshStats): void {
	hookStats = stats;
	meshes.add(mesh);
}

export function peerFrameMeshDelete(mesh: BlobReceiver): void {
	meshes.delete(mesh);
}

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

/** Replaces a peer's send and receive with framed ones (once per peer). */
export function peerFrame(peer: PeerLike, stats: MeshStats): void {
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
