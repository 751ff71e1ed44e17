import { describe, expect, it } from 'vitest';
import { QuorumDb } from './db';
import { projectsRepoFrom } from './projects-repo';
import {
	isQuotaError,
	isStorageUnavailable,
	storageErrorFrom,
	StorageFullError,
	StorageUnavailableError
} from './quota';
import { settingsRepoFrom } from './settings-repo';

const row = (id: string, lastActivity: number) => ({
	id,
	name: `P ${id}`,
	description: '',
	created: 1,
	lastActivity,
	itemCount: 0,
	labelCount: 0,
	labeledCount: 0
});

describe('Dexie storage in real IndexedDB', () => {
	it('lists projects by last activity, updates and removes them', async () => {
		const db = new QuorumDb(`test-${crypto.randomUUID()}`);
		const repo = projectsRepoFrom(db);
		await repo.put(row('a', 10));
		await repo.put(row('b', 30));
		await repo.put(row('c', 20));
		expect((await repo.list()).map((r) => r.id)).toEqual(['b', 'c', 'a']);
		await repo.update('a', { lastActivity: 40, itemCount: 5 });
		expect((await repo.list())[0]).toMatchObject({ id: 'a', itemCount: 5 });
		await repo.remove('a');
		expect(await repo.get('a')).toBeUndefined();
		db.close();
		await db.delete();
	});

	it('keeps settings across a reopen', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const db = new QuorumDb(name);
		await settingsRepoFrom(db).set('identity', {
			annotatorId: 'x1',
			name: 'Ada',
			color: '#000000'
		});
		db.close();
		const db2 = new QuorumDb(name);
		expect(await settingsRepoFrom(db2).get('identity')).toMatchObject({ name: 'Ada' });
		db2.close();
		await db2.delete();
	});

	it('turns quota errors, also wrapped by Dexie, into a message that says what to do', () => {
		const quota = new DOMException('exceeded', 'QuotaExceededError');
		expect(isQuotaError(quota)).toBe(true);
		expect(isQuotaError({ name: 'AbortError', inner: quota })).toBe(true);
		const err = storageErrorFrom(quota);
		expect(err).toBeInstanceOf(StorageFullError);
		expect(err.message).toMatch(/Nothing was lost/);
		expect(storageErrorFrom(new Error('other')).message).toBe('other');
	});

	it('knows the forms a real full disk takes in Chromium', () => {
		const io = new DOMException(
			'Connection is closing because of: IO error: …/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)',
			'UnknownError'
		);
		expect(isQuotaError(io)).toBe(true);
		const closed = new DOMException(
			'Internal error opening backing store for indexedDB.open.',
			'UnknownError'
		);
		expect(isQuotaError(closed)).toBe(false);
		expect(isStorageUnavailable(closed)).toBe(true);
		expect(new StorageUnavailableError(closed).message).toMatch(/disk is full\). Nothing was lost/);
		expect(isStorageUnavailable(new DOMException('Version change', 'AbortError'))).toBe(false);
	});
});
