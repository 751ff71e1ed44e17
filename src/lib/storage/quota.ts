/** Storage quota: persistence request, usage estimate, and a clear error for a full disk. */

export class StorageFullError extends Error {
	constructor(cause?: unknown) {
		super(
			'The browser has no room left for this project. Nothing was lost: free some space (delete an unused project, or clear other sites’ data) and try again.'
		);
		this.name = 'StorageFullError';
		this.cause = cause;
	}
}

/**
 * Chromium, after a commit fails on a full disk, closes the origin's IndexedDB and refuses to open
 * it again ("Internal error opening backing store") until space comes back.
 */
export class StorageUnavailableError extends Error {
	constructor(cause?: unknown) {
		super(
			'The browser cannot write to its storage (usually because the disk is full). Nothing was lost: your changes are kept in this tab. Free some space (delete an unused project, or clear other sites’ data), keep this tab open and try again.'
		);
		this.name = 'StorageUnavailableError';
		this.cause = cause;
	}
}

export function isStorageUnavailable(e: unknown): boolean {
	if (!e || typeof e !== 'object') return false;
	const err = e as { name?: string; message?: string };
	return err.name === 'UnknownError' && /backing store/i.test(err.message ?? '');
}

export function isQuotaError(e: unknown): boolean {
	if (!e || typeof e !== 'object') return false;
	const err = e as { name?: string; inner?: unknown; message?: string };
	if (err.name === 'QuotaExceededError') return true;
	if (err.inner && isQuotaError(err.inner)) return true;
	// Chromium also reports a full disk as an IO error: "…FILE_ERROR_NO_SPACE…".
	return /quota|no_space|no space left|disk full/i.test(err.message ?? '');
}

export function storageErrorFrom(e: unknown): Error {
	if (isQuotaError(e)) return new StorageFullError(e);
	return e instanceof Error ? e : new Error(String(e));
}

export interface StorageEstimate {
	usage: number;
	quota: number;
	persisted: boolean;
}

export async function storageEstimate(): Promise<StorageEstimate> {
	const est = (await navigator.storage?.estimate?.()) ?? {};
	const persisted = (await navigator.storage?.persisted?.()) ?? false;
	return { usage: est.usage ?? 0, quota: est.quota ?? 0, persisted };
}

/** Asks the browser to keep this site's data under storage pressure. */
export async function storagePersist(): Promise<boolean> {
	try {
		return (await navigator.storage?.persist?.()) ?? false;
	} catch {
		return false;
	}
}
