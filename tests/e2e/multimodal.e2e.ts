/**
 * Multimodal items end to end: a CSV of image URLs with captions, and a JSONL of texts with audio
 * URLs, become items with several fields; several tasks (boxes on the image, spans in the caption,
 * a classification, a transcription of the audio) are answered in one view, survive a reload and
 * are exported with the item's fields. Media URLs are answered by the test (no network).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { charAt, mouseDrag, pngMake, projectNew, shot, taskAdd, wavMake } from './tools';

const CAPTION = 'A red box beside a green ball';

/** Answers `https://media.example/<name>` with the given bytes. */
async function serveMedia(page: Page, files: Record<string, { type: string; body: Buffer }>) {
	await page.route('https://media.example/**', (route) => {
		const name = new URL(route.request().url()).pathname.slice(1);
		const f = files[name];
		if (!f) return route.fulfill({ status: 404 });
		return route.fulfill({
			status: 200,
			contentType: f.type,
			body: f.body,
			headers: { 'access-control-allow-origin': '*' }
		});
	});
}

async function rowsImport(page: Page, name: string, type: string, text: string) {
	await page
		.getByLabel('Read a CSV or JSONL file')
		.setInputFiles({ name, mimeType: type, buffer: Buffer.from(text) });
	await expect(page.getByTestId('media-result')).toBeVisible();
}

async function exported(page: Page) {
	await page.evaluate(() => scrollTo(0, 0));
	await page
		.getByRole('navigation', { name: 'Project' })
		.getByRole('link', { name: 'Export' })
		.click();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: /Download JSONL/ }).click();
	return readFileSync(await (await download).path(), 'utf8')
		.trim()
		.split('\n')
		.map(
			(l) =>
				JSON.parse(l) as {
					fields?: Record<string, { kind: string; url?: string; text?: string }>;
					annotations: { task: string; labels: string[]; value?: Record<string, unknown> }[];
				}
		);
}

test.describe('an image with a caption, on a laptop', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('import CSV rows, box + spans + class in one view, reload, export', async ({
		page,
		app
	}) => {
		await page.goto(app.url);
		await serveMedia(page, {
			'cat.png': { type: 'image/png', body: await pngMake(page, 400, 300, 1) }
		});
		await welcome(page, 'Ada');
		await projectNew(page, 'Captions', 'good, bad');
		await rowsImport(
			page,
			'captions.csv',
			'text/csv',
			`image,caption\nhttps://media.example/cat.png,"${CAPTION}"\nhttps://media.example/missing,"no media"\n`
		);
		await expect(page.getByTestId('media-result')).toContainText('1 media item added');
		await expect(page.getByText('no http(s) URL of an image, audio or video file')).toBeVisible();
		await taskAdd(page, 'Bounding boxes', 'Objects', ['box'], { field: 'image' });
		await taskAdd(page, 'Text spans (NER, keywords)', 'Things', ['THING'], { field: 'caption' });
		await page.getByRole('link', { name: 'Label', exact: true }).click();

		const img = page.locator('[data-testid="image-stage"] image');
		await expect(img).toBeVisible();
		await expect(page.getByTestId('span-text')).toHaveText(CAPTION);
		await expectAxeClean(page, 'multimodal label page');

		// Box on the image.
		const b = await img.boundingBox();
		if (!b) throw new Error('no image');
		await mouseDrag(
			page,
			{ x: b.x + b.width * 0.1, y: b.y + b.height * 0.4 },
			{ x: b.x + b.width * 0.5, y: b.y + b.height * 0.8 }
		);
		await expect(page.getByRole('button', { name: /^Box 1: box/ })).toBeVisible();
		// Span in the caption: drag over "red box" (snaps to words), label with the task's hotkey.
		await page.getByTestId('span-text').scrollIntoViewIfNeeded();
		await mouseDrag(page, await charAt(page, 3), await charAt(page, 8), 5);
		await expect(page.getByRole('status').filter({ hasText: 'Selected' })).toContainText(
			'Selected “red box”'
		);
		await page.keyboard.press('1');
		await page.getByText(/^1 span/).click();
		await expect(page.getByRole('list', { name: 'Things: spans' })).toContainText('THING: red box');
		// Classification of the whole item.
		await page.getByRole('button', { name: /^good/ }).click();
		await shot(page, 'multimodal-laptop');

		await page.reload();
		await expect(page.getByRole('button', { name: /^Box 1: box/ })).toBeVisible();
		await page.getByText(/^1 span/).click();
		await expect(page.getByRole('list', { name: 'Things: spans' })).toContainText('THING: red box');
		const rows = await exported(page);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.fields).toEqual({
			image: { kind: 'image', url: 'https://media.example/cat.png', name: 'cat.png' },
			caption: { kind: 'text', text: CAPTION }
		});
		const tasks = rows[0]?.annotations.map((a) => a.task).sort();
		expect(tasks).toEqual(['boxes-2', 'class', 'spans-3']);
		expect(rows[0]?.annotations.find((a) => a.task === 'class')?.labels).toEqual(['good']);
	});
});

test.describe('a text with an audio clip, on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('import JSONL rows, transcribe and classify in one view, reload', async ({ page, app }) => {
		await page.goto(app.url);
		await serveMedia(page, { 'hello.wav': { type: 'audio/wav', body: wavMake(1) } });
		await welcome(page, 'Ada');
		await projectNew(page, 'Voices', 'match, mismatch');
		await rowsImport(
			page,
			'voices.jsonl',
			'application/x-ndjson',
			`${JSON.stringify({ prompt: 'Say hello', audio: 'https://media.example/hello.wav' })}\n`
		);
		await expect(page.getByTestId('media-result')).toContainText('1 media item added');
		await taskAdd(page, 'Transcription', 'Transcript', [], { field: 'audio' });
		await page.getByRole('link', { name: 'Label', exact: true }).click();
		await expect(page.getByText('Say hello')).toBeVisible();
		await expect(
			page.getByRole('region', { name: /audio/i }).or(page.locator('audio'))
		).toHaveCount(1);
		await expectAxeClean(page, 'text and audio on a phone');
		const box = page.getByRole('textbox', { name: 'Transcript' });
		await box.tap();
		await box.fill('hello');
		await page.getByRole('button', { name: /^match/ }).tap();
		await expect(page.getByTestId('done-count')).toHaveText('1');
		await shot(page, 'multimodal-phone');
		await page.reload();
		await expect(page.getByRole('textbox', { name: 'Transcript' })).toHaveValue('hello');
		await expect(page.getByRole('button', { name: /^match/ })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
	});
});
