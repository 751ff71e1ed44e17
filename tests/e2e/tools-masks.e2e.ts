/**
 * Segmentation masks on a real photograph (matplotlib's sample of Grace Hopper, shipped by
 * Debian): paint two labels with the brush, erase, undo the eraser, reload — with the mouse on a
 * laptop; on a phone a finger pans until the brush is armed for fingers, then paints, and undo
 * takes the stroke back.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { debianFile } from '../helpers/debian-files';
import { mediaImport, mouseDrag, projectNew, shot, taskAdd, touchDrag } from './tools';

const W = 512;
const H = 600;

const img = (page: Page) => page.locator('[data-testid="mask-stage"] img');

/** Screen point of image pixel `(x, y)`. */
async function at(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
	const b = await img(page).boundingBox();
	if (!b) throw new Error('image not shown');
	return { x: b.x + (x / W) * b.width, y: b.y + (y / H) * b.height };
}

/** Alpha of the mask canvas at image pixel `(x, y)` (0: no mask there). */
const alphaAt = (page: Page, x: number, y: number) =>
	page
		.locator('[data-testid="mask-stage"] canvas')
		.evaluate(
			(c: HTMLCanvasElement, p: { x: number; y: number }) =>
				(c.getContext('2d') as CanvasRenderingContext2D).getImageData(p.x, p.y, 1, 1).data[3] ?? 0,
			{ x, y }
		);

async function setup(page: Page, url: string, name: string): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, name, '');
	await mediaImport(page, [
		{
			name: 'grace_hopper.jpg',
			mimeType: 'image/jpeg',
			buffer: readFileSync(debianFile('matplotlib', 'grace_hopper.jpg'))
		}
	]);
	await taskAdd(page, 'Segmentation masks (brush)', 'Parts', ['face', 'uniform']);
	await page.goto(page.url().replace(/\/schema$/, '/label'));
	await expect(img(page)).toBeVisible();
}

test.describe('masks with the mouse', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('paint two labels, erase, undo the eraser, reload', async ({ page, app }) => {
		await setup(page, app.url, 'Masks');
		await mouseDrag(page, await at(page, 200, 220), await at(page, 320, 220));
		await expect(page.getByRole('button', { name: 'Mask: face', exact: true })).toBeVisible();
		expect(await alphaAt(page, 260, 220)).toBeGreaterThan(0);

		await page.getByTestId('mask-stage').focus();
		await page.keyboard.press('2');
		await mouseDrag(page, await at(page, 150, 520), await at(page, 380, 520));
		await expect(page.getByRole('button', { name: 'Mask: uniform', exact: true })).toBeVisible();
		expect(await alphaAt(page, 260, 520)).toBeGreaterThan(0);

		await page.keyboard.press('e');
		await expect(page.getByRole('button', { name: /^Eraser/ })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await mouseDrag(page, await at(page, 260, 180), await at(page, 260, 260));
		await expect.poll(() => alphaAt(page, 260, 220)).toBe(0);
		await page.keyboard.press('Control+z');
		await expect.poll(() => alphaAt(page, 260, 220)).toBeGreaterThan(0);
		await shot(page, 'masks-laptop');
		await expectAxeClean(page, 'label page with masks');

		await page.reload();
		await expect(page.getByRole('button', { name: 'Mask: uniform', exact: true })).toBeVisible();
		await expect.poll(() => alphaAt(page, 260, 220)).toBeGreaterThan(0);
		expect(await alphaAt(page, 260, 520)).toBeGreaterThan(0);
		expect(await alphaAt(page, 20, 20)).toBe(0);
	});
});

test.describe('masks by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('a finger pans until the brush is armed, then paints; undo', async ({ page, app }) => {
		await setup(page, app.url, 'Phone masks');
		await expectAxeClean(page, 'masks on a phone');
		await page.getByTestId('mask-stage').evaluate((el) => el.scrollIntoView({ block: 'center' }));
		const before = await img(page).boundingBox();
		await touchDrag(page, await at(page, 200, 300), await at(page, 300, 300));
		await expect.poll(async () => (await img(page).boundingBox())?.x).not.toBe(before?.x);
		await expect(page.getByRole('button', { name: 'Mask: face', exact: true })).toHaveCount(0);

		// A click, not a tap: on the loaded 2-core test machine a synthetic tap right after the drag
		// now and then reached the button with no click (2 runs in 9). What is under test is the
		// finger on the image, which stays a real touch.
		await page.getByRole('button', { name: 'Paint with finger' }).click();
		await expect(page.getByRole('button', { name: 'Paint with finger' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await page.getByTestId('mask-stage').evaluate((el) => el.scrollIntoView({ block: 'center' }));
		await touchDrag(page, await at(page, 200, 300), await at(page, 300, 300));
		await expect(page.getByRole('button', { name: 'Mask: face', exact: true })).toBeVisible();
		expect(await alphaAt(page, 250, 300)).toBeGreaterThan(0);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(375);
		await shot(page, 'masks-phone');

		await page.getByRole('button', { name: 'Undo' }).tap();
		await expect(page.getByRole('button', { name: 'Mask: face', exact: true })).toHaveCount(0);
		await expect.poll(() => alphaAt(page, 250, 300)).toBe(0);
	});
});
