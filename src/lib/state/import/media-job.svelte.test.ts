/**
 * The media importer through the door: files are sniffed, probed and stored as blobs before
 * their items are added in one transaction; broken files are listed with the reason; URLs add
 * one item each, once.
 */
import { describe, expect, it } from 'vitest';
import type { AnnotatorId } from '$lib/core/types';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { destroyedAfterEach, sessionWithSchema } from '$tests/helpers/session';
import { MediaImportJob } from './media-job.svelte';

const destroyed = destroyedAfterEach();

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name: string, tail: number) =>
	new File([new Uint8Array([...PNG_HEAD, 0, 0, 0, tail])], name, { type: 'image/png' });

async function setup() {
	const s = destroyed(await sessionWithSchema([]));
	const stored: StoredBlob[] = [];
	const blobs: BlobsRepo = {
		get: async () => undefined,
		has: async () => false,
		putMany: async (b) => void stored.push(...b)
	};
	const job = new MediaImportJob(s, 'me' as AnnotatorId, {
		blobs,
		now: () => 3000,
		probe: async (_blob, kind) => ({ kind, meta: { width: '4', height: '3' } })
	});
	return { s, job, stored };
}

describe('MediaImportJob', () => {
	it('stores the blobs, adds one item per distinct file, and lists the files it skipped', async () => {
		const { s, job, stored } = await setup();
		job.add([png('a.png', 1), png('b.png', 2), png('a-copy.png', 1), new File([], 'empty.png')]);
		job.add([new File(['hello'], 'notes.txt')]);
		expect(job.files).toHaveLength(5);
		const r = await job.run();
		expect(r).toEqual({
			added: 2,
			duplicates: 1,
			problems: [
				{ file: 'empty.png', reason: 'the file is empty' },
				{ file: 'notes.txt', reason: 'not an image, audio or video file' }
			]
		});
		expect(job.processed).toBe(5);
		expect(job.files).toEqual([]);
		expect(stored).toHaveLength(2);
		const items = s.store.order.map((id) => s.store.item(id));
		expect(items.map((i) => [i?.kind, i?.media && 'name' in i.media && i.media.name])).toEqual([
			['image', 'a.png'],
			['image', 'b.png']
		]);
		expect(items[0]?.meta).toEqual({ width: '4', height: '3' });
		expect(s.store.log().map((e) => e.detail)).toEqual(['2 media files']);
	});

	it('adds one item per media URL, once, and names the lines without one', async () => {
		const { s, job } = await setup();
		const text = [
			'https://example.org/cat.jpg',
			'not a url',
			'https://example.org/dog.mp3',
			'https://example.org/cat.jpg'
		].join('\n');
		const r = await job.runUrls(text);
		expect(r.added).toBe(2);
		expect(r.problems).toEqual([
			{ file: 'line 2', reason: 'no http(s) URL of an image, audio or video file' }
		]);
		expect(s.store.order.map((id) => s.store.item(id)?.kind)).toEqual(['image', 'audio']);
		expect((await job.runUrls(text)).added).toBe(0);
		expect(s.store.size).toBe(2);
	});
});
