import { afterEach, describe, expect, it } from 'vitest';
import { QuorumDb } from './db';
import { blobsRepoFrom } from './blobs-repo';

let db: QuorumDb | undefined;
afterEach(async () => {
	await db?.delete();
});

describe('blobs repository in real IndexedDB', () => {
	it('stores blobs by hash, once, and reads them back', async () => {
		db = new QuorumDb(`test-blobs-${Math.random()}`);
		const repo = blobsRepoFrom(db);
		const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
		const row = { sha256: 'a'.repeat(64), blob, mime: 'image/png', size: 3 };
		await repo.putMany([row, { ...row, sha256: 'b'.repeat(64) }]);
		await repo.putMany([row]);
		expect(await db.blobs.count()).toBe(2);
		expect(await repo.has('a'.repeat(64))).toBe(true);
		expect(await repo.has('c'.repeat(64))).toBe(false);
		const got = await repo.get('a'.repeat(64));
		expect(new Uint8Array(await (got?.blob as Blob).arrayBuffer())).toEqual(
			new Uint8Array([1, 2, 3])
		);
	});
});
