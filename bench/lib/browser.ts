/**
 * Shared harness for the browser benchmark groups: serves the production build that
 * scripts/bench.mjs made of the current source (bench/lib/app-build.ts), launches Chromium, and
 * drives the real UI (create a project, import a CSV) as a user would.
 */
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

export async function welcomeAndCreate(page: Page, url: string, name: string): Promise<string> {
	await page.goto(url);
	await page.getByLabel('Your display name').fill('Bench');
	await page.getByRole('button', { name: 'Start labeling' }).click();
	await page
		.getByRole('button', { name: /New project|Create your first project/ })
		.first()
		.click();
	await page.getByLabel('Project name').fill(name);
	await page.getByRole('button', { name: 'Create project' }).click();
	await page.waitForURL(/\/p\/[0-9a-f]+\/import$/);
	return new URL(page.url()).pathname.split('/')[2] as string;
}

/** Imports a CSV through the UI; returns ms from clicking Import to "Import finished". */
export async function importCsv(page: Page, csv: string, textField = 'text'): Promise<number> {
	await page.getByLabel('Files to import', { exact: true }).setInputFiles({
		name: 'bench.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await page.getByLabel('Text to label comes from').selectOption(textField);
	const button = page.getByRole('button', { name: /^Import 1 file$/ });
	const t0 = Date.now();
	await button.click();
	await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 300_000 });
	return Date.now() - t0;
}

/** Raw IndexedDB: puts the same rows into a fresh store, 1,000 per transaction; returns ms. */
export async function rawIdbPutMs(page: Page, csv: string): Promise<number> {
	return page.evaluate(async (text) => {
		const rows = text
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
		const name = `bench-raw-${Math.random()}`;
		const db: IDBDatabase = await new Promise((resolve, reject) => {
			const req = indexedDB.open(name, 1);
			req.onupgradeneeded = () => req.result.createObjectStore('items', { keyPath: 'id' });
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const t0 = performance.now();
		for (let i = 0; i < rows.length; i += 1000) {
			await new Promise<void>((resolve, reject) => {
				const tx = db.transaction('items', 'readwrite');
				const store = tx.objectStore('items');
				for (const r of rows.slice(i, i + 1000)) store.put(r);
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
		}
		const ms = performance.now() - t0;
		db.close();
		indexedDB.deleteDatabase(name);
		return ms;
	}, csv);
}

export { percentile, round, scaled, type Figure, type Where } from './figures';
