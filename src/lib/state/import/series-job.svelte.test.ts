/**
 * The time series importer through the door: a recording split into windows is stored as blobs
 * before its items are added in one transaction; the same windows imported again add nothing; a
 * file without a usable time column is listed with the reason and nothing of it is added.
 */
import { describe, expect, it } from 'vitest';
import { seriesDecode } from '$lib/core/series/series-blob';
import type { AnnotatorId } from '$lib/core/types';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { destroyedAfterEach, sessionWithSchema } from '$tests/helpers/session';
import { SeriesImportJob } from './series-job.svelte';

const destroyed = destroyedAfterEach();

/** 10 s of a 20 Hz accelerometer-like recording with ISO times. */
const recording = () => {
	const rows = ['time,ax,ay,note'];
	for (let i = 0; i < 200; i++)
		rows.push(
			`${new Date(Date.UTC(2024, 0, 1) + i * 50).toISOString()},${Math.sin(i / 5)},${i % 7},x`
		);
	return new File([rows.join('\n')], 'walk.csv', { type: 'text/csv' });
};

async function setup() {
	const s = destroyed(await sessionWithSchema([]));
	const stored: StoredBlob[] = [];
	const blobs: BlobsRepo = {
		get: async (sha) => stored.find((b) => b.sha256 === sha),
		has: async (sha) => stored.some((b) => b.sha256 === sha),
		putMany: async (b) => void stored.push(...b)
	};
	return {
		s,
		stored,
		job: new SeriesImportJob(s, 'me' as AnnotatorId, { blobs, now: () => 5000 })
	};
}

describe('SeriesImportJob', () => {
	it('splits a recording into windows, stores their samples as blobs and adds one item each', async () => {
		const { s, job, stored } = await setup();
		await job.add([recording()]);
		expect([job.timeColumn, job.timeKind, job.channels]).toEqual(['time', 'auto', ['ax', 'ay']]);
		job.window = 4;
		const r = await job.run();
		expect(r).toEqual({ added: 3, duplicates: 0, problems: [] });
		expect(s.store.size).toBe(3);
		const items = [...s.store.itemsAll()];
		expect(items.map((i) => [i.kind, i.source, i.series?.length, i.series?.window])).toEqual([
			['series', 'walk.csv #1', 80, 0],
			['series', 'walk.csv #2', 80, 1],
			['series', 'walk.csv #3', 40, 2]
		]);
		const blob = stored.find((b) => b.sha256 === (items[1]?.media as { blob: string }).blob);
		const back = seriesDecode(new Uint8Array(await (blob as StoredBlob).blob.arrayBuffer()));
		expect(back.time[0]).toBe(Date.UTC(2024, 0, 1) / 1000 + 4);
		expect(back.channels.map((c) => c.name)).toEqual(['ax', 'ay']);
		expect(s.store.log().at(-1)?.detail).toBe('3 time series');

		await job.add([recording()]);
		job.window = 4;
		expect(await job.run()).toEqual({ added: 0, duplicates: 3, problems: [] });
	});

	it('lists a file it cannot read and adds nothing of it', async () => {
		const { s, job } = await setup();
		await job.add([new File(['who,x\nann,1\nbob,2'], 'names.csv')]);
		job.timeColumn = 'who';
		const r = await job.run();
		expect(r.added).toBe(0);
		expect(r.problems[0]?.reason).toMatch(/neither times nor numbers/);
		expect(s.store.size).toBe(0);
		await job.add([new File(['{"a": 1'], 'broken.json')]);
		expect(job.pickError).toMatch(/broken\.json.*not valid JSON/);
		expect(job.files).toEqual([]);
	});
});
