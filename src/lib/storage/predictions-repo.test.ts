import { describe, expect, it } from 'vitest';
import { QuorumDb, predictionSource, type PredictionRow } from './db';
import {
	memoryPredictionsRepo,
	predictionsRepoFrom,
	PUT_CHUNK,
	type PredictionsRepo
} from './predictions-repo';

const row = (
	project: string,
	task: string,
	item: string,
	confidence: number,
	model = 'text-ngram@2026-11-29T10:00:00.000Z'
): Omit<PredictionRow, 'source'> => ({
	project,
	task,
	item,
	model,
	value: { type: 'classification', labels: ['a'] },
	confidence,
	probs: [confidence, 1 - confidence],
	at: 1
});

const IMAGE = 'image-embed-head@2026-11-29T11:00:00.000Z/4';

/** The same contract for the IndexedDB repository and the in-memory one. */
async function contract(repo: PredictionsRepo) {
	await repo.putMany([
		row('p', 't', 'i1', 0.9),
		row('p', 't', 'i2', 0.6),
		row('p', 'u', 'i1', 0.5)
	]);
	// The same model again replaces its own row; another model's row for the item stays beside it.
	await repo.putMany([row('p', 't', 'i1', 0.7), row('p', 't', 'i1', 0.8, IMAGE)]);
	const both = await repo.ofItem('p', 't', 'i1');
	expect(both.map((r) => [r.source, r.confidence])).toEqual([
		['image-embed-head', 0.8],
		['text-ngram', 0.7]
	]);
	expect((await repo.ofTask('p', 't')).map((r) => r.item).sort()).toEqual(['i1', 'i1', 'i2']);
	// Clearing one model's suggestions leaves the other's.
	await repo.clearTask('p', 't', (m) => m.startsWith('text-'));
	expect((await repo.ofTask('p', 't')).map((r) => [r.item, r.source])).toEqual([
		['i1', 'image-embed-head']
	]);
	await repo.putMany([row('p', 't', 'i1', 0.7)]);
	await repo.delete('p', 't', 'i1', 'image-embed-head');
	expect((await repo.ofItem('p', 't', 'i1')).map((r) => r.source)).toEqual(['text-ngram']);
	await repo.clearTask('p', 't');
	expect(await repo.ofTask('p', 't')).toEqual([]);
	expect(await repo.ofItem('p', 'u', 'i1')).toHaveLength(1);
	await repo.clearProject('p');
	expect(await repo.ofItem('p', 'u', 'i1')).toEqual([]);
}

describe('model suggestions in real IndexedDB', () => {
	it('keeps one suggestion per model source; replaces, lists, deletes and clears', async () => {
		const db = new QuorumDb(`test-${crypto.randomUUID()}`);
		await contract(predictionsRepoFrom(db));
		db.close();
		await db.delete();
	});

	it('stores many rows in chunks, all or none: a bad row in the last chunk stores nothing', async () => {
		const db = new QuorumDb(`test-${crypto.randomUUID()}`);
		const repo = predictionsRepoFrom(db);
		const n = PUT_CHUNK * 3 + 7;
		const rows = Array.from({ length: n }, (_, i) => row('p', 't', `i${i}`, 0.5));
		const sizes: number[] = [];
		const bulkPut = db.suggestions.bulkPut.bind(db.suggestions);
		db.suggestions.bulkPut = ((items: PredictionRow[]) => {
			sizes.push(items.length);
			return bulkPut(items);
		}) as typeof db.suggestions.bulkPut;
		await repo.putMany(rows);
		expect(sizes).toEqual([PUT_CHUNK, PUT_CHUNK, PUT_CHUNK, 7]);
		expect(await db.suggestions.count()).toBe(n);
		// An item id IndexedDB cannot key (undefined) in the last chunk: the earlier chunks go too.
		await repo.clearTask('p', 't');
		const bad = [...rows.slice(0, -1), { ...row('p', 't', 'x', 0.5), item: undefined as never }];
		await expect(repo.putMany(bad)).rejects.toThrow();
		expect(await db.suggestions.count()).toBe(0);
		db.close();
		await db.delete();
	});

	it('the in-memory repository keeps the same contract', async () => {
		await contract(memoryPredictionsRepo());
	});

	it('names a model source', () => {
		expect(predictionSource('text-ngram@2026-11-29T10:00:00.000Z')).toBe('text-ngram');
		expect(predictionSource(IMAGE)).toBe('image-embed-head');
		expect(predictionSource('custom:mobilenet@2026-11-29T10:00:00.000Z')).toBe('custom:mobilenet');
		expect(predictionSource('legacy')).toBe('legacy');
	});

	it('opens a version-1 database and keeps its rows', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const { default: Dexie } = await import('dexie');
		const old = new Dexie(name);
		old.version(1).stores({ projects: 'id, lastActivity', settings: 'key', blobs: 'sha256' });
		await old.table('settings').put({ key: 'k', value: 1 });
		old.close();
		const db = new QuorumDb(name);
		expect((await db.settings.get('k'))?.value).toBe(1);
		await predictionsRepoFrom(db).putMany([row('p', 't', 'i', 0.5)]);
		expect(await db.suggestions.count()).toBe(1);
		db.close();
		await db.delete();
	});

	it('upgrades a version-2 database: every suggestion kept, keyed by its model source', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const { default: Dexie } = await import('dexie');
		const old = new Dexie(name);
		old.version(1).stores({ projects: 'id, lastActivity', settings: 'key', blobs: 'sha256' });
		old.version(2).stores({ predictions: '[project+task+item], [project+task], project' });
		const rows = [
			row('p', 't', 'i1', 0.9),
			row('p', 't', 'i2', 0.4, IMAGE),
			row('p', 'boxes', 'i1', 0.7, 'coco-centernet@2026-11-29T09:00:00.000Z'),
			row('q', 't', 'i1', 0.6)
		];
		await old.table('predictions').bulkPut(rows);
		await old.table('settings').put({ key: 'k', value: 2 });
		old.close();

		const db = new QuorumDb(name);
		const repo = predictionsRepoFrom(db);
		expect((await db.settings.get('k'))?.value).toBe(2);
		expect(db.tables.map((t) => t.name)).not.toContain('predictions');
		expect(await db.suggestions.count()).toBe(4);
		expect(await repo.ofItem('p', 't', 'i1')).toEqual([{ ...rows[0], source: 'text-ngram' }]);
		expect(await repo.ofItem('p', 't', 'i2')).toEqual([{ ...rows[1], source: 'image-embed-head' }]);
		expect((await repo.ofItem('p', 'boxes', 'i1'))[0]?.source).toBe('coco-centernet');
		// After the upgrade a second model's suggestion for an upgraded row stays beside it.
		await repo.putMany([row('p', 't', 'i1', 0.95, IMAGE)]);
		expect((await repo.ofItem('p', 't', 'i1')).map((r) => r.source)).toEqual([
			'image-embed-head',
			'text-ngram'
		]);
		db.close();
		await db.delete();
	});
});
