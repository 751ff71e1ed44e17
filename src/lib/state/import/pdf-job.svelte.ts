/**
 * Import of PDF files: one item per document or one per page, chosen before the import. Each
 * file is opened with pdf.js (lazily loaded) to count its pages and to refuse damaged or
 * password-protected files with the reason; the bytes are stored as one content-addressed blob
 * (never in the project doc), all blobs in one IndexedDB transaction before the items are added
 * in one doc transaction, so nothing is ever half-imported.
 */
import { sha256Hex } from '$lib/core/ids';
import { PDF_MIME, pdfItems, pdfLooksLike } from '$lib/core/pdf/pdf-item';
import type { AnnotatorId, EpochMs, Item } from '$lib/core/types';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { ORIGIN } from '$lib/sync/project-store';
import type { ProjectSession } from '../project-session.svelte';
import { pdfErrorReason, pdfOpen } from '../pdf/pdfjs';
import type { MediaImportResult } from './media-job.svelte';

/** Files above this are refused: every device that labels the item keeps a copy. */
export const PDF_MAX_BYTES = 200_000_000;

export interface PdfImportDeps {
	blobs: Pick<BlobsRepo, 'putMany'>;
	/** The page count of PDF bytes; throws pdf.js's errors (the default opens them with pdf.js). */
	pages?(bytes: Uint8Array): Promise<number>;
	now?(): number;
}

async function pdfPages(bytes: Uint8Array): Promise<number> {
	const doc = await pdfOpen(bytes.slice());
	try {
		return doc.numPages;
	} finally {
		void doc.destroy();
	}
}

export class PdfImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: PdfImportDeps;
	#per = $state<'document' | 'page'>('document');
	#running = $state(false);
	#result = $state.raw<MediaImportResult | undefined>(undefined);

	constructor(session: ProjectSession, me: AnnotatorId, deps: PdfImportDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	/** One item per document, or one per page. */
	get per(): 'document' | 'page' {
		return this.#per;
	}
	set per(p: 'document' | 'page') {
		this.#per = p;
	}
	get running(): boolean {
		return this.#running;
	}
	get result(): MediaImportResult | undefined {
		return this.#result;
	}

	/** Imports `files` (non-PDF files are listed and skipped); resolves with the result. */
	async run(files: readonly File[]): Promise<MediaImportResult> {
		const now = this.#deps.now?.() ?? Date.now();
		const problems: MediaImportResult['problems'] = [];
		const blobs = new Map<string, StoredBlob>();
		const items: Item[] = [];
		let made = 0;
		this.#running = true;
		this.#result = undefined;
		try {
			for (const f of files) {
				const reason = await this.#read(f, now, blobs, items);
				if (typeof reason === 'string') problems.push({ file: f.name, reason });
				else made += reason;
			}
			await this.#deps.blobs.putMany([...blobs.values()]);
			const added = this.#itemsAdd(items, now);
			this.#result = { added, duplicates: made - added, problems };
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

	/** Reads one file into `blobs` and `items`: the number of items made, or why it was skipped. */
	async #read(
		f: File,
		now: number,
		blobs: Map<string, StoredBlob>,
		items: Item[]
	): Promise<number | string> {
		if (f.size === 0) return 'the file is empty';
		if (f.size > PDF_MAX_BYTES) return 'larger than 200 MB; split it into smaller PDFs';
		const bytes = new Uint8Array(await f.arrayBuffer());
		if (!pdfLooksLike(bytes)) return 'not a PDF (it does not start with %PDF-)';
		let pages: number;
		try {
			pages = await (this.#deps.pages ?? pdfPages)(bytes);
		} catch (e) {
			return `cannot be imported: ${pdfErrorReason(e)}`;
		}
		if (!(pages >= 1)) return 'the PDF has no pages';
		const sha256 = await sha256Hex(bytes);
		const name = f.webkitRelativePath || f.name;
		blobs.set(sha256, {
			sha256,
			blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: PDF_MIME }),
			mime: PDF_MIME,
			size: bytes.byteLength
		});
		const made = pdfItems({
			sha256,
			size: bytes.byteLength,
			name,
			pages,
			per: this.#per,
			seq: now * 1000 + items.length
		});
		items.push(...made);
		return made.length;
	}

	#itemsAdd(items: readonly Item[], now: number): number {
		const store = this.#s.store;
		let added = 0;
		store.batch(() => {
			added = store.itemsAdd(items, ORIGIN.IMPORT);
			store.logAppend(
				{
					at: now as EpochMs,
					who: this.#me,
					what: 'import',
					detail: `${added} PDF ${this.#per === 'page' ? 'pages' : 'documents'}`
				},
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		return added;
	}
}
