/**
 * PDF documents: import the Shared MIME-info specification as Debian ships it (17 pages), see
 * its pages drawn by pdf.js with a text layer, page by keys, label a span found on page 1 and a
 * box dragged on page 2, undo, reload and export JSONL with page, offsets, covered text and the
 * box in points and page-relative units — on a laptop, then by touch on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { mouseDrag, projectNew, shot, taskAdd, touchDrag } from './tools';

const PDF = readFileSync('tests/fixtures/pdf/shared-mime-info-spec.pdf');

async function setup(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, 'Specs', '');
	await page.getByLabel('PDF files to import').setInputFiles([
		{ name: 'shared-mime-info-spec.pdf', mimeType: 'application/pdf', buffer: PDF },
		{ name: 'cut.pdf', mimeType: 'application/pdf', buffer: PDF.subarray(0, 3000) }
	]);
	await expect(page.getByTestId('pdf-result')).toContainText('1 PDF documents added');
	await expect(page.getByRole('list', { name: 'PDF files not imported' })).toContainText(
		'cut.pdf: cannot be imported: it is not a readable PDF'
	);
	await taskAdd(page, 'Text spans (NER, keywords)', 'Terms', ['term', 'person']);
	await taskAdd(page, 'Bounding boxes', 'Layout', ['figure', 'table']);
	await page.goto(page.url().replace(/\/schema$/, '/label'));
	await expect(
		page.getByTestId('pdf-text').getByText('Shared MIME-info Database', { exact: true })
	).toHaveCount(1);
}

const list = (page: Page, name: string) => page.getByRole('list', { name });
const status = (page: Page) => page.getByText(/^PDF page \d+ of 17/);

test.describe('PDF with mouse and keyboard', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('render, page, label a span and a box, undo, reload, export', async ({ page, app }) => {
		await setup(page, app.url);
		await expect(status(page)).toContainText('PDF page 1 of 17');
		// The canvas holds pixels pdf.js drew (not a blank page).
		const inked = await page
			.getByTestId('pdf-page')
			.locator('canvas')
			.evaluate((c: HTMLCanvasElement) => {
				const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
				let dark = 0;
				for (let i = 0; i < d.length; i += 4) if ((d[i] ?? 255) < 128) dark++;
				return dark;
			});
		expect(inked).toBeGreaterThan(500);
		await expectAxeClean(page, 'label page with a PDF');

		// Keyboard: find a name on page 1, label it with the label key.
		const find = page.getByRole('searchbox', { name: 'Find text' });
		await find.fill('Thomas Leonard');
		await find.press('Enter');
		await page.getByRole('region', { name: /^PDF page 1\./ }).focus();
		await page.keyboard.press('2');
		await expect(list(page, 'Terms: spans')).toHaveText('1. person: “Thomas Leonard” (p. 1)');
		await expect(page.getByTestId('pdf-text').locator('mark')).toHaveCount(1);

		// Paging by keys, zoom and fit width.
		await page.keyboard.press(']');
		await expect(status(page)).toContainText('PDF page 2 of 17');
		await page.keyboard.press('PageDown');
		await expect(status(page)).toContainText('PDF page 3 of 17');
		await page.keyboard.press('PageUp');
		await expect(status(page)).toContainText('PDF page 2 of 17');
		const before = (await page.getByTestId('pdf-page').boundingBox())?.width ?? 0;
		await page.getByRole('button', { name: 'Zoom in' }).click();
		await expect
			.poll(async () => (await page.getByTestId('pdf-page').boundingBox())?.width ?? 0)
			.toBeGreaterThan(before);
		await page.getByRole('button', { name: 'Fit width' }).click();
		await expect
			.poll(async () => Math.round((await page.getByTestId('pdf-page').boundingBox())?.width ?? 0))
			.toBe(Math.round(before));

		// Mouse: a box dragged on page 2 with the second box label.
		await page
			.getByRole('group', { name: 'Layout: label for new boxes' })
			.getByRole('button', { name: /table/ })
			.click();
		await page.getByRole('button', { name: 'Draw boxes' }).click();
		const pb = await page.getByTestId('pdf-page').boundingBox();
		if (!pb) throw new Error('no page');
		await mouseDrag(
			page,
			{ x: pb.x + pb.width * 0.1, y: pb.y + 40 },
			{ x: pb.x + pb.width * 0.6, y: pb.y + 140 }
		);
		await expect(list(page, 'Layout: boxes')).toHaveText('1. table (p. 2)');
		await shot(page, 'pdf-laptop');
		// Undo removes the box; draw it again.
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(list(page, 'Layout: boxes')).toHaveCount(0);
		// Undo's button is further down: bring the page's scrolling view back, drag in its part shown.
		const region = page.getByRole('region', { name: /^PDF page 2\./ });
		await region.scrollIntoViewIfNeeded();
		const pb2 = await page.getByTestId('pdf-page').boundingBox();
		const sc = await region.boundingBox();
		if (!pb2 || !sc) throw new Error('no page');
		const shown = [Math.max(pb2.y, sc.y, 0), Math.min(pb2.y + pb2.height, sc.y + sc.height, 800)];
		const top = (shown[0]! + shown[1]!) / 2 - 50;
		await mouseDrag(
			page,
			{ x: pb2.x + pb2.width * 0.1, y: top },
			{ x: pb2.x + pb2.width * 0.6, y: top + 100 }
		);
		await expect(list(page, 'Layout: boxes')).toHaveText('1. table (p. 2)');

		await page.reload();
		await expect(list(page, 'Terms: spans')).toHaveText('1. person: “Thomas Leonard” (p. 1)');
		await expect(list(page, 'Layout: boxes')).toHaveText('1. table (p. 2)');
		await expect(page.getByTestId('pdf-text').locator('mark')).toHaveCount(1);

		await page
			.getByRole('navigation', { name: 'Project' })
			.getByRole('link', { name: 'Export' })
			.click();
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: /Download JSONL/ }).click();
		const [row] = readFileSync(await (await download).path(), 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		const anns = (row?.annotations ?? []) as { value: Record<string, unknown[]> }[];
		expect(row?.pdf).toMatchObject({ pages: 17, name: 'shared-mime-info-spec.pdf' });
		const span = anns[0]?.value.spans?.[0] as Record<string, unknown>;
		expect(span).toMatchObject({ page: 1, text: 'Thomas Leonard' });
		expect((span.end as number) - (span.start as number)).toBe(14);
		const box = anns[1]?.value.boxes?.[0] as {
			page: number;
			x: number;
			w: number;
			pageSize: number[];
			rel: { x: number; w: number };
		};
		expect(box.page).toBe(2);
		expect(box.pageSize).toEqual([609.714, 789.041]);
		expect(box.rel.x).toBeCloseTo(0.1, 1);
		expect(box.rel.w).toBeCloseTo(0.5, 1);
		expect(box.x).toBeCloseTo(box.rel.x * 609.714, 1);
	});
});

test.describe('PDF by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('fit to the screen, find and label by tap, box by finger, reload', async ({ page, app }) => {
		await setup(page, app.url);
		await expectAxeClean(page, 'PDF on a phone');
		const pb = await page.getByTestId('pdf-page').boundingBox();
		expect(pb?.width).toBeLessThanOrEqual(375);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await page.getByRole('searchbox', { name: 'Find text' }).fill('Introduction');
		await page.getByRole('button', { name: 'Find next' }).tap();
		await page
			.getByRole('group', { name: 'Terms: label the selected text' })
			.getByRole('button', { name: /term/ })
			.tap();
		await expect(list(page, 'Terms: spans')).toHaveText('1. term: “Introduction” (p. 1)');
		await page.getByRole('button', { name: 'Next page' }).tap();
		await expect(status(page)).toContainText('PDF page 2 of 17');
		await page.getByRole('button', { name: 'Draw boxes' }).tap();
		const b = await page.getByTestId('pdf-page').boundingBox();
		if (!b) throw new Error('no page');
		await page.getByTestId('pdf-page').scrollIntoViewIfNeeded();
		const c = await page.getByTestId('pdf-page').boundingBox();
		if (!c) throw new Error('no page');
		await touchDrag(page, { x: c.x + 30, y: c.y + 30 }, { x: c.x + 200, y: c.y + 120 });
		await expect(list(page, 'Layout: boxes')).toHaveText('1. figure (p. 2)');
		await shot(page, 'pdf-phone');
		await page.reload();
		await expect(list(page, 'Terms: spans')).toHaveText('1. term: “Introduction” (p. 1)');
		await expect(list(page, 'Layout: boxes')).toHaveText('1. figure (p. 2)');
	});
});
