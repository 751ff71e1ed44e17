/**
 * The point cloud importer through the door: files chosen together become a sequence of frames
 * in name order, each frame's points a blob stored before its item is added; the same files
 * again add nothing; a file that cannot be read is listed with the reason.
 */
import { describe, expect, it } from 'vitest';
import { cloudDecode } from '$lib/core/cloud/cloud-blob';
import type { AnnotatorId } from '$lib/core/types';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { destroyedAfterEach, sessionWithSchema } from '$tests/helpers/session';
import { CloudImportJob } from './cloud-job.svelte';
import milkUrl from '../../../../tests/fixtures/pointcloud/milk.pcd?url';
import asciiUrl from '../../../../tests/fixtures/pointcloud/test_pcd.pcd?url';
import cubeUrl from '../../../../tests/fixtures/pointcloud/cube.ply?url';
import lasUrl from '../../../../tests/fixtures/pointcloud/Haystack_Rock.las?url';

const destroyed = destroyedAfterEach();
const URLS: Record<string, string> = {
	'milk.pcd': milkUrl,
	'test_pcd.pcd': asciiUrl,
	'cube.ply': cubeUrl,
	'Haystack_Rock.las': lasUrl
};
const file = async (name: string, as = name) =>
	new File([await (await fetch(URLS[name]!)).arrayBuffer()], as);

async function setup() {
	const s = destroyed(await sessionWithSchema([]));
	const stored: StoredBlob[] = [];
	const blobs: BlobsRepo = {
		get: async (sha) => stored.find((b) => b.sha256 === sha),
		has: async (sha) => stored.some((b) => b.sha256 === sha),
		putMany: async (b) => void stored.push(...b)
	};
	return { s, stored, job: new CloudImportJob(s, 'me' as AnnotatorId, { blobs, now: () => 7000 }) };
}

describe('CloudImportJob', () => {
	it('imports frames in name order with their points as blobs', async () => {
		const { s, job, stored } = await setup();
		const r = await job.run([
			await file('milk.pcd', 'scan-10.pcd'),
			await file('test_pcd.pcd', 'scan-9.pcd'),
			await file('cube.ply', 'bad.bin')
		]);
		expect(r.added).toBe(2);
		expect(r.problems[0]?.file).toBe('bad.bin');
		expect(r.problems[0]?.reason).toMatch(/multiple of 16/);
		const items = [...s.store.itemsAll()];
		expect(items.map((i) => [i.kind, i.source, i.cloud?.count, i.cloud?.frame])).toEqual([
			['pointcloud', 'scan-9.pcd', 1771, 0],
			['pointcloud', 'scan-10.pcd', 12575, 1]
		]);
		expect(items[0]?.cloud?.sequence).toBe('scan-9');
		const blob = stored.find((b) => b.sha256 === (items[1]?.media as { blob: string }).blob);
		const back = cloudDecode(new Uint8Array(await (blob as StoredBlob).blob.arrayBuffer()));
		expect(back.count).toBe(12575);
		expect(Array.from(back.rgb!.subarray(0, 3))).toEqual([0, 0, 255]);
		expect(s.store.log().at(-1)?.detail).toBe('2 point clouds');
		expect((await job.run([await file('test_pcd.pcd', 'scan-9.pcd')])).duplicates).toBe(1);
	});

	it('keeps LAS map coordinates through the blob', async () => {
		const { s, job, stored } = await setup();
		await job.run([await file('Haystack_Rock.las')]);
		const item = [...s.store.itemsAll()][0]!;
		expect(item.cloud?.sequence).toBeUndefined();
		expect(item.cloud!.min[0] + item.cloud!.origin[0]).toBeCloseTo(2230738.84, 1);
		const back = cloudDecode(new Uint8Array(await stored[0]!.blob.arrayBuffer()));
		expect(back.origin).toEqual(item.cloud!.origin);
	});
});
