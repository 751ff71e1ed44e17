/**
 * Image import and the bounding-box tool: draw, move, resize, nudge, relabel, set attributes,
 * undo and redo, delete, zoom, reload, export — with the mouse and keyboard on a laptop, then by
 * touch (drag, pinch) on a phone. Fixtures are PNGs drawn with canvas in the page.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import {
	mediaImport,
	mouseDrag,
	pinch,
	pngMake,
	projectNew,
	shot,
	taskAdd,
	touchDrag
} from './tools';

/** Screen position of image pixel `(x, y)` on the label page. */
async function at(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
	const img = await page.locator('[data-testid="image-stage"] image').boundingBox();
	if (!img) throw new Error('image not shown');
	return { x: img.x + (x / 400) * img.width, y: img.y + (y / 300) * img.height };
}

/** Parses "Box 1: car, 100×80 at 40, 40" from the region list. */
async function boxGeom(page: Page, n: number) {
	const text =
		(await page.getByRole('button', { name: new RegExp(`^Box ${n}:`) }).textContent()) ?? '';
	const m = /: (\w+), (\d+)×(\d+) at (\d+), (\d+)/.exec(text);
	if (!m) throw new Error(`no geometry in “${text}”`);
	return { label: m[1], w: +m[2]!, h: +m[3]!, x: +m[4]!, y: +m[5]! };
}

async function setup(page: Page, url: string, name: string): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, name, 'outdoor, indoor');
	const png = await pngMake(page, 400, 300, 1);
	const truncated = Buffer.concat([png.subarray(0, 60), Buffer.alloc(40)]);
	await mediaImport(page, [
		{ name: 'street.png', mimeType: 'image/png', buffer: png },
		{ name: 'broken.png', mimeType: 'image/png', buffer: truncated },
		{ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') }
	]);
	await expect(page.getByTestId('media-result')).toContainText(
		'1 media item added · 0 duplicates skipped · 2 files skipped'
	);
	await expect(page.getByText('broken.png')).toBeVisible();
	await expect(page.getByText(/notes\.png.*not the image, audio or video format/)).toBeVisible();
	await taskAdd(page, 'Bounding boxes', 'Objects', ['car', 'person']);
	const section = page.getByRole('region', { name: /^Objects/ });
	await section.getByLabel('Objects: new attribute name').fill('Occluded');
	await section.getByRole('button', { name: 'Add attribute' }).click();
	await expect(section.getByText('Occluded (boolean)')).toBeVisible();
	await page.getByRole('link', { name: 'Label', exact: true }).click();
	await expect(page.locator('[data-testid="image-stage"] image')).toBeVisible();
}

test.describe('bounding boxes with mouse and keyboard', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('draw, edit, undo, reload and export', async ({ page, app }) => {
		await setup(page, app.url, 'Street scenes');
		await expectAxeClean(page, 'label page with image tools');

		// Draw a box by dragging.
		await mouseDrag(page, await at(page, 40, 40), await at(page, 140, 120));
		let g = await boxGeom(page, 1);
		expect(g.label).toBe('car');
		expect(Math.abs(g.x - 40)).toBeLessThanOrEqual(1);
		expect(Math.abs(g.w - 100)).toBeLessThanOrEqual(2);
		expect(Math.abs(g.h - 80)).toBeLessThanOrEqual(2);

		// Move it by dragging its inside, then resize from the bottom-right handle.
		await mouseDrag(page, await at(page, 90, 80), await at(page, 110, 100));
		g = await boxGeom(page, 1);
		expect(Math.abs(g.x - 60)).toBeLessThanOrEqual(2);
		expect(Math.abs(g.y - 60)).toBeLessThanOrEqual(2);
		await mouseDrag(
			page,
			await at(page, g.x + g.w, g.y + g.h),
			await at(page, g.x + g.w + 20, g.y + g.h + 10)
		);
		const resized = await boxGeom(page, 1);
		expect(Math.abs(resized.w - (g.w + 20))).toBeLessThanOrEqual(2);
		expect(Math.abs(resized.h - (g.h + 10))).toBeLessThanOrEqual(2);

		// Nudge with the arrow keys (the canvas has focus after the drag), relabel with a hotkey.
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Shift+ArrowDown');
		g = await boxGeom(page, 1);
		expect(g.x).toBe(resized.x + 3);
		expect(g.h).toBe(resized.h + 1);
		await page.keyboard.press('2');
		await expect(page.getByRole('button', { name: /^Box 1: person/ })).toBeVisible();

		// Attributes of the selected box.
		await page.getByLabel('Occluded').check();
		await expect(page.getByLabel('Occluded')).toBeChecked();

		// Undo and redo (Ctrl+Z on the canvas goes to the project-wide undo).
		await page.getByTestId('image-stage').focus();
		await page.keyboard.press('Control+z');
		await expect(page.getByLabel('Occluded')).not.toBeChecked();
		await page.keyboard.press('Control+z');
		await expect(page.getByRole('button', { name: /^Box 1: car/ })).toBeVisible();
		await page.keyboard.press('Control+Shift+z');
		await page.keyboard.press('Control+Shift+z');
		await expect(page.getByRole('button', { name: /^Box 1: person/ })).toBeVisible();
		await expect(page.getByLabel('Occluded')).toBeChecked();

		// A second box drawn from the keyboard (N), then deleted with Delete.
		await page.getByTestId('image-stage').focus();
		await page.keyboard.press('n');
		await expect(page.getByRole('button', { name: /^Box 2:/ })).toBeVisible();
		await page.keyboard.press('Delete');
		await expect(page.getByRole('button', { name: /^Box 2:/ })).toHaveCount(0);

		// Wheel zooms around the cursor.
		const before = await page.locator('[data-testid="image-stage"] image').boundingBox();
		await page.mouse.move((await at(page, 200, 150)).x, (await at(page, 200, 150)).y);
		await page.mouse.wheel(0, -400);
		await expect
			.poll(
				async () => (await page.locator('[data-testid="image-stage"] image').boundingBox())?.width
			)
			.toBeGreaterThan((before?.width ?? 0) * 1.5);
		await page.getByRole('button', { name: 'Fit' }).click();
		await shot(page, 'boxes-laptop');
		await expectAxeClean(page, 'label page with a selected box');

		// Reload: the box, its label and attribute are intact.
		const saved = await boxGeom(page, 1);
		await page.reload();
		await expect(page.getByRole('button', { name: /^Box 1:/ })).toBeVisible();
		expect(await boxGeom(page, 1)).toEqual(saved);
		await page.getByRole('button', { name: /^Box 1:/ }).click();
		await expect(page.getByLabel('Occluded')).toBeChecked();

		// The data view shows media items as a grid of thumbnails.
		await page
			.getByRole('navigation', { name: 'Project' })
			.getByRole('link', { name: 'Data' })
			.click();
		const thumb = page.getByRole('list', { name: 'Item thumbnails' }).locator('img');
		await expect(thumb).toHaveCount(1);
		await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(400);
		await expectAxeClean(page, 'data view with thumbnails');

		// Export: the item and its boxes annotation are in the JSONL.
		await page
			.getByRole('navigation', { name: 'Project' })
			.getByRole('link', { name: 'Export' })
			.click();
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: /Download JSONL/ }).click();
		const file = readFileSync(await (await download).path(), 'utf8');
		const rows = file
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as { annotations: { task: string }[] });
		expect(rows).toHaveLength(1);
		expect(rows[0]?.annotations.map((a) => a.task)).toContain('boxes-2');
	});
});

test.describe('bounding boxes by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('draw, move, pinch-zoom, undo and reload by touch', async ({ page, app }) => {
		await setup(page, app.url, 'Phone boxes');
		await expectAxeClean(page, 'label page on a phone');
		// Scrolling into view stops above the sticky label bar (scroll-padding-bottom).
		await page.getByTestId('image-stage').scrollIntoViewIfNeeded();

		await touchDrag(page, await at(page, 50, 50), await at(page, 250, 200));
		const g = await boxGeom(page, 1);
		expect(Math.abs(g.w - 200)).toBeLessThanOrEqual(4);
		expect(Math.abs(g.h - 150)).toBeLessThanOrEqual(4);

		await touchDrag(page, await at(page, 150, 125), await at(page, 180, 135));
		await expect
			.poll(async () => Math.abs((await boxGeom(page, 1)).x - (g.x + 30)))
			.toBeLessThanOrEqual(4);

		// Pinch to zoom in: the image grows and no box is drawn by the two fingers.
		const before = await page.locator('[data-testid="image-stage"] image').boundingBox();
		await pinch(page, await at(page, 200, 60), 60, 200);
		await expect
			.poll(
				async () => (await page.locator('[data-testid="image-stage"] image').boundingBox())?.width
			)
			.toBeGreaterThan((before?.width ?? 0) * 1.8);
		await expect(page.getByRole('button', { name: /^Box 2:/ })).toHaveCount(0);
		await page.getByRole('button', { name: 'Fit' }).tap();

		// Undo the move with the Undo button.
		await page.getByRole('button', { name: 'Undo' }).tap();
		expect((await boxGeom(page, 1)).x).toBe(g.x);
		await shot(page, 'boxes-phone');

		await page.reload();
		await expect(page.getByRole('button', { name: /^Box 1:/ })).toBeVisible();
		expect(await boxGeom(page, 1)).toEqual(g);
	});
});
