/**
 * open.first_item_100k_ms: a page load of a 100k-item project that carries 300k annotations by 30
 *   annotators (3 per item, 5 labels), as the budget says (open to the first labelable item
 *   ≤ 2 s), to the first item's text in the DOM. The project is made through the UI: a Label
 *   Studio export of that size is imported on the Import page, and the bench checks that the app
 *   reports 100k items and 300k annotations added. Timed in the page: performance.now() (from the
 *   navigation's start) when a MutationObserver first sees the item text; median of 3 loads.
 *   Reference: the same load of the same route in a project of the same shape 1,000 times smaller
 *   (100 items, 300 annotations), alternating with the big one: what the data's size adds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright';
import { rngFrom, rngInt } from '../../src/lib/core/quality/rng';
import {
	csvRows,
	harnessStart,
	median,
	round,
	scaled,
	welcomeAndCreate,
	type Figure,
	type Where
} from '../lib/browser';
import { labelStudioExport, labelStudioImport, type LabeledText } from '../lib/label-studio';

export const where: Where = 'browser';
export const needsApp = true;

const ANNOTATORS = 30;
const PER_ITEM = 3;
const LABELS = ['a', 'b', 'c', 'd', 'e'];

/** `items` texts, each labeled by PER_ITEM distinct annotators of ANNOTATORS. */
function labeledTexts(items: number, seed: number): LabeledText[] {
	const rng = rngFrom(seed);
	return csvRows(items, seed)
		.trimEnd()
		.split('\n')
		.slice(1)
		.map((l) => {
			const who = new Set<number>();
			while (who.size < PER_ITEM) who.add(1 + rngInt(rng, ANNOTATORS));
			return {
				text: l.slice(l.indexOf(',') + 1, l.lastIndexOf(',')),
				labels: [...who].map((w) => ({
					who: w,
					choice: LABELS[rngInt(rng, LABELS.length)] as string
				}))
			};
		});
}

/** Records, in every page of the context, when the first item's text is in the DOM. */
const FIRST_ITEM = `(() => {
	const observer = new MutationObserver(() => {
		const el = document.querySelector('[data-testid="item-text"]');
		if (!el || !el.textContent) return;
		window.__benchFirstItem = performance.now();
		observer.disconnect();
	});
	observer.observe(document, { subtree: true, childList: true, characterData: true });
})()`;

/** A fresh page load of the project's Label page; ms from navigation start to its first item. */
async function openMs(context: BrowserContext, url: string): Promise<number> {
	const p = await context.newPage();
	await p.goto(url);
	await p.getByTestId('item-text').waitFor({ timeout: 60_000 });
	const ms = (await p.evaluate('window.__benchFirstItem')) as number;
	await p.close();
	return ms;
}

/** Makes a project from a Label Studio export of `items` items; returns its Label page URL. */
async function projectMake(
	context: BrowserContext,
	base: string,
	dir: string,
	items: number
): Promise<{ url: string; added: number; annotations: number }> {
	const name = `bench-open-${items}.json`;
	const path = join(dir, name);
	writeFileSync(path, labelStudioExport(labeledTexts(items, 11)));
	const page = await context.newPage();
	const id = await welcomeAndCreate(page, base, `Bench open ${items}`, LABELS.join(', '));
	const r = await labelStudioImport(page, path);
	if (r.added !== items || r.annotations !== items * PER_ITEM)
		throw new Error(
			`imported ${r.added} items and ${r.annotations} annotations, want ${items} and ${items * PER_ITEM}`
		);
	// Leave the project: the measured loads must not find it open in another tab.
	await page.close();
	rmSync(path);
	return { url: `${base}/p/${id}/label`, ...r };
}

export async function run(): Promise<Record<string, Figure>> {
	const items = scaled(100_000, 2000);
	const small = Math.max(10, Math.round(items / 1000));
	const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-open-'));
	const h = await harnessStart();
	try {
		const context = await h.browser.newContext();
		await context.addInitScript(FIRST_ITEM);
		const big = await projectMake(context, h.url, dir, items);
		const little = await projectMake(context, h.url, dir, small);
		const times: number[] = [];
		const ref: number[] = [];
		for (let i = 0; i < 3; i++) {
			times.push(await openMs(context, big.url));
			ref.push(await openMs(context, little.url));
		}
		return {
			first_item_100k_ms: {
				value: round(median(times), 0),
				unit: 'ms',
				reference: round(median(ref), 0),
				note: `a page load of the Label page of a project of ${big.added.toLocaleString('en')} items with ${big.annotations.toLocaleString('en')} annotations by ${ANNOTATORS} annotators (imported through the UI from a Label Studio export, counts checked), from navigation start to a MutationObserver seeing the first item's text, median of 3 (${times.map((t) => round(t, 0)).join(', ')} ms); budget 2,000 ms. Reference: the same load of a project of the same shape with ${little.added} items and ${little.annotations} annotations, alternating (${ref.map((t) => round(t, 0)).join(', ')} ms).`
			}
		};
	} finally {
		await h.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
