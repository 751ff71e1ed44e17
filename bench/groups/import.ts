/**
 * import.rows_100k_ms: 100k CSV rows (~200-byte texts) through the real import UI, from clicking
 *   Import to "Import finished" (parsed, hashed into items, written to IndexedDB and flushed).
 *   Reference: the same rows, in the same page and origin, read from a Blob, split and put into
 *   IndexedDB in one readwrite transaction (the standard bulk write). Checked: the app reports
 *   every row added, and the reference's store holds every row.
 * The node figures (COCO, fuzzing, near-duplicates) are described in their bench/lib modules.
 */
import {
	csvRows,
	harnessStart,
	idbBulkPutMs,
	importAdded,
	importCsv,
	round,
	scaled,
	welcomeAndCreate,
	type Figure,
	type Where
} from '../lib/browser';
import { importRobustRun } from '../lib/import-robust';
import { nearDupRun } from '../lib/near-dup';
import { imageNearDupRun } from '../lib/image-near-dup';

export const where: Where = 'node';
export const needsApp = true;

export async function run(): Promise<Record<string, Figure>> {
	// Node-side figures first, before the browser competes for the CPU.
	const robust = await importRobustRun();
	const images = imageNearDupRun();
	const nearDups = await nearDupRun();
	const rows = scaled(100_000, 2000);
	const h = await harnessStart();
	try {
		const page = await h.browser.newPage();
		const csv = csvRows(rows);
		await welcomeAndCreate(page, h.url, 'Bench import');
		const ours = await importCsv(page, csv);
		const added = await importAdded(page);
		if (added !== rows) throw new Error(`imported ${rows} rows, the app says ${added} added`);
		const bulk = await idbBulkPutMs(page, csv);
		if (bulk.rows !== rows) throw new Error(`the reference stored ${bulk.rows} of ${rows} rows`);
		return {
			...robust,
			...images,
			...nearDups,
			rows_100k_ms: {
				where: 'browser',
				value: ours,
				unit: 'ms',
				reference: round(bulk.ms, 0),
				note: `${rows.toLocaleString('en')} CSV rows (~200-byte texts) from clicking Import to "Import finished" (parsed, hashed into items, one Yjs transaction written to IndexedDB and flushed); the app reported ${added.toLocaleString('en')} added. Reference: the same rows in the same page, read from a Blob, split and put into IndexedDB in one readwrite transaction (one put per row, as Dexie's bulkPut does); ${bulk.rows.toLocaleString('en')} rows stored.`
			}
		};
	} finally {
		await h.close();
	}
}
