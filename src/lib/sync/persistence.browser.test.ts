import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Item, ItemId } from '$lib/core/types';
import { itemsAdd, projectDocFrom } from './doc';
import { DocIndex } from './doc-index';
import { docDbName, docDelete, docPersist } from './persistence';

const items = (n: number, from = 0): Item[] =>
	Array.from({ length: n }, (_, i) => ({
		id: `i${from + i}` as ItemId,
		kind: 'text' as const,
		text: `text ${from + i}`,
		seq: from + i
	}));

/** Items in a project's stored doc, as a page loading it anew sees them. */
async function storedItems(id: string): Promise<number> {
	const doc = new Y.Doc();
	const persist = docPersist(id, doc);
	await persist.whenSynced;
	const n = new DocIndex(projectDocFrom(doc)).size;
	await persist.destroy();
	return n;
}

async function dbNames(): Promise<string[]> {
	return (await indexedDB.databases()).map((d) => d.name ?? '');
}

describe('doc persistence in real IndexedDB', () => {
	it('stores every finished transaction and loads it into a new doc', async () => {
		const id = `t-${crypto.randomUUID()}`;
		const doc = new Y.Doc();
		const persist = docPersist(id, doc);
		await persist.whenSynced;
		itemsAdd(projectDocFrom(doc), items(50));
		itemsAdd(projectDocFrom(doc), items(50, 50));
		await persist.flush();
		expect(persist.unsaved).toBe(0);
		await persist.destroy();

		expect(await storedItems(id)).toBe(100);
		await docDelete(id);
		expect(await dbNames()).not.toContain(docDbName(id));
	});

	it('commits each update in the task that made it, even while an earlier write is in flight', async () => {
		// A page load can follow an edit at any moment; only a committed transaction survives it.
		// So the second edit's transaction must be committed before the first one's completes.
		const id = `t-${crypto.randomUUID()}`;
		const doc = new Y.Doc();
		const persist = docPersist(id, doc);
		await persist.whenSynced;
		const proto = IDBTransaction.prototype;
		const commit = proto.commit;
		const events: string[] = [];
		proto.commit = function (this: IDBTransaction) {
			events.push('commit');
			this.addEventListener('complete', () => events.push('complete'));
			commit.call(this);
		};
		try {
			itemsAdd(projectDocFrom(doc), items(2000));
			itemsAdd(projectDocFrom(doc), items(1, 2000));
			// The task that made both edits ends here; nothing of IndexedDB has answered yet.
			await new Promise((r) => setTimeout(r, 0));
			expect(events.slice(0, 2)).toEqual(['commit', 'commit']);
			await persist.flush();
		} finally {
			proto.commit = commit;
		}
		await persist.destroy();
		expect(await storedItems(id)).toBe(2001);
		await docDelete(id);
	});

	it('trims the stored updates once writes pause, not during a burst, and loses none', async () => {
		const id = `t-${crypto.randomUUID()}`;
		const doc = new Y.Doc();
		const persist = docPersist(id, doc);
		await persist.whenSynced;
		const stored = () =>
			new Promise<number>((resolve, reject) => {
				const req = indexedDB.open(docDbName(id));
				req.onsuccess = () => {
					const db = req.result;
					const count = db.transaction('updates').objectStore('updates').count();
					count.onsuccess = () => {
						db.close();
						resolve(count.result);
					};
					count.onerror = () => reject(count.error);
				};
				req.onerror = () => reject(req.error);
			});
		const p = projectDocFrom(doc);
		// A burst: 600 transactions, written in batches as they come.
		for (let i = 0; i < 600; i++) {
			itemsAdd(p, items(1, i));
			if (i % 50 === 49) await persist.flush();
		}
		await persist.flush();
		expect(await stored()).toBeGreaterThan(500);
		// Two quiet seconds later the updates are one doc state again.
		await expect.poll(stored, { timeout: 10_000, interval: 250 }).toBeLessThan(10);
		await persist.destroy();
		expect(await storedItems(id)).toBe(600);
		await docDelete(id);
	});

	it('keeps an update that failed to write, reports it, and writes it on retry', async () => {
		const id = `t-${crypto.randomUUID()}`;
		const doc = new Y.Doc();
		const persist = docPersist(id, doc);
		await persist.whenSynced;
		const errors: unknown[] = [];
		persist.onError((e) => errors.push(e));
		// Simulate a full disk: the next IndexedDB transaction aborts with QuotaExceededError.
		const proto = IDBObjectStore.prototype;
		const realAdd = proto.add;
		proto.add = function () {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		try {
			itemsAdd(projectDocFrom(doc), items(3));
			await expect(persist.flush()).rejects.toThrow(/quota/);
			expect(persist.unsaved).toBe(1);
			expect((errors[0] as DOMException).name).toBe('QuotaExceededError');
		} finally {
			proto.add = realAdd;
		}
		await persist.flush();
		expect(persist.unsaved).toBe(0);
		await persist.destroy();

		expect(await storedItems(id)).toBe(3);
		await docDelete(id);
	});

	it('reopens a connection the browser closed (as Chromium does after a full disk) and writes', async () => {
		const id = `t-${crypto.randomUUID()}`;
		const doc = new Y.Doc();
		const persist = docPersist(id, doc);
		await persist.whenSynced;
		const errors: unknown[] = [];
		persist.onError((e) => errors.push(e));
		const proto = IDBDatabase.prototype;
		const realTransaction = proto.transaction;
		let refused = 0;
		proto.transaction = function (
			this: IDBDatabase,
			...args: Parameters<IDBDatabase['transaction']>
		) {
			if (refused === 0) {
				refused++;
				throw new DOMException('The database connection is closing.', 'InvalidStateError');
			}
			return realTransaction.apply(this, args);
		};
		try {
			itemsAdd(projectDocFrom(doc), items(4));
			await persist.flush();
		} finally {
			proto.transaction = realTransaction;
		}
		expect(refused).toBe(1);
		expect(errors).toEqual([]);
		expect(persist.unsaved).toBe(0);
		await persist.destroy();

		expect(await storedItems(id)).toBe(4);
		await docDelete(id);
	});
});
