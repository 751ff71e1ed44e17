/**
 * Media blobs between a shared project's peers (sync/blob-exchange.ts over the mesh): this device
 * offers the blobs the project's items refer to (never other projects' media) and stores a fetched
 * blob, typed from its own bytes, only after the exchange checked its SHA-256. Also where the media
 * views get a blob this device lacks: the open project's peers.
 */
import { mediaSniff } from '$lib/core/media';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import type { BlobSource } from '../blob-exchange';
import type { MeshOptions } from '../webrtc/types';
import type { ProjectStore } from '../project-store';

/** Blobs fetched from peers and refused (wrong SHA-256 or a hostile answer), with the last reason. */
export interface BlobCounts {
	fetched: number;
	rejected: number;
	reason: string;
}

/** Per project, for as long as the page lives (the project layout may remake its sync). */
const counts = new Map<string, BlobCounts>();

export function blobCountsOf(projectId: string): BlobCounts {
	let c = counts.get(projectId);
	if (!c) counts.set(projectId, (c = { fetched: 0, rejected: 0, reason: '' }));
	return c;
}

/** The mesh's blob options for a project: what it offers, where fetched blobs go. */
export function blobShareOf(deps: {
	store: ProjectStore;
	blobs: () => BlobsRepo;
	counts: BlobCounts;
	onCount: () => void;
}): NonNullable<MeshOptions['blobs']> {
	let last: { sha: string; blob: Blob } | undefined;
	const row = async (sha: string) => {
		if (last?.sha === sha) return last.blob;
		if (!deps.store.hasBlob(sha)) return undefined;
		const r = await deps.blobs().get(sha);
		if (r) last = { sha, blob: r.blob };
		return r?.blob;
	};
	const source: BlobSource = {
		info: async (sha) => {
			const b = await row(sha);
			return b ? { size: b.size, mime: b.type } : undefined;
		},
		read: async (sha, offset, length) => {
			const b = await row(sha);
			return b ? new Uint8Array(await b.slice(offset, offset + length).arrayBuffer()) : undefined;
		}
	};
	return {
		source,
		store: async (sha256: string, bytes: Uint8Array) => {
			const mime = mediaSniff(bytes.subarray(0, 64))?.mime ?? 'application/octet-stream';
			await deps.blobs().putMany([
				{
					sha256,
					blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }),
					mime,
					size: bytes.length
				}
			]);
		},
		onReject: (_sha: string, reason: string) => {
			deps.counts.rejected++;
			deps.counts.reason = reason;
			deps.onCount();
		}
	};
}

/** A connected project sync that can fetch blobs from its peers. */
export interface BlobPeers {
	/** True once stored, false when no peer has it, undefined when this sync closed meanwhile. */
	blobFetch(ref: { blob: string; size: number }): Promise<boolean | undefined>;
}

/** The connected sync of each open project. */
const live = new Map<string, BlobPeers>();

export function blobPeersLive(projectId: string, peers: BlobPeers): void {
	live.set(projectId, peers);
}

export function blobPeersGone(projectId: string, peers: BlobPeers): void {
	if (live.get(projectId) === peers) live.delete(projectId);
}

/** Whether `peers` is still the connected sync of its project (not closed or replaced). */
export function blobPeersIsLive(projectId: string, peers: BlobPeers): boolean {
	return live.get(projectId) === peers;
}

/**
 * Gets a blob this device lacks from the open project's peers; false at once when no project is
 * shared. When the project's sync is being remade (the layout does that), the request waits for
 * the new one and retries.
 */
export async function blobFetchFromPeers(ref: { blob: string; size: number }): Promise<boolean> {
	if (live.size === 0) return false;
	for (let attempt = 0; attempt < 40; attempt++) {
		const peers = [...live.values()].at(-1);
		if (!peers) {
			await new Promise((r) => setTimeout(r, 250));
			continue;
		}
		const ok = await peers.blobFetch(ref);
		if (ok !== undefined) return ok;
	}
	return false;
}
