/**
 * Persists a project's Y.Doc in IndexedDB with y-indexeddb, one database per project
 * (DESIGN.md §4). y-indexeddb's own write path is fire-and-forget: a full disk would lose an
 * update silently. So we keep its storage format and loading, but write updates ourselves in
 * tracked transactions: every write is awaited, a failed one stays queued in memory, is retried,
 * and is reported (e.g. QuotaExceededError) so the UI can say so while nothing is lost.
 */
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';

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

export function docPersist(projectId: string, doc: Y.Doc): DocPersistence {
	const provider = new IndexeddbPersistence(docDbName(projectId), doc);
	doc.off('update', provider._storeUpdate);
	const queue: Uint8Array[] = [];
	let writing: Promise<void> = Promise.resolve();
	let lastError: unknown;
	let sinceTrim = 0;
	const errorFns: ((e: unknown) => void)[] = [];
	const savedFns: (() => void)[] = [];

	const writeQueued = (): Promise<void> => {
		const db = provider.db;
		if (!db || queue.length === 0) return Promise.resolve();
		const batch = queue.splice(0, queue.length);
		return new Promise<void>((resolve) => {
			let tx: IDBTransaction;
			try {
				tx = db.transaction(['updates'], 'readwrite');
				const store = tx.objectStore('updates');
				for (const u of batch) store.add(u);
			} catch (e) {
				queue.unshift(...batch);
				lastError = e;
				for (const fn of errorFns) fn(e);
				resolve();
				return;
			}
			tx.oncomplete = () => {
				lastError = undefined;
				sinceTrim += batch.length;
				for (const fn of savedFns) fn();
				if (sinceTrim >= TRIM_EVERY) {
					sinceTrim = 0;
					void storeState(provider, false);
				}
				resolve();
			};
			const fail = () => {
				queue.unshift(...batch);
				lastError = tx.error ?? new Error('IndexedDB write failed');
				for (const fn of errorFns) fn(lastError);
				resolve();
			};
			tx.onerror = (ev) => ev.preventDefault();
			tx.onabort = fail;
		});
	};

	const schedule = (): Promise<void> => (writing = writing.then(writeQueued));

	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === provider) return;
		queue.push(update);
		void schedule();
	};
	// Listen only once the stored state is loaded: any 'update' listener makes Yjs encode every
	// transaction, and loading a 100k-item doc would encode it all again for nothing (~1.5 s).
	// Edits made before then are stored by y-indexeddb's own first write of the doc's state.
	const whenSynced = provider.whenSynced.then(() => {
		doc.on('update', onUpdate);
		return schedule();
	});

	return {
		whenSynced,
		async flush() {
			await whenSynced;
			await schedule();
			if (queue.length > 0) throw lastError ?? new Error('Some changes are not saved yet.');
		},
		get unsaved() {
			return queue.length;
		},
		onError: (fn) => void errorFns.push(fn),
		onSaved: (fn) => void savedFns.push(fn),
		async destroy() {
			doc.off('update', onUpdate);
			await schedule().catch(() => undefined);
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
