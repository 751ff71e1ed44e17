/** Builds the real dependencies of media import and display (Dexie blobs and settings). */
import { QuorumDb } from '$lib/storage/db';
import { blobsRepoFrom } from '$lib/storage/blobs-repo';
import { settingsRepoFrom } from '$lib/storage/settings-repo';
import type { MediaDeps } from './media.svelte';

export function mediaDepsWire(db = new QuorumDb()): MediaDeps {
	return { blobs: blobsRepoFrom(db), settings: settingsRepoFrom(db) };
}
