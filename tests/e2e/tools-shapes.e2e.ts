/**
 * Polygons and keypoints on one image: draw a polygon point by point, move, insert and delete
 * vertices, undo; place the keypoints of a skeleton, move one; reload and export — with the
 * mouse on a laptop, then by tapping on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { mediaImport, mouseDrag, pngMake, projectNew, shot, taskAdd } from './tools';

async function at(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
	const img = await page.locator('[data-testid="image-stage"] image').boundingBox();
	if (!img) throw new Error('image not shown');
	return { x: img.x + (x / 400) * img.width, y: img.y + (y / 300) * img.height };
}

async function setup(page: Page, url: string, name: string): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, name, '');
	await mediaImport(page, [
		{ name: 'scene.png', mimeType: 'image/png', buffer: await pngMake(page, 400, 300, 2) }
	]);
	await taskAdd(page, 'Polygons and polylines', 'Areas', ['road', 'building']);
	await taskAdd(page, 'Keypoints with a skeleton', 'Pose', ['person']);
	const pose = page.getByRole('region', { name: /^Pose/ });
	await pose.getByLabel('Points, in order (comma-separated)').fill('head, neck, hip');
	await pose.getByLabel('Points, in order (comma-separated)').press('Tab');
	await pose.getByLabel(/Skeleton edges/).fill('1-2, 2-3');
	await pose.getByLabel(/Skeleton edges/).press('Tab');
	await expect(pose.getByLabel(/Skeleton edges/)).toHaveValue('1-2, 2-3');
	// By address: on a phone the sticky app header can cover the project tabs after scrolling.
	await page.goto(page.url().replace(/\/schema$/, '/label'));
	await expect(page.locator('[data-testid="image-stage"] image')).toBeVisible();
}

const polygonPoints = (page: Page) =>
	page.locator('.shapes polygon.shape').first().getAttribute('points');

test.describe('polygons and keypoints with the mouse', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('draw, edit vertices, undo, keypoints with skeleton, reload, export', async ({
		page,
		app
	}) => {
		await setup(page, app.url, 'Shapes');
		// Polygon: four clicks, then a click on the first point closes it.
		for (const [x, y] of [
			[50, 50],
			[200, 50],
			[200, 150],
			[50, 150],
			[50, 50]
		] as const) {
			const p = await at(page, x, y);
			await page.mouse.click(p.x, p.y);
		}
		await expect(page.getByRole('button', { name: 'Shape 1: road, 4 points' })).toBeVisible();

		// Drag a vertex; drag an edge's midpoint to insert a vertex; delete a vertex.
		const before = await polygonPoints(page);
		await mouseDrag(page, await at(page, 200, 150), await at(page, 240, 180));
		await expect.poll(() => polygonPoints(page)).not.toBe(before);
		await mouseDrag(page, await at(page, 125, 50), await at(page, 125, 20));
		await expect(page.getByRole('button', { name: 'Shape 1: road, 5 points' })).toBeVisible();
		const p = await at(page, 125, 20);
		await page.mouse.click(p.x, p.y);
		await page.getByRole('button', { name: 'Delete point' }).click();
		await expect(page.getByRole('button', { name: 'Shape 1: road, 4 points' })).toBeVisible();
		await page.getByTestId('image-stage').focus();
		await page.keyboard.press('Control+z');
		await expect(page.getByRole('button', { name: 'Shape 1: road, 5 points' })).toBeVisible();

		// A polygon that crosses itself is refused.
		await page.keyboard.press('Escape');
		for (const [x, y] of [
			[260, 60],
			[360, 160],
			[360, 60],
			[260, 160]
		] as const) {
			const q = await at(page, x, y);
			await page.mouse.click(q.x, q.y);
		}
		await page.getByRole('button', { name: 'Finish shape' }).click();
		await expect(page.getByText('Shape not added: self intersecting.')).toBeVisible();
		await expect(page.getByRole('button', { name: /^Shape 2/ })).toHaveCount(0);

		// Keypoints: three clicks place head, neck and hip, joined by the skeleton.
		await page.getByRole('button', { name: 'Pose', exact: true }).click();
		await expect(page.getByText('Tap to place head.')).toBeVisible();
		for (const [x, y] of [
			[300, 40],
			[300, 90],
			[300, 200]
		] as const) {
			const q = await at(page, x, y);
			await page.mouse.click(q.x, q.y);
		}
		await expect(page.getByRole('button', { name: 'Pose 1: person, 3 of 3 points' })).toBeVisible();
		await expect(page.locator('.kps .bone')).toHaveCount(2);
		await mouseDrag(page, await at(page, 300, 200), await at(page, 320, 220));
		await expect(page.locator('.kps circle.kp').nth(2)).toHaveAttribute('cx', /^3[12]\d/);
		await shot(page, 'shapes-laptop');
		await expectAxeClean(page, 'label page with polygons and keypoints');

		await page.reload();
		await expect(page.getByRole('button', { name: 'Shape 1: road, 5 points' })).toBeVisible();
		await page.getByRole('button', { name: 'Pose', exact: true }).click();
		await expect(page.getByRole('button', { name: 'Pose 1: person, 3 of 3 points' })).toBeVisible();
		await expect(page.locator('.kps .bone')).toHaveCount(2);

		await page
			.getByRole('navigation', { name: 'Project' })
			.getByRole('link', { name: 'Export' })
			.click();
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: /Download JSONL/ }).click();
		const rows = readFileSync(await (await download).path(), 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as { annotations: { task: string }[] });
		expect(rows[0]?.annotations.map((x) => x.task).sort()).toEqual(['keypoints-3', 'polygons-2']);
	});
});

test.describe('polygons and keypoints by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('tap a polyline-free polygon and a pose, undo, reload', async ({ page, app }) => {
		await setup(page, app.url, 'Phone shapes');
		await expectAxeClean(page, 'shapes on a phone');
		for (const [x, y] of [
			[40, 30],
			[160, 30],
			[100, 110]
		] as const) {
			const q = await at(page, x, y);
			await page.touchscreen.tap(q.x, q.y);
		}
		await page.getByRole('button', { name: 'Finish shape' }).tap();
		await expect(page.getByRole('button', { name: 'Shape 1: road, 3 points' })).toBeVisible();

		await page.getByRole('button', { name: 'Pose', exact: true }).tap();
		// Bring the image back from under the sticky app header after the tap scrolled the page.
		await page.getByTestId('image-stage').evaluate((el) => el.scrollIntoView({ block: 'center' }));
		for (const [x, y] of [
			[300, 20],
			[300, 60]
		] as const) {
			const q = await at(page, x, y);
			await page.touchscreen.tap(q.x, q.y);
		}
		await page.getByRole('button', { name: 'Skip hip' }).tap();
		await expect(page.getByRole('button', { name: 'Pose 1: person, 2 of 3 points' })).toBeVisible();
		await page.getByRole('button', { name: 'Undo' }).tap();
		await expect(page.getByRole('button', { name: 'Pose 1: person, 2 of 2 points' })).toHaveCount(
			0
		);
		await expect(page.getByRole('button', { name: /^Pose 1: person/ })).toBeVisible();
		await shot(page, 'shapes-phone');

		await page.reload();
		await expect(page.getByRole('button', { name: 'Shape 1: road, 3 points' })).toBeVisible();
	});
});
