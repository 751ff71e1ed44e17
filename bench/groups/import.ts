/** import.rows_100k_ms: 100k CSV rows through the real import UI, vs raw IndexedDB puts. */
import {
	csvRows,
	harnessStart,
	importCsv,
	rawIdbPutMs,
	round,
	welcomeAndCreate,
	type Figure
} from '../lib/browser';
import { importRobustRun } from '../lib/import-robust';
import { nearDupRun } from '../lib/near-dup';
import { imageNearDupRun } from '../lib/image-near-dup';

export async function run(): Promise<Record<string, Figure>> {
	// Node-side figures first, before the browser competes for the CPU.
	const robust = await runRobust();
	const images = imageNearDupRun();
	const h = await harnessStart();
	try {
		const page = await h.browser.newPage();
		const csv = csvRows(100_000);
		await welcomeAndCreate(page, h.url, 'Bench import');
		const ours = await importCsv(page, csv);
		const raw = await rawIdbPutMs(page, csv);
		return {
			...robust,
			...images,
			...(await nearDupRun()),
			rows_100k_ms: {
				value: ours,
				unit: 'ms',
				reference: round(raw, 0),
				ratio: round(raw / ours, 2)
			}
		};
	} finally {
		await h.close();
	}
}

/** Node-side figures (COCO import, fuzz throughput and CI fuzz cases): bench/lib/import-robust.ts. */
async function runRobust(): Promise<Record<string, Figure>> {
	return importRobustRun();
}
