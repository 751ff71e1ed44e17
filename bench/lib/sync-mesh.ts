/**
 * A y-webrtc mesh simulated in one node process, doing what the app's WebRTC layer does
 * (src/lib/sync/webrtc/, since doc updates are coalesced by src/lib/sync/coalesce.ts):
 * - sync step 1/2 on connect, every message split into ≤ 64 KiB frames (src/lib/sync/framing.ts)
 *   and reassembled on the other side;
 * - a peer's doc updates (sync step 2 or update messages) go, per connection, through an
 *   `UpdateBatcher` (the app's, with its defaults: merged within 25 ms, at most 64 per batch,
 *   updates ≥ 64 KiB alone) and are applied as one Yjs transaction; any other message first lets
 *   the waiting ones through, so the order stays as sent;
 * - updates received from a peer are relayed to every connection (y-webrtc relays everything it
 *   applies) through a second `UpdateBatcher`, merged the same way; local edits go out at once,
 *   after whatever the relay holds.
 * Messages are delivered asynchronously in order, with no network and no rate limiter: what this
 * costs is the protocol's own CPU and bytes, not real WebRTC between browsers.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { UpdateBatcher, syncUpdateMessage, syncUpdateOf } from '../../src/lib/sync/coalesce';
import { Reassembler, framesFrom } from '../../src/lib/sync/framing';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** One direction of a connection: frames `from` sent to `to`, and `to`'s side of it. */
export interface Link {
	from: Peer;
	to: Peer;
	queue: Uint8Array[];
	reasm: Reassembler;
	/** `to`'s batcher of the doc updates that come over this link. */
	incoming: UpdateBatcher;
}

export class Peer {
	doc = new Y.Doc();
	/** Outgoing links. */
	links: Link[] = [];
	bytesSent = 0;
	/** Yjs transactions on this peer's doc (every update applied is one). */
	transactions = 0;
	/** Received updates on their way to every connection, merged. */
	readonly relay: UpdateBatcher;

	constructor(readonly name: string) {
		this.relay = new UpdateBatcher((u) => this.#broadcast(syncUpdateMessage(u.update)));
		this.doc.on('afterTransaction', () => this.transactions++);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			// Updates applied from a connection have this peer as origin (y-webrtc: its room).
			if (origin === this) {
				this.relay.push({ update, step2: false });
				return;
			}
			this.relay.flush();
			this.#broadcast(syncUpdateMessage(update));
		});
	}

	#broadcast(m: Uint8Array): void {
		for (const l of this.links) this.send(l, m);
	}

	send(l: Link, m: Uint8Array): void {
		for (const f of framesFrom(m, 1)) {
			this.bytesSent += f.length;
			l.queue.push(f);
		}
	}

	/** A whole message that came over `l` (as peer-frame.ts's `_onChannelMessage` sees it). */
	receive(l: Link, m: Uint8Array): void {
		const update = syncUpdateOf(m);
		if (update) {
			l.incoming.push(update);
			return;
		}
		l.incoming.flush();
		this.read(l, m);
	}

	/** y-webrtc's handling of a sync message: apply it, answer on the way back. */
	read(l: Link, m: Uint8Array): void {
		const d = decoding.createDecoder(m);
		decoding.readVarUint(d);
		const reply = encoding.createEncoder();
		encoding.writeVarUint(reply, 0);
		syncProtocol.readSyncMessage(d, reply, this.doc, this);
		if (encoding.length(reply) > 1) {
			const back = this.links.find((x) => x.to === l.from) as Link;
			this.send(back, encoding.toUint8Array(reply));
		}
	}

	destroy(): void {
		this.relay.clear();
		for (const l of this.links) l.incoming.clear();
		this.doc.destroy();
	}
}

export function connect(a: Peer, b: Peer): void {
	const link = (from: Peer, to: Peer): Link => {
		const l: Link = {
			from,
			to,
			queue: [],
			reasm: new Reassembler(),
			incoming: new UpdateBatcher((u) => to.read(l, syncUpdateMessage(u.update, u.step2)))
		};
		return l;
	};
	const ab = link(a, b);
	const ba = link(b, a);
	a.links.push(ab);
	b.links.push(ba);
	for (const [from, l] of [
		[a, ab],
		[b, ba]
	] as const) {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		syncProtocol.writeSyncStep1(e, from.doc);
		from.send(l, encoding.toUint8Array(e));
	}
}

/**
 * Delivers queued frames until every queue is empty and no batcher holds an update. The batchers
 * run on real timers (setTimeout 25 ms), which may fire between rounds like in the app. When no
 * frame is in flight, nothing can arrive before a waiting batch's timer fires: that quiet moment
 * is taken at once with `flush()` (incoming batchers first, whose updates then wait in the relay
 * batchers, then those), instead of sleeping up to 25 ms. So the figures are CPU and bytes; the
 * app adds up to 25 ms of latency per hop on top.
 */
export async function pump(peers: Peer[]): Promise<void> {
	for (;;) {
		let moved = false;
		for (const p of peers)
			for (const l of p.links) {
				while (l.queue.length) {
					moved = true;
					const res = l.reasm.push(l.queue.shift() as Uint8Array);
					if (res.type === 'message') l.to.receive(l, res.data);
				}
			}
		if (!moved) {
			let flushed = false;
			for (const p of peers)
				for (const l of p.links)
					if (l.incoming.pending) {
						l.incoming.flush();
						flushed = true;
					}
			for (const p of peers)
				if (p.relay.pending) {
					p.relay.flush();
					flushed = true;
				}
			if (!flushed) return;
		}
		await tick();
	}
}

export function mesh(n: number): Peer[] {
	const peers = Array.from({ length: n }, (_, i) => new Peer(`p${i}`));
	for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) connect(peers[i]!, peers[j]!);
	return peers;
}
