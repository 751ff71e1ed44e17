/**
 * documents.series_1m_render_ms: a time series of 1,000,000 samples × 4 channels (imported through
 *   the app's time series importer as a sample index at 1 kHz) to its first frame: from the label
 *   page's navigation start to every channel's canvas holding drawn pixels (polled each animation
 *   frame, so up to one frame late), median of 3 loads; this includes the app's start, reading the
 *   16 MB sample blob from IndexedDB, decoding it, building the min/max pyramids and drawing.
 *   Reference: the same with 1,000 samples × 4 channels (the app's start and nothing big).
 * documents.series_zoom_p95_ms: one zoom step ('+' or '−' on the chart) at that size, p95 of 40
 *   steps: from the synthetic keydown to the redraw done (the drawing effect runs in Svelte's
 *   microtask flush, before the next task); each step is checked to change the visible range.
 *   Reference: the same steps on the 1,000-sample series.
 * Both run the built app in Chromium through its real UI.
 */
import type { Page } from 'playwright';
import {
	harnessStart,
	median,
	percentile,
	round,
	scaled,
	welcomeAndCreate,
	type Figure,
	type Where
} from '../lib/browser';

export const where: Where = 'browser';
export const needsApp = true;

/** `n` rows of 4 channels: slow sines, a fast one, noise and steps (seeded). */
function seriesCsv(n: number): Buffer {
	let x = 12345;
	const rnd = () => {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		return ((x >>> 0) % 10000) / 10000;
	};
	const lines = ['a,b,c,d'];
	for (let i = 0; i < n; i++)
		lines.push(
			`${Math.sin(i / 5000).toFixed(3)},${Math.sin(i / 37).toFixed(3)},${(rnd() - 0.5).toFixed(3)},${Math.floor(i / 100000)}`
		);
	return Buffer.from(lines.join('\n'));
}

/** A project with one series of `n` samples and a ranges task; returns its label page URL. */
async function seriesPage(page: Page, url: string, n: number): Promise<string> {
	await welcomeAndCreate(page, url, `Bench series ${n}`);
	await page
		.getByLabel('Time series files to import')
		.setInputFiles({ name: `series-${n}.csv`, mimeType: 'text/csv', buffer: seriesCsv(n) });
	await page.getByRole('combobox', { name: 'Time', exact: true }).selectOption('index');
	await page.getByLabel('Samples per second').fill('1000');
	await page.getByRole('button', { name: /^Import 1 time series file$/ }).click();
	const result = page.getByTestId('series-result');
	await result.waitFor({ timeout: 180_000 });
	if (!/\b1\b time series added/.test((await result.textContent()) ?? ''))
		throw new Error(`series of ${n} not imported: ${await result.textContent()}`);
	await page.goto(page.url().replace(/\/import$/, '/schema'));
	await page.getByLabel('Kind').selectOption({ label: 'Time series ranges and events' });
	await page.getByLabel('Name', { exact: true }).fill('Events');
	await page.getByRole('button', { name: 'Add task' }).click();
	return page.url().replace(/\/schema$/, '/label');
}

/** Navigation start to every channel canvas drawn, in ms (performance.now() at the first check that sees it). */
async function firstFrameMs(page: Page, labelUrl: string): Promise<number> {
	await page.goto(labelUrl);
	const ms = await page.waitForFunction(
		() => {
			const cs = [...document.querySelectorAll('[data-testid="series-chart"] canvas')];
			if (cs.length !== 4) return false;
			for (const c of cs as HTMLCanvasElement[]) {
				const g = c.getContext('2d');
				if (!g || c.width === 0) return false;
				const d = g.getImageData(0, 0, c.width, c.height).data;
				let seen = false;
				for (let i = 3; i < d.length && !seen; i += 4 * 7) seen = (d[i] as number) > 0;
				if (!seen) return false;
			}
			return performance.now();
		},
		undefined,
		{ polling: 'raf', timeout: 60_000 }
	);
	return (await ms.jsonValue()) as number;
}

/** Zoom steps by key on the chart: ms per step, each checked to change the visible range. */
async function zoomTimes(page: Page, steps: number): Promise<number[]> {
	await page.getByTestId('series-widget').focus();
	return page.evaluate(async (steps) => {
		const el = document.querySelector('[data-testid="series-widget"]') as HTMLElement;
		// (No named helpers in here: tsx would wrap them in a __name() the page lacks.)
		const slider = document.querySelector('[aria-label="Visible range"]') as HTMLElement;
		const out: number[] = [];
		for (let i = 0; i < steps; i++) {
			const key = Math.floor(i / 6) % 2 === 0 ? '+' : '-';
			const before = slider.getAttribute('aria-valuetext');
			const t0 = performance.now();
			el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
			await Promise.resolve();
			await Promise.resolve();
			out.push(performance.now() - t0);
			await new Promise((r) => setTimeout(r, 20));
			if (slider.getAttribute('aria-valuetext') === before)
				throw new Error(`zoom step ${i} (${key}) did not change the range`);
		}
		return out;
	}, steps);
}

export async function run(): Promise<Record<string, Figure>> {
	const big = scaled(1_000_000, 10_000);
	const small = 1_000;
	const h = await harnessStart();
	try {
		const fresh = async () =>
			(await h.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
		const pb = await fresh();
		const urlBig = await seriesPage(pb, h.url, big);
		const renderBig: number[] = [];
		for (let i = 0; i < 3; i++) renderBig.push(await firstFrameMs(pb, urlBig));
		const zoomBig = percentile(await zoomTimes(pb, 40), 95);
		const ps = await fresh();
		const urlSmall = await seriesPage(ps, h.url, small);
		const renderSmall: number[] = [];
		for (let i = 0; i < 3; i++) renderSmall.push(await firstFrameMs(ps, urlSmall));
		const zoomSmall = percentile(await zoomTimes(ps, 40), 95);
		return {
			series_1m_render_ms: {
				value: round(median(renderBig)),
				unit: 'ms',
				reference: round(median(renderSmall)),
				note: `${big.toLocaleString('en')} samples × 4 channels to the first frame: the label page's navigation start to every channel's canvas drawn (polled each animation frame), median of 3 loads; includes the app's start, reading the sample blob from IndexedDB, decoding, the min/max pyramids and drawing; reference: the same with ${small.toLocaleString('en')} samples × 4 channels.`
			},
			series_zoom_p95_ms: {
				value: round(zoomBig, 2),
				unit: 'ms',
				reference: round(zoomSmall, 2),
				note: `one zoom step ('+' or '−', synthetic keydown on the chart) to the 4 canvases redrawn (Svelte's microtask flush) at ${big.toLocaleString('en')} samples × 4 channels, p95 of 40 steps, each checked to change the visible range; reference: the same on ${small.toLocaleString('en')} samples × 4 channels.`
			}
		};
	} finally {
		await h.close();
	}
}
