/**
 * Import of HTML documents (.html, .htm): one item per file, its id the hash of its markup, so the
 * same document imported twice is added once. The markup is kept as written and sanitized each
 * time it is shown (ui/tools/html/sanitize.ts). Files that are empty or not HTML are listed with
 * the reason and skipped; the items are added in one doc transaction.
 */
import { itemIdFromText } from '$lib/core/ids';
import type { AnnotatorId, EpochMs, Item } from '$lib/core/types';
import { ORIGIN } from '$lib/sync/project-store';
import type { ProjectSession } from '../project-session.svelte';
import type { MediaImportResult } from './media-job.svelte';

/** Documents larger than this are refused: the whole document is one item in the project doc. */
export const HTML_MAX_BYTES = 2_000_000;

export class HtmlImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#now: () => number;
	#running = $state(false);
	#result = $state.raw<MediaImportResult | undefined>(undefined);

	constructor(session: ProjectSession, me: AnnotatorId, now: () => number = Date.now) {
		this.#s = session;
		this.#me = me;
		this.#now = now;
	}

	get running(): boolean {
		return this.#running;
	}
	get result(): MediaImportResult | undefined {
		return this.#result;
	}

	/** Imports `files` at once; resolves with the result (also kept in `result`). */
	async run(files: readonly File[]): Promise<MediaImportResult> {
		const now = this.#now();
		const problems: MediaImportResult['problems'] = [];
		const items: Item[] = [];
		this.#running = true;
		try {
			for (const f of files) {
				if (f.size > HTML_MAX_BYTES) {
					problems.push({
						file: f.name,
						reason: 'larger than 2 MB; split it or save the page without scripts and inline data'
					});
					continue;
				}
				const text = await f.text();
				if (!text.trim()) problems.push({ file: f.name, reason: 'the file is empty' });
				else if (!/<[a-z!][^>]*>/i.test(text))
					problems.push({ file: f.name, reason: 'no HTML markup in it' });
				else
					items.push({
						id: itemIdFromText(text),
						kind: 'html',
						text,
						seq: now * 1000 + items.length,
						source: f.webkitRelativePath || f.name
					});
			}
			const store = this.#s.store;
			let added = 0;
			store.batch(() => {
				added = store.itemsAdd(items, ORIGIN.IMPORT);
				store.logAppend(
					{ at: now as EpochMs, who: this.#me, what: 'import', detail: `${added} HTML documents` },
					ORIGIN.IMPORT
				);
			}, ORIGIN.IMPORT);
			this.#result = { added, duplicates: items.length - added, problems };
		} finally {
			this.#running = false;
		}
		return this.#result;
	}
}
