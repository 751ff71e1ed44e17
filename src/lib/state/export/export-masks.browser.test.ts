/**
 * Masks through the real path: a big mask's code stored as a blob in IndexedDB (the mask blob
 * store), its annotation in the project doc, and the COCO export reading the code back from the
 * blobs table into COCO RLE that gives every pixel back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cocoRleRuns } from '$lib/core/mask/coco';
import { maskPlaneNew, maskPlaneRuns } from '$lib/core/mask/plane';
import { masksValueFrom } from '$lib/core/mask/value';
import type {
	AnnotatorId,
	EpochMs,
	Item,
	ItemId,
	LabelId,
	ProjectId,
	TaskId
} from '$lib/core/types';
import { blobsRepoFrom } from '$lib/storage/blobs-repo';
import { QuorumDb } from '$lib/storage/db';
import { settingsRepoFrom } from '$lib/storage/settings-repo';
import { destroyedAfterEach, sessionWithSchema } from '$tests/helpers/session';
import { maskBlobStoreFrom } from '../mask-blobs';
import { projectExportAny } from './export-any';

const destroyed = destroyedAfterEach();
let db: QuorumDb | undefined;
afterEach(async () => {
	await db?.delete();
});

const task = {
	type: 'masks' as const,
	id: 'm' as TaskId,
	name: 'Parts',
	labels: [{ id: 'sea' as LabelId, name: 'sea', color: '#00aa88', hotkey: '1' }],
	attributes: [],
	mode: 'instance' as const,
	opacity: 0.5
};
const item: Item = {
	id: 'i1' as ItemId,
	seq: 0,
	kind: 'image',
	media: { blob: 'cd'.repeat(32), mime: 'image/png', size: 10, name: 'a.png' },
	meta: { width: '160', height: '100' }
};

describe('masks in the COCO export', () => {
	it('reads big masks from the blobs table and writes every pixel as COCO RLE', async () => {
		db = new QuorumDb(`test-masks-${Math.random()}`);
		const blobs = blobsRepoFrom(db);
		const store = maskBlobStoreFrom({ blobs, settings: settingsRepoFrom(db) });
		const p = maskPlaneNew(160, 100);
		// Irregular speckle (a fixed hash of the index): a code far over the inline limit.
		for (let i = 0; i < p.data.length; i++)
			if (Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 1 > 0.5) p.data[i] = 1;
		const { value, blobs: codes } = masksValueFrom(p, [{ id: 'x', label: 'sea' as LabelId }]);
		expect(value.masks[0]?.blob).toBeDefined();
		await store.put(codes);
		expect(await store.text(codes[0]?.sha256 as string, 0)).toBe(codes[0]?.text);

		const s = destroyed(await sessionWithSchema([task], { id: 'p1' as ProjectId, items: [item] }));
		s.store.label({
			item: item.id,
			task: task.id,
			annotator: 'ann' as AnnotatorId,
			value,
			source: 'human',
			startedAt: 1 as EpochMs,
			savedAt: 2 as EpochMs,
			ms: 1
		});
		expect(s.store.hasBlob(codes[0]?.sha256 as string)).toBe(true);
		const f = await projectExportAny(s, 'coco', {
			me: 'me' as AnnotatorId,
			now: 0,
			which: 'raw',
			maskBlobs: blobs
		});
		const coco = JSON.parse(await f.blob.text());
		expect(coco.annotations).toHaveLength(1);
		expect(cocoRleRuns(coco.annotations[0].segmentation).runs).toEqual(maskPlaneRuns(p, 1)[0]);
	});
});
