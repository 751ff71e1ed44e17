/**
 * Video action segments: import a WebM recorded in the page, step frame by frame, mark a
 * segment, relabel, undo, reload, export — on a laptop, then with the buttons on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { mediaImport, projectNew, shot, taskAdd, webmMake } from './tools';

async function setup(page: Page, url: string, name: string): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, name, '');
	await mediaImport(page, [
		{ name: 'clip.webm', mimeType: 'video/webm', buffer: await webmMake(page) }
	]);
	await expect(page.getByTestId('media-result')).toContainText('1 media item added');
	await taskAdd(page, 'Video action segments', 'Actions', ['walk', 'run']);
	await page.goto(page.url().replace(/\/schema$/, '/label'));
	await expect(page.getByTestId('video-frame')).toContainText(/Frame 0 of [4-5]\d/);
}

const seg = (page: Page, n: number) =>
	page.getByRole('button', { name: new RegExp(`^Segment ${n}:`) });

test.describe('video segments with the keyboard', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('step frames, mark, relabel, undo, reload, export', async ({ page, app }) => {
		await setup(page, app.url, 'Clips');
		await expectAxeClean(page, 'label page with video');
		await page.getByTestId('video-player').focus();
		for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('video-frame')).toContainText('Frame 5 of');
		await page.keyboard.press('m');
		for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('video-frame')).toContainText('Frame 15 of');
		await page.keyboard.press('m');
		await expect(seg(page, 1)).toHaveText('Segment 1: walk, frames 5–15');
		await page.keyboard.press('2');
		await expect(seg(page, 1)).toHaveText('Segment 1: run, frames 5–15');
		await page.keyboard.press('Shift+ArrowLeft');
		await expect(page.getByTestId('video-frame')).toContainText('Frame 0 of');
		await shot(page, 'video-laptop');
		await page.keyboard.press('Control+z');
		await expect(seg(page, 1)).toHaveText('Segment 1: walk, frames 5–15');

		await page.reload();
		await expect(seg(page, 1)).toHaveText('Segment 1: walk, frames 5–15');
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
		expect(rows[0]?.annotations.map((x) => x.task)).toEqual(['video-segments-2']);
	});
});

test.describe('video segments by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('step and mark with buttons, delete, undo, reload', async ({ page, app }) => {
		await setup(page, app.url, 'Phone clips');
		await expectAxeClean(page, 'video on a phone');
		for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next frame' }).tap();
		await page.getByRole('button', { name: 'Mark start' }).tap();
		for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next frame' }).tap();
		await page.getByRole('button', { name: 'Mark end' }).tap();
		await expect(seg(page, 1)).toHaveText('Segment 1: walk, frames 3–7');
		await seg(page, 1).tap();
		await page.getByRole('button', { name: 'Delete segment' }).tap();
		await expect(seg(page, 1)).toHaveCount(0);
		await page.getByRole('button', { name: 'Undo' }).tap();
		await expect(seg(page, 1)).toBeVisible();
		await shot(page, 'video-phone');
		await page.reload();
		await expect(seg(page, 1)).toHaveText('Segment 1: walk, frames 3–7');
	});
});

test.describe('frame rate of the file', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('warns when the task counts a frame rate the file does not have', async ({ page, app }) => {
		await setup(page, app.url, 'Rates');
		await page.evaluate(() => scrollTo(0, 0));
		await page.getByRole('link', { name: 'Tasks', exact: true }).click();
		const fps = page.getByRole('region', { name: /^Actions/ }).getByLabel('Frames per second');
		await fps.fill('50');
		await fps.press('Tab');
		await page.getByRole('link', { name: 'Label', exact: true }).click();
		// The clip was recorded at 25 frames per second at most (fewer when the machine is busy).
		await expect(page.getByTestId('video-fps-warning')).toContainText(
			/plays at (1\d|2[0-5])(\.\d+)? frames per second, but the task counts 50/,
			{ timeout: 15_000 }
		);
		await expectAxeClean(page, 'video with a frame-rate warning');
	});
});
