/**
 * label.next_item_p95_ms: on a 100k-item project, a label hotkey ('1', which saves the label and
 *   moves on) to the DOM showing the next item's text, p95 of 100. Reference: the same navigation
 *   with no write (ArrowRight, the next item), p95 of 100, the two alternating.
 *   Each press is a real key press (Playwright's keyboard, a trusted event). In the page, the
 *   start is the keydown's timeStamp and the end is performance.now() in the MutationObserver
 *   callback that first sees a different item text: the DOM changed, not a frame painted.
 *   Checked: every press shows a different item, and the done count grew by exactly the hotkeys.
 * label.first_load_js_gzip_kib: JS fetched by the first page load, gzip-compressed; reference:
 *   the same JS uncompressed.
 * label.phone_tap_to_next_p95_ms and label.phone_item_share: the annotator screen on a throttled
 *   phone-sized page (bench/lib/label-phone.ts).
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright';
import {
	csvRows,
	harnessStart,
	importCsv,
	percentile,
	round,
	scaled,
	welcomeAndCreate,
	type Figure,
	type Where
} from '../lib/browser';
import { labelPhoneFigures } from '../lib/label-phone';

export const where: Where = 'browser';
export const needsApp = true;

const PRESSES = 100;

/**
 * Arms the page for one press: the keydown's timeStamp, and the time a MutationObserver first sees
 * an item text other than the current one. A string, not a function: tsx would wrap named inner
 * functions in a helper the page lacks.
 */
const ARM = `(() => {
	const text = () => document.querySelector('[data-testid="item-text"]')?.textContent ?? '';
	const before = text();
	const state = { before, t0: -1, t1: -1, after: '' };
	window.__benchNav = state;
	state.done = new Promise((resolve) => {
		const onKey = (e) => {
			state.t0 = e.timeStamp;
			state.heard = performance.now();
		};
		window.addEventListener('keydown', onKey, { capture: true, once: true });
		const observer = new MutationObserver(() => {
			const now = text();
			if (now === before || now === '') return;
			state.t1 = performance.now();
			state.after = now;
			observer.disconnect();
			resolve();
		});
		observer.observe(document.body, { subtree: true, childList: true, characterData: true });
	});
})()`;

const WAIT = `(async () => {
	const s = window.__benchNav;
	await Promise.race([s.done, new Promise((r) => setTimeout(r, 10000))]);
	return { t0: s.t0, heard: s.heard, t1: s.t1, before: s.before, after: s.after };
})()`;

async function pressMs(page: Page, key: string): Promise<number> {
	await page.evaluate(ARM);
	await page.keyboard.press(key);
	const r = (await page.evaluate(WAIT)) as {
		t0: number;
		heard: number;
		t1: number;
		before: string;
		after: string;
	};
	if (r.t1 < 0) throw new Error(`the item did not change within 10 s after ${key}`);
	// A trusted event's timeStamp is when the input arrived; fall back to the first listener's time
	// if a browser gives none.
	const t0 = r.t0 > 0 && r.t0 <= r.heard ? r.t0 : r.heard;
	return r.t1 - t0;
}

const doneCount = async (page: Page): Promise<number> =>
	Number(((await page.getByTestId('done-count').textContent()) ?? '').replace(/\D/g, ''));

export async function run(): Promise<Record<string, Figure>> {
	const items = scaled(100_000, 1000);
	const h = await harnessStart();
	try {
		// First load: a fresh profile opening the app's root, as a new user does.
		const fresh = await h.browser.newContext({ serviceWorkers: 'block' });
		const first = await fresh.newPage();
		const bodies: Promise<Buffer>[] = [];
		first.on('response', (r) => {
			if (r.request().resourceType() === 'script') bodies.push(r.body());
		});
		await first.goto(h.url, { waitUntil: 'networkidle' });
		const js = await Promise.all(bodies);
		const gzipBytes = js.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
		const rawBytes = js.reduce((n, b) => n + b.length, 0);
		await fresh.close();

		const context = await h.browser.newContext();
		const page = await context.newPage();
		const id = await welcomeAndCreate(page, h.url, 'Bench label', 'positive, negative, neutral');
		await importCsv(page, csvRows(items));
		await page.goto(`${h.url}/p/${id}/label`);
		await page.getByTestId('item-text').waitFor();
		const done0 = await doneCount(page);
		// Warm-up: the first presses of each kind compile their code paths.
		for (let i = 0; i < 5; i++) {
			await pressMs(page, '1');
			await pressMs(page, 'ArrowRight');
		}
		const hotkey: number[] = [];
		const reference: number[] = [];
		for (let i = 0; i < PRESSES; i++) {
			hotkey.push(await pressMs(page, '1'));
			reference.push(await pressMs(page, 'ArrowRight'));
		}
		const written = (await doneCount(page)) - done0;
		if (written !== PRESSES + 5)
			throw new Error(`${PRESSES + 5} labels by hotkey, but the done count grew by ${written}`);
		const p95 = percentile(hotkey, 95);
		const p95ref = percentile(reference, 95);
		const phone = await labelPhoneFigures(h.browser, h.url);
		return {
			...phone,
			next_item_p95_ms: {
				value: round(p95),
				unit: 'ms',
				reference: round(p95ref),
				note: `${items.toLocaleString('en')} items; hotkey '1' (label saved, next item) to the DOM showing the next item, from the keydown's timeStamp to a MutationObserver seeing the new text; reference: ArrowRight, the same navigation with no write, alternating with the hotkey; p95 of ${PRESSES} each (medians ${round(percentile(hotkey, 50))} and ${round(percentile(reference, 50))} ms); the done count grew by the ${written} hotkeys pressed.`
			},
			first_load_js_gzip_kib: {
				value: round(gzipBytes / 1024),
				unit: 'KiB',
				reference: round(rawBytes / 1024),
				note: 'scripts fetched by the first load of the app root in a fresh profile, gzip -9; reference: the same scripts uncompressed.'
			}
		};
	} finally {
		await h.close();
	}
}
