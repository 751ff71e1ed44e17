/**
 * Helpers for the annotation-tool specs: media fixtures made in the browser (no downloads),
 * touch gestures through the Chrome DevTools Protocol (Playwright's touchscreen only taps), and
 * schema and import steps through the UI.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expect } from './fixtures';

export const SHOTS = '/tmp/quorum-shots';

/** A PNG drawn with canvas in the page: coloured shapes on a gradient, `w × h` pixels. */
export async function pngMake(page: Page, w = 400, h = 300, seed = 1): Promise<Buffer> {
	const bytes = await page.evaluate(
		async ({ w, h, seed }) => {
			const c = new OffscreenCanvas(w, h);
			const g = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
			const grad = g.createLinearGradient(0, 0, w, h);
			grad.addColorStop(0, '#9ecbff');
			grad.addColorStop(1, '#f5e3b3');
			g.fillStyle = grad;
			g.fillRect(0, 0, w, h);
			g.fillStyle = '#c0392b';
			g.fillRect(w * 0.15, h * 0.5, w * 0.3, h * 0.25);
			g.fillStyle = '#2d6a4f';
			g.beginPath();
			g.arc(w * 0.7, h * 0.35, h * 0.15, 0, Math.PI * 2);
			g.fill();
			g.fillStyle = '#222';
			g.font = `${Math.round(h / 10)}px sans-serif`;
			g.fillText(`fixture ${seed}`, 10, h - 10);
			const blob = await c.convertToBlob({ type: 'image/png' });
			return [...new Uint8Array(await blob.arrayBuffer())];
		},
		{ w, h, seed }
	);
	return Buffer.from(bytes);
}

type Pt = { x: number; y: number };

async function cdp(page: Page) {
	return page.context().newCDPSession(page);
}

/** Drags one finger from `a` to `b` in `steps` moves (real touch events, so pointerType touch). */
export async function touchDrag(page: Page, a: Pt, b: Pt, steps = 8): Promise<void> {
	const s = await cdp(page);
	await s.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [a] });
	for (let i = 1; i <= steps; i++) {
		const t = i / steps;
		await s.send('Input.dispatchTouchEvent', {
			type: 'touchMove',
			touchPoints: [{ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }]
		});
	}
	await s.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await s.detach();
}

/** Two fingers moving apart (zoom in) or together around `c`, from `d0` to `d1` apart. */
export async function pinch(page: Page, c: Pt, d0: number, d1: number, steps = 8): Promise<void> {
	const s = await cdp(page);
	const pts = (d: number) => [
		{ x: c.x - d / 2, y: c.y, id: 1 },
		{ x: c.x + d / 2, y: c.y, id: 2 }
	];
	// Fingers land one after the other, as real ones do.
	await s.send('Input.dispatchTouchEvent', {
		type: 'touchStart',
		touchPoints: pts(d0).slice(0, 1)
	});
	await s.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pts(d0) });
	for (let i = 1; i <= steps; i++)
		await s.send('Input.dispatchTouchEvent', {
			type: 'touchMove',
			touchPoints: pts(d0 + ((d1 - d0) * i) / steps)
		});
	await s.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await s.detach();
}

export async function mouseDrag(page: Page, a: Pt, b: Pt, steps = 8): Promise<void> {
	await page.mouse.move(a.x, a.y);
	await page.mouse.down();
	await page.mouse.move(b.x, b.y, { steps });
	await page.mouse.up();
}

/** Creates a project with classification labels; returns its id. */
export async function projectNew(page: Page, name: string, labels: string): Promise<string> {
	await page
		.getByRole('button', { name: /New project|Create your first project/ })
		.first()
		.click();
	await page.getByLabel('Project name').fill(name);
	await page.getByRole('textbox', { name: /^Labels/ }).fill(labels);
	await page.getByRole('button', { name: 'Create project' }).click();
	await expect(page).toHaveURL(/\/p\/[0-9a-f]+\/import$/);
	return new URL(page.url()).pathname.split('/')[2] as string;
}

/** Imports media files on the import page and waits for the result line. */
export async function mediaImport(
	page: Page,
	files: { name: string; mimeType: string; buffer: Buffer }[]
): Promise<void> {
	await page.getByLabel('Media to import', { exact: true }).setInputFiles(files);
	await page.getByRole('button', { name: /^Import \d+ media files?$/ }).click();
	await expect(page.getByTestId('media-result')).toBeVisible({ timeout: 30_000 });
}

/** Adds an annotation task with labels on the Tasks page; `field` names a multimodal field. */
export async function taskAdd(
	page: Page,
	kind: string,
	name: string,
	labels: string[],
	opts: { field?: string } = {}
): Promise<void> {
	if (!page.url().endsWith('/schema')) {
		await page.evaluate(() => scrollTo(0, 0));
		await page.getByRole('link', { name: 'Tasks', exact: true }).click();
	}
	await page.getByLabel('Kind').selectOption({ label: kind });
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Add task' }).click();
	const section = page.getByRole('region', { name: new RegExp(`^${name}`) });
	if (opts.field) {
		const input = section.getByLabel(/^Field of multimodal items/);
		await input.fill(opts.field);
		await input.press('Tab');
		await expect(input).toHaveValue(opts.field);
	}
	for (const l of labels) {
		await section.getByLabel(`${name}: new label name`).fill(l);
		await section.getByRole('button', { name: 'Add label' }).click();
		await expect(section.getByLabel(/name of label/).last()).toHaveValue(l);
	}
}

/** Centre on screen of character `i` of the spans tool's text. */
export async function charAt(page: Page, i: number): Promise<Pt> {
	return page.getByTestId('span-text').evaluate((el, i) => {
		for (const piece of el.querySelectorAll<HTMLElement>('[data-start]')) {
			const start = Number(piece.dataset.start);
			const node = piece.firstChild;
			if (!node || i < start || i >= start + (node.textContent ?? '').length) continue;
			const r = document.createRange();
			r.setStart(node, i - start);
			r.setEnd(node, i - start + 1);
			const b = r.getBoundingClientRect();
			return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
		}
		throw new Error(`no character ${i}`);
	}, i);
}

/** Box of an element in page coordinates. */
export async function boxOf(
	page: Page,
	testId: string
): Promise<{ x: number; y: number; width: number; height: number }> {
	const b = await page.getByTestId(testId).boundingBox();
	if (!b) throw new Error(`${testId} is not visible`);
	return b;
}

export async function shot(page: Page, name: string): Promise<void> {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** A mono 16-bit PCM WAV of `seconds`: a 440 Hz tone, a silent middle third, then 660 Hz. */
export function wavMake(seconds = 2, rate = 8000): Buffer {
	const n = Math.round(seconds * rate);
	const buf = Buffer.alloc(44 + n * 2);
	buf.write('RIFF', 0);
	buf.writeUInt32LE(36 + n * 2, 4);
	buf.write('WAVEfmt ', 8);
	buf.writeUInt32LE(16, 16);
	buf.writeUInt16LE(1, 20);
	buf.writeUInt16LE(1, 22);
	buf.writeUInt32LE(rate, 24);
	buf.writeUInt32LE(rate * 2, 28);
	buf.writeUInt16LE(2, 32);
	buf.writeUInt16LE(16, 34);
	buf.write('data', 36);
	buf.writeUInt32LE(n * 2, 40);
	for (let i = 0; i < n; i++) {
		const third = Math.floor((3 * i) / n);
		const f = third === 0 ? 440 : 660;
		const v = third === 1 ? 0 : Math.sin((2 * Math.PI * f * i) / rate) * 0.6;
		buf.writeInt16LE(Math.round(v * 32767), 44 + i * 2);
	}
	return buf;
}

/** A ~2 s WebM (VP8) recorded in the page from a canvas with MediaRecorder: numbered colour frames. */
export async function webmMake(page: Page, ms = 2000): Promise<Buffer> {
	const bytes = await page.evaluate(async (ms) => {
		const c = document.createElement('canvas');
		c.width = 160;
		c.height = 120;
		const g = c.getContext('2d') as CanvasRenderingContext2D;
		const rec = new MediaRecorder(c.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
		const chunks: Blob[] = [];
		rec.ondataavailable = (e) => chunks.push(e.data);
		rec.start(100);
		const t0 = performance.now();
		for (let i = 0; performance.now() - t0 < ms; i++) {
			g.fillStyle = `hsl(${(i * 17) % 360} 70% 50%)`;
			g.fillRect(0, 0, 160, 120);
			g.fillStyle = '#fff';
			g.font = '40px sans-serif';
			g.fillText(String(i), 20, 70);
			await new Promise((r) => setTimeout(r, 40));
		}
		const stopped = new Promise((r) => (rec.onstop = r));
		rec.stop();
		await stopped;
		const blob = new Blob(chunks, { type: 'video/webm' });
		return [...new Uint8Array(await blob.arrayBuffer())];
	}, ms);
	return Buffer.from(bytes);
}
