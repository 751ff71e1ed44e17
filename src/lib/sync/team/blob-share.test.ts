import { describe, expect, it } from 'vitest';
import { blobFetchFromPeers, blobPeersGone, blobPeersIsLive, blobPeersLive } from './blob-share';

const ref = { blob: 'a'.repeat(64), size: 3 };

describe('blobFetchFromPeers', () => {
	it('answers false at once when no project is shared', async () => {
		expect(await blobFetchFromPeers(ref)).toBe(false);
	});

	it('asks the successor when the sync it asked was closed meanwhile', async () => {
		const asked: string[] = [];
		const old = {
			blobFetch: async () => {
				asked.push('old');
				blobPeersGone('p1', old);
				blobPeersLive('p1', successor);
				return undefined;
			}
		};
		const successor = {
			blobFetch: async () => {
				asked.push('new');
				return true;
			}
		};
		blobPeersLive('p1', old);
		expect(await blobFetchFromPeers(ref)).toBe(true);
		expect(asked).toEqual(['old', 'new']);
		expect(blobPeersIsLive('p1', successor)).toBe(true);
		expect(blobPeersIsLive('p1', old)).toBe(false);
		blobPeersGone('p1', successor);
		expect(await blobFetchFromPeers(ref)).toBe(false);
	});
});
