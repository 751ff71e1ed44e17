/**
 * Import of image, audio and video files (single files, folders, zip archives) and of media URLs
 * into the open project. Unsupported or corrupt files are listed with the reason and skipped. The
 * blobs of the whole import are stored in one IndexedDB transaction before the items are added in
 * one doc transaction, so nothing is ever half-imported.
 */
import { multimodalRowsParse } from '$lib/core/formats/import-multimodal';
import type { AnnotatorId, EpochMs, Item, MediaKind } from '$lib/core/types';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { ORIGIN } from '$lib/sync/project-store';
import type { ProjectSession } from '../project-session.svelte';
import { mediaFileRead, zipsExpand, type MediaProblem } from './media-files';
import { mediaProbe, type Probe } from './media-probe';
import { mediaUrlItems } from './media-urls';

export type { MediaProblem } from './media-files';
export { mediaProbe, type Probe } from './media-probe';

export interface MediaImportResult {
	added: number;
	duplicates: number;
	problems: MediaProblem[];
	error?: string;
}

export interface MediaImportDeps {
	blobs: BlobsRepo;
	/** Decodes the blob; the browser version is `mediaProbe`. */
	probe?(blob: Blob, kind: MediaKind): Promise<Probe>;
	now?(): number;
}

export class MediaImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: MediaImportDeps;
	#files = $state.raw<File[]>([]);
	#running = $state(false);
	#processed = $state(0);
	#total = $state(0);
	#result = $state.raw<MediaImportResult | undefined>(undefined);

	constructor(session: ProjectSession, me: AnnotatorId, deps: MediaImportDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	get files(): readonly File[] {
		return this.#files;
	}

	get running(): boolean {
		return this.#running;
	}

	/** Files read so far, of `total`. */
	get processed(): number {
		return this.#processed;
	}

	get total(): number {
		return this.#total;
	}

	get result(): MediaImportResult | undefined {
		return this.#result;
	}

	add(files: readonly File[]): void {
		this.#files = [...this.#files, ...files];
		this.#result = undefined;
	}

	clear(): void {
		this.#files = [];
	}

	/** Imports the chosen files; resolves with the result (also kept in `result`). */
	async run(): Promise<MediaImportResult> {
		const problems: MediaProblem[] = [];
		const now = this.#deps.now?.() ?? Date.now();
		const probe = this.#deps.probe ?? mediaProbe;
		this.#running = true;
		this.#processed = 0;
		try {
			const files = await zipsExpand(this.#files, problems);
			this.#total = files.length;
			const blobs = new Map<string, StoredBlob>();
			const items: Item[] = [];
			for (const [i, f] of files.entries()) {
				this.#processed = i;
				const r = await mediaFileRead(f, probe, now * 1000 + i);
				if ('reason' in r) problems.push({ file: f.name, reason: r.reason });
				else if (!blobs.has(r.blob.sha256)) {
					blobs.set(r.blob.sha256, r.blob);
					items.push(r.item);
				}
			}
			this.#processed = files.length;
			await this.#deps.blobs.putMany([...blobs.values()]);
			const added = this.#itemsAdd(items, now, 'media files');
			this.#result = { added, duplicates: files.length - problems.length - added, problems };
			this.#files = [];
		} catch (e) {
			this.#result = {
				added: 0,
				duplicates: 0,
				problems,
				error: `Nothing was imported: ${e instanceof Error ? e.message : String(e)}`
			};
		} finally {
			this.#running = false;
		}
		return this.#result;
	}

	/**
	 * Adds one item per media URL in `text` (a list), or, for CSV/JSONL rows that hold a media URL
	 * and more columns (e.g. an image and its caption), one multimodal item per row with a field
	 * per column.
	 */
	async runUrls(text: string): Promise<MediaImportResult> {
		const now = this.#deps.now?.() ?? Date.now();
		const table = multimodalRowsParse(text, now * 1000);
		if (table) {
			const added = this.#itemsAdd(table.items, now, 'rows with media');
			return (this.#result = {
				added,
				duplicates: table.items.length - added,
				problems: table.problems.map((p) => ({ file: `line ${p.line}`, reason: p.reason }))
			});
		}
		const { items, urls, bad } = await mediaUrlItems(text, now * 1000);
		const added = this.#itemsAdd(items, now, 'media URLs');
		return (this.#result = {
			added,
			duplicates: urls - added,
			problems: bad.map((line) => ({
				file: `line ${line}`,
				reason: 'no http(s) URL of an image, audio or video file'
			}))
		});
	}

	/** Adds the items and logs the import, in one transaction; returns how many were new. */
	#itemsAdd(items: readonly Item[], now: number, what: string): number {
		const store = this.#s.store;
		let added = 0;
		store.batch(() => {
			added = store.itemsAdd(items, ORIGIN.IMPORT);
			store.logAppend(
				{ at: now as EpochMs, who: this.#me, what: 'import', detail: `${added} ${what}` },
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		return added;
	}
}
