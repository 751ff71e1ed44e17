/**
 * A Label Studio export whose images are named by a path only, imported first without them and
 * then again with the images, in Chromium (real image decoding): the second import attaches the
 * media to the existing items (same ids, labels and place in the queue, no new items), says so in
 * the preview, and a third import finds nothing new. The project opened again from IndexedDB (a
 * reload) sees the items with their media.
 */
import { describe, expect, it } from 'vitest';
import type { AnnotatorId, EpochMs, Item, ProjectId } from '$lib/core/types';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { docDelete } from '$lib/sync/persistence';
import { InteropImportJob } from './job.svelte';
import { ProjectSession } from '../project-session.svelte';
import { fakeProjects } from '$tests/helpers/session';
import lsUrl from '../../../../tests/fixtures/interop/ls-images/label-studio-images.json?url';
import streetUrl from '../../../../tests/fixtures/interop/ls-images/images/street.jpg?url';
import parkUrl from '../../../../tests/fixtures/interop/ls-images/images/park.jpg?url';
import beachUrl from '../../../../tests/fixtures/interop/ls-images/images/beach.png?url';

const PATHS = [
	'/data/upload/3/8f2c1e4a-street.jpg',
	's3://quorum-demo/photos/park.jpg',
	'images/beach.png',
	'/data/upload/3/0b1d2c3e-lake.jpg'
];

async function file(url: string, name: string): Promise<File> {
	return new File([await (await fetch(url)).arrayBuffer()], name);
}

/** The project stored in IndexedDB (a new one each test), opened as a page opens it. */
async function opened(id: ProjectId, now: () => number): Promise<ProjectSession> {
	const s = new ProjectSession(id, { projects: fakeProjects, now });
	await s.open();
	return s;
}

async function setup() {
	let now = 5000;
	const id = `t-${crypto.randomUUID()}` as ProjectId;
	const s = await opened(id, () => now);
	s.store.init({ id, name: 'P', description: '', created: 0 as EpochMs, schema: { tasks: [] } });
	const stored: StoredBlob[] = [];
	const blobs: BlobsRepo = {
		get: async () => undefined,
		has: async () => false,
		putMany: async (b) => void stored.push(...b)
	};
	const job = () =>
		new InteropImportJob(s, 'me' as AnnotatorId, { blobs, now: () => (now += 1000) });
	return { s, id, job, stored, reload: () => opened(id, () => now) };
}

const items = (s: ProjectSession): Item[] => s.store.order.map((id) => s.store.item(id) as Item);
const annotations = (s: ProjectSession) =>
	JSON.stringify(s.store.order.map((id) => s.store.annotationsOf(id)));

describe('Label Studio re-import of images named by a path', () => {
	it('the same export with the images attaches them to the existing items, once', async () => {
		const { s, id, job, stored, reload } = await setup();
		const ls = await file(lsUrl, 'label-studio-images.json');

		// 1. Without the images: four items kept by their paths, with their labels.
		const j1 = job();
		await j1.take([ls]);
		const p1 = j1.preview;
		expect(p1?.type === 'labels' && [p1.added, p1.addedNoMedia, p1.existingNoMedia]).toEqual([
			4, 4, 0
		]);
		const r1 = await j1.apply();
		expect(r1).toMatchObject({ added: 4, annotations: 4, attached: 0 });
		const before = items(s);
		expect(before.map((i) => [i.source, i.media])).toEqual(PATHS.map((p) => [p, undefined]));
		const labels = annotations(s);
		expect(stored).toHaveLength(0);

		// 2. Again: the preview finds the four items and says they have no images here.
		const j2 = job();
		await j2.take([ls]);
		let p2 = j2.preview;
		if (p2?.type !== 'labels') throw new Error('no labels preview');
		expect([p2.matched, p2.added, p2.existingNoMedia, p2.attach.length]).toEqual([4, 0, 4, 0]);
		expect(p2.noMediaPaths).toEqual(PATHS);
		// The user adds three of the images: they match the existing items by name.
		await j2.addMedia([
			await file(streetUrl, 'street.jpg'),
			await file(parkUrl, 'park.jpg'),
			await file(beachUrl, 'beach.png')
		]);
		expect(j2.error).toBe('');
		p2 = j2.preview;
		if (p2?.type !== 'labels') throw new Error('no labels preview');
		expect([p2.matched, p2.added, p2.existingNoMedia, p2.attach.length]).toEqual([4, 0, 1, 3]);
		expect(p2.mediaAdded?.matched.map((m) => m.path)).toEqual(PATHS.slice(0, 3));
		expect(p2.mediaAdded?.missing).toEqual([PATHS[3]]);
		expect(p2.extraItems).toEqual([]);
		expect(p2.mediaUnlabeled).toBe(0);
		const r2 = await j2.apply();
		expect(r2).toMatchObject({ added: 0, annotations: 0, kept: 4, attached: 3, duplicates: 0 });
		expect(r2?.sample?.name).toBe('street.jpg');

		// Same items, same order, same labels; three now have their media, stored as blobs.
		const after = items(s);
		expect(after.map((i) => i.id)).toEqual(before.map((i) => i.id));
		expect(s.store.size).toBe(4);
		expect(annotations(s)).toBe(labels);
		expect(after.map((i) => i.media && 'blob' in i.media && i.media.name)).toEqual([
			'street.jpg',
			'park.jpg',
			'beach.png',
			undefined
		]);
		expect(after.map((i) => i.meta)).toEqual(before.map((i) => i.meta));
		expect(stored.map((b) => b.sha256).sort()).toEqual(
			after
				.slice(0, 3)
				.map((i) => (i.media && 'blob' in i.media ? i.media.blob : ''))
				.sort()
		);
		const fresh = await reload();
		expect(fresh.order).toEqual(after.map((i) => i.id));
		expect(fresh.order.map((id) => fresh.item(id))).toEqual(after);
		await fresh.destroy();

		// 3. A third import, with the same images: nothing new.
		const j3 = job();
		await j3.take([ls]);
		let p3 = j3.preview;
		if (p3?.type !== 'labels') throw new Error('no labels preview');
		expect([p3.matched, p3.added, p3.existingNoMedia, p3.attach.length]).toEqual([4, 0, 1, 0]);
		await j3.addMedia([await file(streetUrl, 'street.jpg'), await file(beachUrl, 'beach.png')]);
		p3 = j3.preview;
		if (p3?.type !== 'labels') throw new Error('no labels preview');
		expect(p3.attach).toEqual([]);
		expect(p3.mediaAdded?.matched).toEqual([]);
		expect(p3.mediaAdded?.unused).toEqual(['street.jpg', 'beach.png']);
		const r3 = await j3.apply();
		expect(r3).toMatchObject({ added: 0, annotations: 0, attached: 0 });
		expect(items(s)).toEqual(after);
		expect(annotations(s)).toBe(labels);
		await s.destroy();
		await docDelete(id);
	});
});
