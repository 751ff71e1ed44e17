/**
 * Point clouds: import real scans (PCL's milk carton, binary_compressed, and python-pcl's ASCII
 * sample) as a sequence of frames, draw a cuboid in the top view, nudge, turn and fit it by
 * keyboard, reload, export KITTI labels and read them back — on a laptop, then by touch on a
 * phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { mouseDrag, projectNew, shot, taskAdd, touchDrag } from './tools';

const scan = (name: string) => ({
	name,
	mimeType: 'application/octet-stream',
	buffer: readFileSync(`tests/fixtures/pointcloud/${name}`)
});

async function setup(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, 'Scans', '');
	await page
		.getByLabel('Point cloud files to import')
		.setInputFiles([scan('test_pcd.pcd'), scan('milk.pcd')]);
	await expect(page.getByTestId('cloud-result')).toContainText('2 point clouds added');
	await taskAdd(page, '3D cuboids (point clouds)', 'Objects', ['car', 'pedestrian']);
	await page.goto(page.url().replace(/\/schema$/, '/label'));
	await expect(page.getByText('12,575 points · frame 1 of milk')).toBeVisible();
}

const topView = (page: Page) => page.getByRole('application', { name: /^Top view/ });
const cuboid = (page: Page, n: number) =>
	page
		.getByRole('list', { name: 'Cuboids' })
		.getByRole('button', { name: new RegExp(`^${n}\\. `) });

async function middle(page: Page, f0: number, f1: number) {
	await topView(page).scrollIntoViewIfNeeded();
	const b = await topView(page).boundingBox();
	if (!b) throw new Error('no top view');
	return [
		{ x: b.x + b.width * f0, y: b.y + b.height * f0 },
		{ x: b.x + b.width * f1, y: b.y + b.height * f1 }
	] as const;
}

test.describe('point clouds with mouse and keyboard', () => {
	test.use({ viewport: { width: 1280, height: 900 } });

	test('draw, nudge, turn, fit, reload, KITTI export and import', async ({ page, app }) => {
		await setup(page, app.url);
		await expectAxeClean(page, 'label page with a point cloud');
		const [a, b] = await middle(page, 0.3, 0.7);
		await mouseDrag(page, a, b);
		await expect(cuboid(page, 1)).toHaveText(/^1\. car · /);
		const x = page.getByLabel('Centre x (m)');
		const x0 = Number(await x.inputValue());

		await topView(page).focus();
		await page.keyboard.press('Shift+ArrowRight');
		await expect(x).toHaveValue(String(Number((x0 + 1).toFixed(3))));
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('Shift+ArrowLeft');
		await page.keyboard.press('q');
		await expect(page.getByLabel('Yaw (°)')).toHaveValue('5');
		await page.keyboard.press('e');
		await page.keyboard.press('f');
		await expect(page.getByText(/^Fitted to \d+ points\.$/)).toBeVisible();
		await page.keyboard.press('2');
		await expect(cuboid(page, 1)).toHaveText(/^1\. pedestrian · /);
		await expect(page.getByRole('img', { name: 'Side view of the selected cuboid' })).toBeVisible();
		await shot(page, 'cloud-laptop');

		// The queue resumes at the first frame not yet labeled; frame 1 kept its cuboid.
		await page.reload();
		await expect(page.getByText(/Item 2 of 2/)).toBeVisible();
		await page.getByRole('button', { name: 'Back' }).click();
		await expect(cuboid(page, 1)).toHaveText(/^1\. pedestrian · /);
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export KITTI labels' }).click();
		const file = await (await download).path();
		const lines = readFileSync(file, 'utf8').trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^pedestrian 0\.00 0 -10 0\.00 0\.00 0\.00 0\.00( -?\d+\.\d\d){7}$/);

		await page.getByLabel('KITTI label file to import').setInputFiles(file);
		await expect(page.getByText('1 cuboids read from')).toBeVisible();
		await expect(cuboid(page, 2)).toHaveText(/^2\. pedestrian · /);
		await expect(cuboid(page, 2)).toHaveText(
			await cuboid(page, 1)
				.innerText()
				.then((t) => t.replace(/^1/, '2'))
		);
	});
});

test.describe('point clouds by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('draw with a finger, fit with the button, reload', async ({ page, app }) => {
		await setup(page, app.url);
		const [a, b] = await middle(page, 0.25, 0.75);
		await touchDrag(page, a, b);
		await expect(cuboid(page, 1)).toHaveText(/^1\. car · /);
		// The selected cuboid's views appear; then the Fit button, scrolled to the middle of the
		// screen as a thumb would.
		await expect(
			page.getByRole('img', { name: 'Front view of the selected cuboid' })
		).toBeVisible();
		const fit = page.getByRole('button', { name: 'Fit to points' });
		await fit.evaluate((el) => el.scrollIntoView({ block: 'center' }));
		// A finger tap here sometimes gives pointer and touch events but no click in headless
		// Chromium (left open, see the issue note); the button is pressed as a mouse would.
		await fit.click();
		await expect(page.getByText(/^Fitted to \d+ points\.$/)).toBeVisible();
		await expectAxeClean(page, 'point cloud on a phone');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await shot(page, 'cloud-phone');
		await page.reload();
		await expect(page.getByText(/Item 2 of 2/)).toBeVisible();
		await page.getByRole('button', { name: 'Back' }).tap();
		await expect(cuboid(page, 1)).toHaveText(/^1\. car · /);
	});
});
