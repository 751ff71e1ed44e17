/**
 * Time series: import real recordings that Debian's python3-statsmodels ships (sunspots by year;
 * US macro data by quarter, as a sample index with a rate, split into windows), view and zoom,
 * label ranges and instants by keyboard and mouse, undo, reload and export — on a laptop, then
 * with the buttons by touch on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { debianFile } from '../helpers/debian-files';
import { mouseDrag, projectNew, shot, taskAdd } from './tools';

const csv = (path: string) => ({
	name: path.split('/').pop() as string,
	mimeType: 'text/csv',
	buffer: readFileSync(debianFile('statsmodels', path))
});

async function setup(
	page: Page,
	url: string,
	file: string,
	opts: { rate?: string; window?: string } = {}
): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, 'Recordings', '');
	await page.getByLabel('Time series files to import').setInputFiles([csv(file)]);
	if (opts.rate) {
		await page.getByRole('combobox', { name: 'Time', exact: true }).selectOption('index');
		await page.getByLabel('Samples per second').fill(opts.rate);
	}
	if (opts.window) await page.getByLabel(/^Split into windows/).fill(opts.window);
	await page.getByRole('button', { name: /^Import 1 time series file$/ }).click();
	await expect(page.getByTestId('series-result')).toBeVisible();
	await taskAdd(page, 'Time series ranges and events', 'Events', ['peak', 'calm']);
	await page.goto(page.url().replace(/\/schema$/, '/label'));
	await expect(page.getByTestId('series-widget')).toBeVisible();
}

const region = (page: Page, n: number) =>
	page
		.getByRole('list', { name: 'Events: regions' })
		.getByRole('button', { name: new RegExp(`^${n}\\. `) });

test.describe('time series with mouse and keyboard', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('zoom, mark, drag, relabel, undo, reload, export', async ({ page, app }) => {
		await setup(page, app.url, 'sunspots/sunspots.csv');
		await expectAxeClean(page, 'label page with a time series');
		const widget = page.getByTestId('series-widget');
		await expect(page.getByTestId('series-readout')).toHaveText('1700 – 2008');

		// Keyboard: zoom in and back, then a range from the middle over five cursor steps.
		await widget.focus();
		await page.keyboard.press('+');
		await expect(page.getByTestId('series-readout')).not.toContainText('1700 – 2008');
		await page.keyboard.press('0');
		await page.keyboard.press('m');
		for (let i = 0; i < 5; i++) await page.keyboard.press('.');
		await page.keyboard.press('m');
		await expect(region(page, 1)).toHaveText(/^1\. peak 1854 – 188\d/);
		await page.keyboard.press('n');
		await expect(region(page, 2)).toHaveText(/^2\. peak at 188\d/);
		await page.keyboard.press('2');
		await expect(region(page, 2)).toContainText('calm');

		// Mouse: drag across the first tenth of the chart.
		const chart = await page.getByTestId('series-chart').boundingBox();
		if (!chart) throw new Error('no chart');
		const y = chart.y + chart.height / 2;
		await mouseDrag(
			page,
			{ x: chart.x + chart.width * 0.05, y },
			{ x: chart.x + chart.width * 0.15, y }
		);
		await expect(region(page, 1)).toHaveText(/^1\. calm 17[\d.]+ – 17[\d.]+$/);
		await expect(region(page, 3)).toBeVisible();
		await shot(page, 'series-laptop');

		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(region(page, 3)).toHaveCount(0);
		await page.reload();
		await expect(region(page, 2)).toContainText('calm');
		await expect(region(page, 1)).toHaveText(/^1\. peak 1854/);

		await page
			.getByRole('navigation', { name: 'Project' })
			.getByRole('link', { name: 'Export' })
			.click();
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: /Download JSONL/ }).click();
		const [row] = readFileSync(await (await download).path(), 'utf8')
			.trim()
			.split('\n')
			.map(
				(l) =>
					JSON.parse(l) as {
						series: { channels: string[]; start: number; end: number };
						annotations: { value: { segments: { start: number; end: number }[] } }[];
					}
			);
		expect(row?.series).toMatchObject({ channels: ['SUNACTIVITY'], start: 1700, end: 2008 });
		const segs = row?.annotations[0]?.value.segments ?? [];
		expect(segs).toHaveLength(2);
		expect(segs[1]?.start).toBe(segs[1]?.end);
	});
});

test.describe('time series by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('windows, mark with buttons, delete, undo, reload', async ({ page, app }) => {
		await setup(page, app.url, 'macrodata/macrodata.csv', { rate: '4', window: '25' });
		await expect(page.getByText(/of 3 ·/)).toBeVisible();
		await expectAxeClean(page, 'time series on a phone');
		await page.getByRole('button', { name: 'Mark start' }).tap();
		await page.getByRole('button', { name: 'Zoom in' }).tap();
		const strip = await page.getByRole('slider', { name: 'Visible range' }).boundingBox();
		if (!strip) throw new Error('no overview');
		await page.touchscreen.tap(strip.x + strip.width * 0.95, strip.y + strip.height / 2);
		await page.getByRole('button', { name: 'Mark end' }).tap();
		await expect(region(page, 1)).toHaveText(/^1\. peak 12\.\d+ s – 18\.\d+ s$/);
		await region(page, 1).tap();
		await page.getByRole('button', { name: 'Delete region' }).tap();
		await expect(region(page, 1)).toHaveCount(0);
		await page.getByRole('button', { name: 'Undo' }).tap();
		await expect(region(page, 1)).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await shot(page, 'series-phone');
		// The queue resumes at the first item not yet labeled (window 2); window 1 kept its region.
		await page.reload();
		await expect(page.getByText(/Item 2 of 3/)).toBeVisible();
		await page.getByRole('button', { name: 'Back' }).tap();
		await expect(region(page, 1)).toHaveText(/^1\. peak 12\.\d+ s – 18\.\d+ s$/);
	});
});
