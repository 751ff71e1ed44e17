/**
 * Persists a project's Y.Doc in IndexedDB with y-indexeddb, one database per project
 * (docs/ARCHITECTURE.md#storage). y-indexeddb's own write path is fire-and-forget: a full disk
 * would lose an update silently. So we keep its storage format and loading, but write updates
 * ourselves in tracked transactions: every write is awaited, a failed one stays queued in memory,
 * is retried, and is reported (e.g. QuotaExceededError) so the UI can say so while nothing is lost.
 */
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';
import { projectDocOf, type ProjectStore } from './project-store';

export const docDbName = (projectId: string): string => `quorum-doc-${projectId}`;

export interface DocPersistence {
	whenSynced: Promise<void>;
	/** Resolves when every update so far is durably stored; rejects with the last write error. */
	flush(): Promise<void>;
	/** Updates waiting to be written (after a failure). */
	readonly unsaved: number;
	onError(fn: (e: unknown) => void): void;
	onSaved(fn: () => void): void;
	destroy(): Promise<void>;
}

const TRIM_EVERY = 500;
/**
 * A trim reads every stored update and writes the whole doc again, so it waits for a quiet
 * moment: TRIM_QUIET_MS without writes, or TRIM_MAX_WAIT_MS at most. Trimming every 500 updates
 * during a peer's flood encoded the whole doc ten times over.
 */
const TRIM_QUIET_MS = 2000;
const TRIM_MAX_WAIT_MS = 30_000;

/** Persists a project store's doc (see docPersist). */
export function storePersist(projectId: string, store: ProjectStore): DocPersistence {
	return docPersist(projectId, projectDocOf(store).doc);
}

export function docPersist(projectId: string, doc: Y.Doc): DocPersistence {
	const provider = new IndexeddbPersistence(docDbName(projectId), doc);
	doc.off('update', provider._storeUpdate);
	const queue: Uint8Array[] = [];
	let lastError: unknown;
	let sinceTrim = 0;
	const errorFns: ((e: unknown) => void)[] = [];
	const savedFns: (() => void)[] = [];

	/**
	 * Chromium closes the connection after a disk-full commit (and then refuses to open the
	 * database until space comes back), so a write that finds it closed reopens it first.
	 */
	let closed = false;
	const watch = (db: IDBDatabase) =>
		db.addEventListener('close', () => {
			if (provider.db === db) closed = true;
		});
	void provider._db.then(watch, () => undefined);
	const reopen = () =>
		new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open(provider.name);
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error ?? new Error('Could not open the project database.'));
		});
	const connection = async (): Promise<IDBDatabase> => {
		if (provider.db && !closed) return provider.db;
		const db = await reopen();
		if (provider._destroyed) {
			db.close();
			throw new Error('The project was closed.');
		}
		provider.db = db;
		provider._db = Promise.resolve(db);
		closed = false;
		watch(db);
		return db;
	};
	/** A full disk stays the reason while later writes fail for its after-effects (a closed db). */
	let quotaError: unknown;
	const report = (e: unknown) => {
		const err = e as { name?: string; message?: string } | null;
		if (err?.name === 'QuotaExceededError' || /no_space|disk full/i.test(err?.message ?? ''))
			quotaError = e;
		lastError = quotaError ?? e;
		for (const fn of errorFns) fn(lastError);
	};

	const writeOnce = (db: IDBDatabase, batch: Uint8Array[]): Promise<'ok' | 'failed' | 'closed'> =>
		new Promise((resolve) => {
			let tx: IDBTransaction;
			try {
				tx = db.transaction(['updates'], 'readwrite');
				const store = tx.objectStore('updates');
				for (const u of batch) store.add(u);
				// Commit now, not after the requests' results come back: a page load right after an
				// edit (Save, then reload) otherwise aborts the transaction (Chromium, measured).
				tx.commit();
			} catch (e) {
				if ((e as { name?: string } | null)?.name === 'InvalidStateError') {
					closed = true;
					resolve('closed');
					return;
				}
				report(e);
				resolve('failed');
				return;
			}
			tx.oncomplete = () => resolve('ok');
			tx.onerror = (ev) => ev.preventDefault();
			tx.onabort = () => {
				report(tx.error ?? new Error('IndexedDB write failed'));
				resolve('failed');
			};
		});

	/**
	 * Writes one batch now, beside any write still in flight: IndexedDB runs read-write
	 * transactions on the same store in the order they were created, and the transaction is
	 * created and committed in the task that made the update, so a page load straight after an
	 * edit finds it committed. (Waiting for the previous write first left the next update in
	 * memory for that long, and a reload in that window lost it: the spans e2e lost an undo that
	 * way on a loaded machine.) A batch that fails goes back to the queue, to be written with the
	 * next update or by flush(); Yjs applies stored updates in any order.
	 */
	const inflight = new Set<Promise<void>>();
	const write = (batch: Uint8Array[]): Promise<void> => {
		const done = (async () => {
			let result: 'ok' | 'failed' | 'closed' = 'closed';
			for (let attempt = 0; attempt < 2 && result === 'closed'; attempt++) {
				try {
					result = await writeOnce(await connection(), batch);
				} catch (e) {
					report(e);
					result = 'failed';
				}
			}
			if (result !== 'ok') {
				if (result === 'closed') report(new Error('The project database closed.'));
				queue.unshift(...batch);
				return;
			}
			lastError = undefined;
			quotaError = undefined;
			sinceTrim += batch.length;
			for (const fn of savedFns) fn();
			if (sinceTrim >= TRIM_EVERY) trimSoon();
		})();
		inflight.add(done);
		void done.finally(() => inflight.delete(done));
		return done;
	};
	const writeQueued = (): Promise<void> =>
		provider.db && queue.length > 0 ? write(queue.splice(0, queue.length)) : Promise.resolve();
	/** Resolves when every write started so far has ended, and the queue has been tried once. */
	const settle = async (): Promise<void> => {
		await Promise.all([...inflight]);
		await writeQueued();
	};

	let trimTimer: ReturnType<typeof setTimeout> | undefined;
	let trimDueAt = 0;
	const trimSoon = () => {
		const now = Date.now();
		if (trimTimer === undefined) trimDueAt = now + TRIM_MAX_WAIT_MS;
		clearTimeout(trimTimer);
		trimTimer = setTimeout(
			() => {
				trimTimer = undefined;
				if (provider._destroyed) return;
				sinceTrim = 0;
				void storeState(provider, false);
			},
			Math.max(0, Math.min(TRIM_QUIET_MS, trimDueAt - now))
		);
	};

	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === provider) return;
		queue.push(update);
		void writeQueued();
	};
	// Listen only once the stored state is loaded: any 'update' listener makes Yjs encode every
	// transaction, and loading a 100k-item doc would encode it all again for nothing (~1.5 s).
	// Edits made before then are stored by y-indexeddb's own first write of the doc's state.
	const whenSynced = provider.whenSynced.then(() => {
		doc.on('update', onUpdate);
		return writeQueued();
	});

	return {
		whenSynced,
		async flush() {
			await whenSynced;
			await settle();
			if (queue.length > 0) throw lastError ?? new Error('Some changes are not saved yet.');
		},
		get unsaved() {
			return queue.length;
		},
		onError: (fn) => void errorFns.push(fn),
		onSaved: (fn) => void savedFns.push(fn),
		async destroy() {
			clearTimeout(trimTimer);
			doc.off('update', onUpdate);
			await settle().catch(() => undefined);
			await provider.destroy();
		}
	};
}

/**
 * Deletes a project's document database. Resolves once IndexedDB has removed it; while another
 * tab holds it open the deletion waits, and after `blockedMs` it rejects with advice.
 */
export function docDelete(projectId: string, blockedMs = 10_000): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(docDbName(projectId));
		let timer: ReturnType<typeof setTimeout> | undefined;
		req.onsuccess = () => {
			clearTimeout(timer);
			resolve();
		};
		req.onerror = () => {
			clearTimeout(timer);
			reject(req.error ?? new Error('Could not delete the project database.'));
		};
		req.onblocked = () => {
			timer = setTimeout(
				() =>
					reject(
						new Error(
							'The project is open in another tab. Close that tab and the project will be deleted.'
						)
					),
				blockedMs
			);
		};
	});
}
