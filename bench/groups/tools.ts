/**
 * tools.boxes_300_drag_p95_ms: work per pointer move while dragging one box on an image with 300
 *   boxes (event → state → DOM updated and laid out), p95; reference: the same drag with 1 box.
 * tools.span_100kb_label_ms: a label hotkey to the new span laid out in a 100 KB document (median
 *   of 20), the worse of two layouts: ~600-character paragraphs, and the whole 100 KB as a single
 *   paragraph; reference: the same in a 1 KB document. Both layouts are also reported alone:
 * tools.span_100kb_paragraphs_label_ms and tools.span_100kb_one_paragraph_label_ms.
 * tools.video_seek_ms: a seek key (Home, End, Shift+arrows) in the video tool to the frame shown
 *   ('seeked'), on a 1-minute WebM recorded in the page (median of 30); reference: the same
 *   seeks on a bare <video> element playing the same blob, measured after the tool has been quiet
 *   for 5 s (so its background frame-rate probe cannot slow the reference).
 * All run the built app in Chromium through its real UI. Paint is not included: headless
 * Chromium paints on its own clock, so rAF timings would measure vsync, not our work.
 */
import type { Page } from 'playwright';
import {
	csvRows,
	harnessStart,
	importCsv,
	percentile,
	round,
	welcomeAndCreate,
	type Figure
} from '../lib/browser';

async function taskAdd(page: Page, kind: string, name: string, labels: string[]): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Project' })
		.getByRole('link', { name: 'Labels', exact: true })
		.click();
	await page.getByLabel('Kind').selectOption({ label: kind });
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Add task' }).click();
	const section = page.getByRole('region', { name: new RegExp(`^${name}`) });
	for (const l of labels) {
		await section.getByLabel(`${name}: new label name`).fill(l);
		await section.getByRole('button', { name: 'Add label' }).click();
	}
}

async function png(page: Page): Promise<Buffer> {
	const bytes = await page.evaluate(async () => {
		const c = new OffscreenCanvas(1280, 960);
		const g = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
		g.fillStyle = '#9ecbff';
		g.fillRect(0, 0, 1280, 960);
		const blob = await c.convertToBlob({ type: 'image/png' });
		return [...new Uint8Array(await blob.arrayBuffer())];
	});
	return Buffer.from(bytes);
}

/** A project with one image and `n` boxes drawn with the mouse; returns the page on the label view. */
async function boxesPage(page: Page, url: string, n: number): Promise<void> {
	await welcomeAndCreate(page, url, `Bench boxes ${n}`);
	await page.getByLabel('Media to import', { exact: true }).setInputFiles({
		name: 'bench.png',
		mimeType: 'image/png',
		buffer: await png(page)
	});
	await page.getByRole('button', { name: /^Import 1 media file$/ }).click();
	await page.getByTestId('media-result').waitFor();
	await taskAdd(page, 'Bounding boxes', 'Objects', ['car']);
	await page
		.getByRole('navigation', { name: 'Project' })
		.getByRole('link', { name: 'Label', exact: true })
		.click();
	const img = page.locator('[data-testid="image-stage"] image');
	await img.waitFor();
	const cols = 20;
	const rows = Math.ceil(n / cols);
	for (let i = 0; i < n; i++) {
		// Re-read the image's place each time: the page may scroll as the region list grows.
		await img.scrollIntoViewIfNeeded();
		const r = await img.boundingBox();
		if (!r) throw new Error('no image');
		const cw = r.width / cols;
		const ch = r.height / Math.max(rows, 15);
		const x = r.x + (i % cols) * cw + cw * 0.15;
		const y = r.y + Math.floor(i / cols) * ch + ch * 0.15;
		await page.mouse.move(x, y);
		await page.mouse.down();
		await page.mouse.move(x + cw * 0.6, y + ch * 0.6);
		await page.mouse.up();
	}
	const listed = await page
		.getByRole('list', { name: 'Objects: regions' })
		.getByRole('button')
		.count();
	if (listed !== n) throw new Error(`expected ${n} boxes, have ${listed}`);
}

/** Drags the first box: a real press on it, then 120 pointer moves timed one by one. */
async function dragTimes(page: Page): Promise<number[]> {
	const box = await page.locator('.boxes rect.box').first().boundingBox();
	if (!box) throw new Error('no box');
	const cx = box.x + box.width / 2;
	const cy = box.y + box.height / 2;
	await page.mouse.move(cx, cy);
	await page.mouse.down();
	const times = await page.evaluate(
		async ({ cx, cy }) => {
			const stage = document.querySelector('[data-testid="image-stage"]') as HTMLElement;
			const out: number[] = [];
			for (let i = 1; i <= 120; i++) {
				const t0 = performance.now();
				stage.dispatchEvent(
					new PointerEvent('pointermove', {
						pointerId: 1,
						pointerType: 'mouse',
						isPrimary: true,
						bubbles: true,
						clientX: cx + (i % 40) * 2,
						clientY: cy + (i % 30)
					})
				);
				// Svelte flushes in a microtask; reading layout makes the browser do its part.
				await Promise.resolve();
				await Promise.resolve();
				document.querySelector('.boxes g rect')?.getBoundingClientRect();
				out.push(performance.now() - t0);
				await new Promise((r) => setTimeout(r, 0));
			}
			return out;
		},
		{ cx, cy }
	);
	await page.mouse.up();
	return times.slice(20);
}

/** Labels `n` successive tokens by hotkey; returns ms from keydown to the span laid out. */
async function spanTimes(page: Page, n: number): Promise<number[]> {
	const text = page.getByTestId('span-text');
	await text.focus();
	return page.evaluate(async (n) => {
		const el = document.querySelector('[data-testid="span-text"]') as HTMLElement;
		const out: number[] = [];
		for (let i = 0; i < n; i++) {
			// (No named helpers in here: tsx would wrap them in a __name() the page lacks.)
			for (const k of ['ArrowRight', 'ArrowRight'])
				el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
			await new Promise((r) => setTimeout(r, 0));
			const before = el.querySelectorAll('[data-tag]').length;
			const t0 = performance.now();
			el.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
			await Promise.resolve();
			await Promise.resolve();
			el.getBoundingClientRect();
			const after = el.querySelectorAll('[data-tag]').length;
			out.push(performance.now() - t0);
			if (after !== before + 1) throw new Error(`span ${i} not added (${before} → ${after})`);
			await new Promise((r) => setTimeout(r, 20));
		}
		return out;
	}, n);
}

/** A document of `bytes` characters; with `paragraphs`, a newline every ~600 characters. */
async function spansPage(
	page: Page,
	url: string,
	bytes: number,
	paragraphs: boolean
): Promise<void> {
	await welcomeAndCreate(page, url, `Bench spans ${bytes}`);
	const words = csvRows(Math.ceil(bytes / 190) + 1, 3)
		.split('\n')
		.slice(1)
		.map((l, i) => `${l.split(',')[1]}${paragraphs && i % 3 === 2 ? '\n' : ' '}`)
		.join('')
		.slice(0, bytes);
	await importCsv(page, `id,text\n1,"${words}"\n`);
	await taskAdd(page, 'Text spans (NER, keywords)', 'Entities', ['PER', 'ORG']);
	await page
		.getByRole('navigation', { name: 'Project' })
		.getByRole('link', { name: 'Label', exact: true })
		.click();
	await page.getByTestId('span-text').waitFor();
}

/** Records a WebM of `seconds` from a canvas (real time: MediaRecorder cannot go faster). */
async function webm(page: Page, seconds: number): Promise<Buffer> {
	const bytes = await page.evaluate(async (ms) => {
		const c = document.createElement('canvas');
		c.width = 320;
		c.height = 240;
		const g = c.getContext('2d') as CanvasRenderingContext2D;
		const rec = new MediaRecorder(c.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
		const chunks: Blob[] = [];
		rec.ondataavailable = (e) => chunks.push(e.data);
		rec.start(1000);
		const t0 = performance.now();
		for (let i = 0; performance.now() - t0 < ms; i++) {
			g.fillStyle = `hsl(${(i * 7) % 360} 60% 50%)`;
			g.fillRect(0, 0, 320, 240);
			g.fillStyle = '#fff';
			g.font = '60px sans-serif';
			g.fillText(String(i), 20, 140);
			await new Promise((r) => setTimeout(r, 40));
		}
		const stopped = new Promise((r) => (rec.onstop = r));
		rec.stop();
		await stopped;
		return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
	}, seconds * 1000);
	return Buffer.from(bytes);
}

async function videoSeeks(page: Page, url: string): Promise<{ app: number[]; raw: number[] }> {
	await welcomeAndCreate(page, url, 'Bench video');
	await page.getByLabel('Media to import', { exact: true }).setInputFiles({
		name: 'minute.webm',
		mimeType: 'video/webm',
		buffer: await webm(page, 60)
	});
	await page.getByRole('button', { name: /^Import 1 media file$/ }).click();
	await page.getByTestId('media-result').waitFor({ timeout: 120_000 });
	await taskAdd(page, 'Video action segments', 'Actions', ['walk']);
	await page
		.getByRole('navigation', { name: 'Project' })
		.getByRole('link', { name: 'Label', exact: true })
		.click();
	await page
		.getByTestId('video-frame')
		.filter({ hasText: /of 1[45]\d\d/ })
		.waitFor({ timeout: 60_000 });
	return page.evaluate(async () => {
		const player = document.querySelector('[data-testid="video-player"]') as HTMLElement;
		const v = player.querySelector('video') as HTMLVideoElement;
		const keys = ['End', 'Home', 'End', 'Shift+ArrowLeft', 'Home', 'Shift+ArrowRight'];
		const app: number[] = [];
		const targets: number[] = [];
		for (let i = 0; i < 30; i++) {
			const k = keys[i % keys.length] as string;
			const [mod, key] = k.includes('+') ? (k.split('+') as [string, string]) : ['', k];
			const seeked = new Promise((r) => v.addEventListener('seeked', r, { once: true }));
			const t0 = performance.now();
			player.dispatchEvent(
				new KeyboardEvent('keydown', { key, shiftKey: mod === 'Shift', bubbles: true })
			);
			await seeked;
			app.push(performance.now() - t0);
			targets.push(v.currentTime);
			await new Promise((r) => setTimeout(r, 30));
		}
		// The reference runs once the tool is quiet again: its frame-rate probe (a hidden copy played
		// for at most 3 s once the player has been idle for 1.5 s) must not slow the bare seeks.
		await new Promise((r) => setTimeout(r, 5000));
		const bare = document.createElement('video');
		bare.muted = true;
		bare.preload = 'auto';
		bare.src = v.src;
		await new Promise((r) => bare.addEventListener('loadeddata', r, { once: true }));
		const raw: number[] = [];
		for (const t of targets) {
			const seeked = new Promise((r) => bare.addEventListener('seeked', r, { once: true }));
			const t0 = performance.now();
			bare.currentTime = t;
			await seeked;
			raw.push(performance.now() - t0);
			await new Promise((r) => setTimeout(r, 30));
		}
		return { app, raw };
	});
}

export async function run(): Promise<Record<string, Figure>> {
	const h = await harnessStart();
	try {
		const fresh = async () =>
			(await h.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
		const p300 = await fresh();
		await boxesPage(p300, h.url, 300);
		const drag300 = percentile(await dragTimes(p300), 95);
		const p1 = await fresh();
		await boxesPage(p1, h.url, 1);
		const drag1 = percentile(await dragTimes(p1), 95);

		const s100 = await fresh();
		await spansPage(s100, h.url, 100_000, true);
		const span100 = percentile(await spanTimes(s100, 20), 50);
		const flat = await fresh();
		await spansPage(flat, h.url, 100_000, false);
		const spanFlat = percentile(await spanTimes(flat, 20), 50);
		const s1 = await fresh();
		await spansPage(s1, h.url, 1_000, true);
		const span1 = percentile(await spanTimes(s1, 20), 50);
		const vp = await fresh();
		const seeks = await videoSeeks(vp, h.url);
		const seekApp = percentile(seeks.app, 50);
		const seekRaw = percentile(seeks.raw, 50);
		return {
			video_seek_ms: {
				value: round(seekApp),
				unit: 'ms',
				reference: round(seekRaw),
				ratio: round(seekApp / seekRaw, 2)
			},
			boxes_300_drag_p95_ms: {
				value: round(drag300),
				unit: 'ms',
				reference: round(drag1),
				ratio: round(drag300 / drag1, 2)
			},
			span_100kb_label_ms: {
				value: round(Math.max(span100, spanFlat)),
				unit: 'ms',
				reference: round(span1),
				ratio: round(Math.max(span100, spanFlat) / span1, 2)
			},
			span_100kb_paragraphs_label_ms: {
				value: round(span100),
				unit: 'ms',
				reference: round(span1),
				ratio: round(span100 / span1, 2)
			},
			// The same 100 KB as one paragraph with no newline: the worst case for layout.
			span_100kb_one_paragraph_label_ms: {
				value: round(spanFlat),
				unit: 'ms',
				reference: round(span1),
				ratio: round(spanFlat / span1, 2)
			}
		};
	} finally {
		await h.close();
	}
}
