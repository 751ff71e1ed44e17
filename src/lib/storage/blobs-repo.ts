/**
 * Content-addressed media blobs (docs/ARCHITECTURE.md#storage): one row per SHA-256, shared by
 * every project on the device. Writes of one import go in one transaction, so an import stores all
 * its blobs or none.
 */
import type { QuorumDb } from './db';
import { storageErrorFrom } from './quota';

export interface StoredBlob {
	sha256: string;
	blob: Blob;
	mime: string;
	size: number;
}

export interface BlobsRepo {
	get(sha256: string): Promise<StoredBlob | undefined>;
	has(sha256: string): Promise<boolean>;
	/** Stores every blob in one transaction; existing hashes are left as they are. */
	putMany(rows: readonly StoredBlob[]): Promise<void>;
}

export function blobsRepoFrom(db: QuorumDb): BlobsRepo {
	return {
		get: (sha256) => db.blobs.get(sha256),
		async has(sha256) {
			return (await db.blobs.where('sha256').equals(sha256).count()) > 0;
		},
		async putMany(rows) {
			if (rows.length === 0) return;
			try {
				await db.transaction('rw', db.blobs, async () => {
					const have = new Set(
						(await db.blobs.bulkGet(rows.map((r) => r.sha256))).flatMap((r) =>
							r ? [r.sha256] : []
						)
					);
					await db.blobs.bulkPut(rows.filter((r) => !have.has(r.sha256)));
				});
			} catch (e) {
				throw storageErrorFrom(e);
			}
		}
	};
}
