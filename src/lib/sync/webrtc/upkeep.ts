import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { ConnLike, MeshStats, RoomLike } from './types';

/** A connection that has not opened after this long is dropped (its peer may be long gone). */
const CONNECT_TIMEOUT_MS = 20_000;
/** Every connected peer gets our state vector this often, so a lost message heals. */
const RESYNC_MS = 10_000;

/**
 * Drops connections that never opened (their peer left, or is a room we closed ourselves), so
 * they do not hold a slot forever, and sends each connected peer our state vector now and then:
 * sync step 1, which the peer answers with whatever we lack. A message lost on a connection
 * that was being replaced then heals within seconds instead of never.
 */
export class ConnUpkeep {
	#doc: Y.Doc;
	#stats: MeshStats;
	/** When each connection was first seen, and when it last got our state vector. */
	#born = new WeakMap<ConnLike, number>();
	#resynced = new WeakMap<ConnLike, number>();

	constructor(doc: Y.Doc, stats: MeshStats) {
		this.#doc = doc;
		this.#stats = stats;
	}

	/** One round over the room's connections at `now` (ms since the epoch). */
	tend(room: RoomLike, now: number): void {
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

	#syncStep1(conn: ConnLike): void {
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, 0); // y-webrtc's messageSync
		syncProtocol.writeSyncStep1(enc, this.#doc);
		try {
			conn.peer.send(encoding.toUint8Array(enc));
		} catch {
			this.#stats.dropped++;
		}
	}
}
