/**
 * Import of time series files (CSV, TSV, JSON, JSON Lines, Parquet) into the open project: the
 * time column and how it reads, the channels, and an optional window that splits a long
 * recording into items. Each item's samples are a blob (core/series/series-blob.ts), stored in one
 * IndexedDB transaction before the items are added in one doc transaction, so nothing is ever
 * half-imported. A file that cannot be read is listed with the reason and skipped.
 */
import { sha256Hex } from '$lib/core/ids';
import { SERIES_MIME, seriesEncode } from '$lib/core/series/series-blob';
import { seriesInfoOf, seriesItem } from '$lib/core/series/series-item';
import {
	seriesFromTable,
	seriesNumericColumns,
	seriesTimeColumnGuess,
	seriesWindows,
	type SeriesTable,
	type SeriesTimeSpec
} from '$lib/core/series/series-parse';
import { seriesTableFromParquet, seriesTableFromText } from '$lib/core/series/series-table';
import type { AnnotatorId, EpochMs, Item } from '$lib/core/types';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { ORIGIN } from '$lib/sync/project-store';
import type { ProjectSession } from '../project-session.svelte';
import type { MediaImportResult } from './media-job.svelte';

export type SeriesTimeChoice = 'auto' | 'iso' | 'epoch-s' | 'epoch-ms' | 'number' | 'index';

export interface SeriesImportDeps {
	blobs: BlobsRepo;
	now?(): number;
}

/** The table of a file, by its name (Parquet) or content. */
export async function seriesFileTable(f: File): Promise<SeriesTable> {
	if (/\.parquet$/i.test(f.name))
		return seriesTableFromParquet(new Uint8Array(await f.arrayBuffer()), f.name);
	return seriesTableFromText(await f.text(), f.name);
}

export class SeriesImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: SeriesImportDeps;
	#files = $state.raw<File[]>([]);
	#columns = $state.raw<string[]>([]);
	#numeric = $state.raw<string[]>([]);
	#pickError = $state('');
	#running = $state(false);
	#result = $state.raw<MediaImportResult | undefined>(undefined);
	#timeColumn = $state('');
	#timeKind = $state<SeriesTimeChoice>('auto');
	#rate = $state(1);
	#window = $state(0);

	constructor(session: ProjectSession, me: AnnotatorId, deps: SeriesImportDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	/** The time column (unused with `index`). */
	get timeColumn(): string {
		return this.#timeColumn;
	}
	set timeColumn(c: string) {
		this.#timeColumn = c;
	}
	/** How the time column reads, or `index`: the row number over `rate`. */
	get timeKind(): SeriesTimeChoice {
		return this.#timeKind;
	}
	set timeKind(k: SeriesTimeChoice) {
		this.#timeKind = k;
	}
	/** Samples per second, for `index`; kept above 0. */
	get rate(): number {
		return this.#rate;
	}
	set rate(r: number) {
		if (r > 0) this.#rate = r;
	}
	/** Window length in the time axis's units (seconds for times); 0 keeps each file whole. */
	get window(): number {
		return this.#window;
	}
	set window(w: number) {
		this.#window = Number.isFinite(w) && w > 0 ? w : 0;
	}

	get files(): readonly File[] {
		return this.#files;
	}
	/** Columns of the first file, for the time column choice. */
	get columns(): readonly string[] {
		return this.#columns;
	}
	/** Numeric columns of the first file: the channels (time excluded when it is a column). */
	get channels(): readonly string[] {
		return this.timeKind === 'index'
			? this.#numeric
			: this.#numeric.filter((c) => c !== this.timeColumn);
	}
	get pickError(): string {
		return this.#pickError;
	}
	get running(): boolean {
		return this.#running;
	}
	get result(): MediaImportResult | undefined {
		return this.#result;
	}

	/** Adds files; the first one's columns preset the time column. */
	async add(files: readonly File[]): Promise<void> {
		this.#result = undefined;
		this.#pickError = '';
		const first = this.#files.length === 0 ? files[0] : undefined;
		if (first) {
			try {
				const t = await seriesFileTable(first);
				this.#columns = t.columns;
				this.#numeric = seriesNumericColumns(t);
				this.#timeColumn = seriesTimeColumnGuess(t) ?? '';
			} catch (e) {
				this.#pickError = `${e instanceof Error ? e.message : String(e)}. Choose a CSV, JSON or Parquet file with a header row.`;
				return;
			}
		}
		this.#files = [...this.#files, ...files];
	}

	clear(): void {
		this.#files = [];
		this.#columns = [];
		this.#numeric = [];
	}

	#spec(): SeriesTimeSpec {
		return this.#timeKind === 'index'
			? { kind: 'index', rate: this.#rate }
			: { kind: this.#timeKind, column: this.#timeColumn };
	}

	/** Imports the chosen files; resolves with the result (also kept in `result`). */
	async run(): Promise<MediaImportResult> {
		const now = this.#deps.now?.() ?? Date.now();
		const problems: MediaImportResult['problems'] = [];
		const blobs = new Map<string, StoredBlob>();
		const items: Item[] = [];
		let made = 0;
		this.#running = true;
		try {
			for (const f of this.#files) {
				try {
					const { series } = seriesFromTable(await seriesFileTable(f), {
						time: this.#spec(),
						file: f.name
					});
					const wins = this.#window > 0 ? seriesWindows(series, this.#window) : [series];
					for (const [w, win] of wins.entries()) {
						const bytes = seriesEncode(win);
						const sha256 = await sha256Hex(bytes);
						made++;
						if (blobs.has(sha256)) continue;
						const size = bytes.byteLength;
						blobs.set(sha256, {
							sha256,
							blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: SERIES_MIME }),
							mime: SERIES_MIME,
							size
						});
						const name = wins.length > 1 ? `${f.name} #${w + 1}` : f.name;
						const info = seriesInfoOf(win, wins.length > 1 ? w : undefined);
						items.push(seriesItem({ sha256, size, name, seq: now * 1000 + items.length, info }));
					}
				} catch (e) {
					problems.push({ file: f.name, reason: e instanceof Error ? e.message : String(e) });
				}
			}
			await this.#deps.blobs.putMany([...blobs.values()]);
			const added = this.#itemsAdd(items, now);
			this.#result = { added, duplicates: made - added, problems };
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

	#itemsAdd(items: readonly Item[], now: number): number {
		const store = this.#s.store;
		let added = 0;
		store.batch(() => {
			added = store.itemsAdd(items, ORIGIN.IMPORT);
			store.logAppend(
				{ at: now as EpochMs, who: this.#me, what: 'import', detail: `${added} time series` },
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		return added;
	}
}
