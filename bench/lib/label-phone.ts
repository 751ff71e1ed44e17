/**
 * The label group's phone figures, in the annotator screen on a 375×667 touch page with the CPU
 * throttled 4× (CDP Emulation.setCPUThrottlingRate):
 * - phone_tap_to_next_p95_ms: a tap on a label (saved, next item) to the frame after the next
 *   item's text is in the DOM (a MutationObserver sees it, then a requestAnimationFrame and a
 *   message posted from it: the frame that shows it has been produced). Start: the touchstart's
 *   timeStamp. Reference: a tap on Next, the same navigation with no write; the two alternate.
 *   Checked: every tap shows another item, and the done count grew by exactly the label taps.
 * - phone_item_share: the share of the viewport's height the item's area gets in the annotator
 *   screen; reference: the same share in the full project view (from the item's top to the label
 *   bar that sticks to the bottom), same page, same item.
 */
import type { Browser, Page } from 'playwright';
import { csvRows, importCsv, percentile, round, welcomeAndCreate, type Figure } from './browser';

const TAPS = 40;

/** Arms one tap (a string: tsx would wrap named inner functions in a helper the page lacks). */
const ARM = `(() => {
	const text = () => document.querySelector('[data-testid="item-text"]')?.textContent ?? '';
	const before = text();
	const s = { before, t0: -1, t1: -1, after: '' };
	window.__benchTap = s;
	s.done = new Promise((resolve) => {
		window.addEventListener('touchstart', (e) => { s.t0 = e.timeStamp; }, { capture: true, once: true });
		const observer = new MutationObserver(() => {
			const now = text();
			if (now === before || now === '') return;
			observer.disconnect();
			s.after = now;
			requestAnimationFrame(() => {
				const ch = new MessageChannel();
				ch.port1.onmessage = () => { s.t1 = performance.now(); resolve(); };
				ch.port2.postMessage(0);
			});
		});
		observer.observe(document.body, { subtree: true, childList: true, characterData: true });
	});
})()`;

const WAIT = `(async () => {
	const s = window.__benchTap;
	await Promise.race([s.done, new Promise((r) => setTimeout(r, 20000))]);
	return { t0: s.t0, t1: s.t1, before: s.before, after: s.after };
})()`;

async function tapMs(page: Page, name: string): Promise<number> {
	await page.evaluate(ARM);
	await page.getByRole('button', { name, exact: true }).tap();
	const r = (await page.evaluate(WAIT)) as { t0: number; t1: number };
	if (r.t1 < 0 || r.t0 < 0) throw new Error(`no next item within 20 s of a tap on ${name}`);
	return r.t1 - r.t0;
}

const doneCount = async (page: Page): Promise<number> =>
	Number(((await page.getByTestId('done-count').textContent()) ?? '').replace(/\D/g, ''));

export async function labelPhoneFigures(
	browser: Browser,
	url: string
): Promise<Record<string, Figure>> {
	const context = await browser.newContext({
		viewport: { width: 375, height: 667 },
		hasTouch: true,
		isMobile: true
	});
	try {
		const page = await context.newPage();
		const id = await welcomeAndCreate(page, url, 'Bench phone', 'positive, negative, neutral');
		const items = 2 * TAPS + 20;
		await importCsv(page, csvRows(items, 11));
		await page.goto(`${url}/p/${id}/label`);
		await page.getByTestId('item-text').waitFor();
		// The full view's room for the item: from its top to the label bar stuck to the bottom.
		const fullShare = await page.evaluate(() => {
			const item = document.querySelector('[data-testid="item-text"]')?.closest('article');
			const bar = document.querySelector('.controls');
			if (!item || !bar) return NaN;
			const top = Math.max(0, item.getBoundingClientRect().top);
			return (
				Math.max(0, Math.min(bar.getBoundingClientRect().top, innerHeight) - top) / innerHeight
			);
		});
		await page.getByRole('button', { name: 'Annotator mode' }).tap();
		const stage = page.getByTestId('annotator-item');
		await stage.waitFor();
		const share = await stage.evaluate((el) => {
			const r = el.getBoundingClientRect();
			return (Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) / innerHeight;
		});

		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		const done0 = await doneCount(page);
		for (let i = 0; i < 3; i++) {
			await tapMs(page, 'positive');
			await tapMs(page, 'Next');
		}
		const label: number[] = [];
		const next: number[] = [];
		for (let i = 0; i < TAPS; i++) {
			label.push(await tapMs(page, 'positive'));
			next.push(await tapMs(page, 'Next'));
		}
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		const written = (await doneCount(page)) - done0;
		if (written !== TAPS + 3)
			throw new Error(`${TAPS + 3} label taps, but the done count grew by ${written}`);
		return {
			phone_tap_to_next_p95_ms: {
				value: round(percentile(label, 95)),
				unit: 'ms',
				reference: round(percentile(next, 95)),
				note: `Annotator screen, 375×667 touch page, CPU throttled 4×, ${items} items; a tap on a label (saved, next item) from the touchstart's timeStamp to the frame after the next item's text is in the DOM; reference: a tap on Next (the same navigation, no write), alternating; p95 of ${TAPS} each (medians ${round(percentile(label, 50))} and ${round(percentile(next, 50))} ms); the done count grew by the ${written} label taps.`
			},
			phone_item_share: {
				value: round(share, 3),
				unit: 'ratio',
				reference: round(fullShare, 3),
				note: "Share of a 375×667 viewport's height that the item's area gets in the annotator screen; reference: the room the full project view leaves the item at the same size, from the item's top to the label bar stuck to the bottom."
			}
		};
	} finally {
		await context.close();
	}
}
