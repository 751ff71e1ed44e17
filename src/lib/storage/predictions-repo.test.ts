import { describe, expect, it } from 'vitest';
import { QuorumDb, type PredictionRow } from './db';
import { predictionsRepoFrom } from './predictions-repo';

const row = (project: string, task: string, item: string, confidence: number): PredictionRow => ({
	project,
	task,
	item,
	model: 'm1',
	value: { type: 'classification', labels: ['a'] },
	confidence,
	probs: [confidence, 1 - confidence],
	at: 1
});

describe('model suggestions in real IndexedDB', () => {
	it('stores, replaces, lists per task and clears', async () => {
		const db = new QuorumDb(`test-${crypto.randomUUID()}`);
		const repo = predictionsRepoFrom(db);
		await repo.putMany([
			row('p', 't', 'i1', 0.9),
			row('p', 't', 'i2', 0.6),
			row('p', 'u', 'i1', 0.5)
		]);
		await repo.putMany([row('p', 't', 'i1', 0.7)]);
		expect((await repo.get('p', 't', 'i1'))?.confidence).toBe(0.7);
		expect((await repo.ofTask('p', 't')).map((r) => r.item).sort()).toEqual(['i1', 'i2']);
		await repo.clearTask('p', 't');
		expect(await repo.ofTask('p', 't')).toEqual([]);
		expect(await repo.get('p', 'u', 'i1')).toBeDefined();
		await repo.clearProject('p');
		expect(await repo.get('p', 'u', 'i1')).toBeUndefined();
		db.close();
		await db.delete();
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
		expect(await db.predictions.count()).toBe(1);
		db.close();
		await db.delete();
	});
});
