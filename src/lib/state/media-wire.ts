/**
 * Builds the real dependencies of media import and display (Dexie blobs and settings); media this
 * device lacks is fetched from the open project's peers (sync/team/blob-share.ts).
 */
import { QuorumDb } from '$lib/storage/db';
import { blobsRepoFrom } from '$lib/storage/blobs-repo';
import { settingsRepoFrom } from '$lib/storage/settings-repo';
import { blobFetchFromPeers } from '$lib/sync/team/blob-share';
import type { MediaDeps } from './media';

export function mediaDepsWire(db = new QuorumDb()): MediaDeps {
	return {
		blobs: blobsRepoFrom(db),
		settings: settingsRepoFrom(db),
		fetchMissing: blobFetchFromPeers
	};
}
