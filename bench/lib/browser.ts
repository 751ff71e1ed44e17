/**
 * Shared harness for the browser benchmark groups: serves the production build that
 * scripts/bench.mjs made of the current source (bench/lib/app-build.ts), launches Chromium, and
 * drives the real UI (create a project, import a CSV) as a user would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { rngFrom } from '../../src/lib/core/quality/rng';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { serveStart } from '../../scripts/serve.mjs';
import { appDir } from './app-build';

export interface Harness {
	browser: Browser;
	url: string;
	close(): Promise<void>;
}

export async function harnessStart(): Promise<Harness> {
	const server = await serveStart({ root: appDir(), port: 0 });
	const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
	return {
		browser,
		url: server.url,
		close: async () => {
			await browser.close();
			server.server.closeAllConnections();
			await server.close();
		}
	};
}

const WORDS =
	'the a product arrived quickly works great broken battery screen price value support refund box quality sound light heavy small large fast slow easy hard love hate okay fine cheap expensive color size fits returned again never always recommend friend gift daily'.split(
		' '
	);

/** `n` CSV rows `id,text,source` with ~200-byte texts, unique and deterministic. */
export function csvRows(n: number, seed = 7): string {
	const r = rngFrom(seed);
	const lines = ['id,text,source'];
	for (let i = 0; i < n; i++) {
		let text = `#${i}`;
		while (text.length < 190) text += ' ' + WORDS[Math.floor(r() * WORDS.length)];
		lines.push(`${i},${text},bench`);
	}
	return lines.join('\n') + '\n';
}

/**
 * Opens the app (its welcome form the first time in a profile) and creates a project, with
 * `labels` (comma-separated) for its classification task when given; returns the project id.
 */
export async function welcomeAndCreate(
	page: Page,
	url: string,
	name: string,
	labels?: string
): Promise<string> {
	await page.goto(url);
	const create = page
		.getByRole('button', { name: /New project|Create your first project/ })
		.first();
	const welcome = page.getByLabel('Your display name');
	// The welcome form shows once per browser profile.
	await welcome.or(create).first().waitFor();
	if (await welcome.isVisible()) {
		await welcome.fill('Bench');
		await page.getByRole('button', { name: 'Start labeling' }).click();
	}
	await create.click();
	await page.getByLabel('Project name').fill(name);
	if (labels) await page.getByLabel('Labels', { exact: true }).fill(labels);
	await page.getByRole('button', { name: 'Create project' }).click();
	await page.waitForURL(/\/p\/[0-9a-f]+\/import$/);
	return new URL(page.url()).pathname.split('/')[2] as string;
}

/**
 * Imports a CSV through the UI; returns ms from clicking Import to "Import finished" (the app has
 * then stored the items in IndexedDB).
 */
export async function importCsv(page: Page, csv: string, textField = 'text'): Promise<number> {
	// From a file: a 20 MB buffer sent through the browser protocol times out on a busy machine.
	// The browser reads the file while importing, so it stays until the import is done.
	const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-csv-'));
	const path = join(dir, 'bench.csv');
	writeFileSync(path, csv);
	try {
		await page.getByLabel('Files to import', { exact: true }).setInputFiles(path);
		await page.getByLabel('Text to label comes from').selectOption(textField);
		const button = page.getByRole('button', { name: /^Import 1 file$/ });
		const t0 = Date.now();
		await button.click();
		const done = page.getByRole('heading', { name: /^Import (finished|stopped|cancelled)$/ });
		await done.waitFor({ timeout: 600_000 });
		const ms = Date.now() - t0;
		const how = await done.textContent();
		if (how !== 'Import finished')
			throw new Error(`${how}: ${await page.getByRole('alert').allTextContents()}`);
		return ms;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The "N items added" count of the finished import on the Import page. */
export async function importAdded(page: Page): Promise<number> {
	const status = page.getByRole('status').filter({ hasText: 'items added' });
	const m = /([\d,]+)\s+items added/.exec((await status.textContent()) ?? '');
	return Number((m?.[1] ?? 'NaN').replace(/,/g, ''));
}

/**
 * The reference for an import: the same CSV text read from a Blob, split into the same rows
 * (id, text, meta) and put into a fresh IndexedDB store of this origin in one readwrite
 * transaction, the standard bulk write (Dexie's bulkPut does the same). Returns ms from reading the
 * text to the transaction's complete event, and how many rows the store then holds.
 */
export async function idbBulkPutMs(page: Page, csv: string): Promise<{ ms: number; rows: number }> {
	return page.evaluate(async (text) => {
		const name = `bench-bulk-${Math.random()}`;
		const db: IDBDatabase = await new Promise((resolve, reject) => {
			const req = indexedDB.open(name, 1);
			req.onupgradeneeded = () => req.result.createObjectStore('items', { keyPath: 'id' });
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const blob = new Blob([text], { type: 'text/csv' });
		const t0 = performance.now();
		const rows = (await blob.text())
			.split('\n')
			.slice(1)
			.filter(Boolean)
			.map((line) => {
				const a = line.indexOf(',');
				const b = line.lastIndexOf(',');
				return {
					id: line.slice(0, a),
					text: line.slice(a + 1, b),
					meta: { source: line.slice(b + 1) }
				};
			});
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction('items', 'readwrite');
			const store = tx.objectStore('items');
			for (const r of rows) store.put(r);
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
			tx.commit();
		});
		const ms = performance.now() - t0;
		const stored: number = await new Promise((resolve, reject) => {
			const req = db.transaction('items').objectStore('items').count();
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		db.close();
		indexedDB.deleteDatabase(name);
		return { ms, rows: stored };
	}, csv);
}

export { median, percentile, round, scaled, type Figure, type Where } from './figures';
