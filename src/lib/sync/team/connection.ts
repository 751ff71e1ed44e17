/**
 * A shared project's live channels (docs/ARCHITECTURE.md#sync-protocol): the WebRTC mesh of its
 * room and, when configured, the server relay; their status for the connection badge; media blobs
 * fetched from peers over the mesh. A device that goes offline leaves the room and rejoins when
 * back (y-webrtc then runs the sync protocol again, so edits made meanwhile merge both ways).
 */
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import { projectDocOf, type ProjectStore } from '../project-store';
import { Relay } from '../relay';
import { Mesh } from '../webrtc/mesh';
import {
	blobCountsOf,
	blobPeersGone,
	blobPeersIsLive,
	blobPeersLive,
	blobShareOf,
	type BlobPeers
} from './blob-share';
import type { TeamPresence } from './presence';
import type { RoomCreds } from './room';
import { teamStatusEqual, teamStatusOf, type TeamStatus } from './status';

/** Per-device connection settings: signaling URLs, STUN/TURN servers, optional relay URL. */
export interface ConnectionConfig {
	signaling: string[];
	iceServers: RTCIceServer[];
	relayUrl: string;
}

export interface TeamConnectionDeps {
	store: ProjectStore;
	project: string;
	presence: TeamPresence;
	/** The device's media store (opened on first use). */
	blobs(): BlobsRepo;
	hasProject(): boolean;
	onStatus(): void;
	/** A blob was fetched from a peer, or one was refused. */
	onBlobs(): void;
}

export class TeamConnection implements BlobPeers {
	readonly #d: TeamConnectionDeps;
	#mesh: Mesh | undefined;
	#relay: Relay | undefined;
	#status: TeamStatus = { state: 'local', peers: 0, tabs: 0, relay: 'off' };
	#blobs: BlobsRepo | undefined;
	#offs: (() => void)[] = [];

	constructor(d: TeamConnectionDeps) {
		this.#d = d;
		this.#offs.push(this.#netWatch());
	}

	get status(): TeamStatus {
		return this.#status;
	}

	/** Joins the room `creds` (and the relay when configured) and publishes my presence. */
	open(creds: RoomCreds, config: ConnectionConfig): void {
		const d = this.#d;
		const doc = projectDocOf(d.store).doc;
		d.presence.show();
		this.#mesh = new Mesh(
			doc,
			{
				...creds,
				signaling: config.signaling,
				iceServers: config.iceServers,
				awareness: d.presence.awareness,
				blobs: blobShareOf({
					store: d.store,
					blobs: () => (this.#blobs ??= d.blobs()),
					counts: blobCountsOf(d.project),
					onCount: d.onBlobs
				})
			},
			d.hasProject
		);
		blobPeersLive(d.project, this);
		this.#offs.push(this.#mesh.onChange(() => this.read()));
		if (config.relayUrl)
			this.#relay = new Relay(
				doc,
				{ url: config.relayUrl, room: creds.room, awareness: d.presence.awareness },
				() => this.read()
			);
		this.read();
	}

	/** Leaves the room and the relay (before joining another room). */
	async close(): Promise<void> {
		const mesh = this.#mesh;
		const relay = this.#relay;
		this.#mesh = undefined;
		this.#relay = undefined;
		relay?.destroy();
		await mesh?.destroy();
	}

	/** Reads the mesh's and relay's status; tells `onStatus` when the badge would change. */
	read(): void {
		const next = teamStatusOf({
			mesh: this.#mesh?.status(),
			relay: this.#relay ? this.#relay.state : 'off',
			hasProject: this.#d.hasProject(),
			online: typeof navigator === 'undefined' || navigator.onLine
		});
		if (teamStatusEqual(next, this.#status)) return;
		this.#status = next;
		this.#d.onStatus();
	}

	/** Fetches a blob over the mesh; undefined when this connection closed meanwhile. */
	async blobFetch(ref: { blob: string; size: number }): Promise<boolean | undefined> {
		const mesh = this.#mesh;
		if (!mesh) return false;
		if (await mesh.blobFetch(ref.blob, ref.size)) {
			blobCountsOf(this.#d.project).fetched++;
			this.#d.onBlobs();
			return true;
		}
		// Not found, or this sync was closed meanwhile (then the caller asks its successor).
		return blobPeersIsLive(this.#d.project, this) ? false : undefined;
	}

	#netWatch(): () => void {
		if (typeof window === 'undefined') return () => undefined;
		const net = () => {
			if (typeof navigator !== 'undefined' && !navigator.onLine) this.#mesh?.pause();
			else if (this.#mesh) {
				this.#mesh.resume();
				// Leaving the room cleared my presence; publish it again.
				this.#d.presence.show();
			}
			this.read();
		};
		window.addEventListener('online', net);
		window.addEventListener('offline', net);
		return () => {
			window.removeEventListener('online', net);
			window.removeEventListener('offline', net);
		};
	}

	async destroy(): Promise<void> {
		blobPeersGone(this.#d.project, this);
		for (const off of this.#offs) off();
		this.#offs = [];
		await this.close();
	}
}
