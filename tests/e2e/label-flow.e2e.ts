/**
 * The foundation flow as a new user meets it: create a project, import a CSV, label 20 items by
 * keyboard and 5 by touch on a phone, reload, go offline (network off, server stopped), keep
 * labeling, and export — with axe-core on every page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findTestChromium } from '../../scripts/find-chromium.mjs';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { csvFile, currentText, importFiles, projectCreate } from './pages';

const CSV = 'tests/fixtures/import/reviews.csv';
const LABELS = ['positive', 'negative', 'neutral'];

test.use({ hasTouch: true, viewport: { width: 1280, height: 800 } });

test('import, label by keyboard and touch, reload, work offline, export', async ({
	page,
	context,
	app
}) => {
	await page.goto(app.url);
	await welcome(page, 'Ada');
	const id = await projectCreate(page, 'Reviews', LABELS.join(', '));
	await expectAxeClean(page, 'import');

	// Import, with the text column picked and metadata kept.
	await importFiles(page, [CSV], { textField: 'text' });
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'items added' })).toContainText(
		'42 items added · 0 duplicates skipped · 0 malformed rows skipped'
	);
	await expectAxeClean(page, 'import result');

	// Importing the same file again adds nothing: ids are content hashes.
	await importFiles(page, [CSV], { textField: 'text' });
	await expect(page.getByRole('status').filter({ hasText: 'items added' })).toContainText(
		'0 items added · 42 duplicates skipped'
	);

	// Guidelines are shown before the first item.
	await page.getByRole('link', { name: 'Guidelines', exact: true }).click();
	await page
		.getByLabel('Guidelines (markdown)')
		.fill('## Rules\n\nChoose **positive** when happy.');
	await page.getByRole('button', { name: 'Save guidelines' }).click();
	await expectAxeClean(page, 'guidelines');
	await page.getByRole('link', { name: 'Label', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Before you start: guidelines' })).toBeVisible();
	await expect(page.locator('.md strong')).toHaveText('positive');
	await page.getByRole('button', { name: 'Start labeling' }).click();
	await expectAxeClean(page, 'label');

	// 20 items by keyboard: hotkeys 1–3, auto-advance to the next item.
	const expected = new Map<string, string>();
	for (let i = 0; i < 20; i++) {
		const text = await currentText(page);
		const k = i % 3;
		await page.keyboard.press(String(k + 1));
		expected.set(text, LABELS[k] as string);
		await expect(page.getByTestId('item-text')).not.toHaveText(text);
	}
	await expect(page.getByTestId('done-count')).toHaveText('20');

	// Undo the last label with Ctrl+Z: it goes back to that item; redo restores it.
	await page.keyboard.press('Control+z');
	await expect(page.getByTestId('done-count')).toHaveText('19');
	await page.keyboard.press('Control+Shift+z');
	await expect(page.getByTestId('done-count')).toHaveText('20');
	await page.keyboard.press('s');

	// Guidelines are one keypress away.
	await page.keyboard.press('g');
	await expect(page.getByRole('dialog', { name: 'Guidelines' })).toBeVisible();
	await page.keyboard.press('Escape');

	// 5 items by touch on a 375×667 phone screen.
	await page.setViewportSize({ width: 375, height: 667 });
	await expectAxeClean(page, 'label (phone)');
	for (let i = 0; i < 5; i++) {
		const text = await currentText(page);
		const button = page.getByRole('button', { name: 'negative' });
		const box = await button.boundingBox();
		expect(box && box.height >= 44 && box.width >= 44, 'thumb-sized label targets').toBe(true);
		await button.tap();
		expected.set(text, 'negative');
		await expect(page.getByTestId('item-text')).not.toHaveText(text);
	}
	await expect(page.getByTestId('done-count')).toHaveText('25');
	await page.setViewportSize({ width: 1280, height: 800 });

	// Reload: every label is still there.
	await page.reload();
	await expect(page.getByTestId('done-count')).toHaveText('25');

	// Data view: filter by label and search.
	await page.getByRole('link', { name: 'Data', exact: true }).click();
	await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Unlabeled' });
	await expect(page.getByRole('status').filter({ hasText: 'of 42 items' })).toHaveText(
		'17 of 42 items'
	);
	await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'All items' });
	await page.getByLabel('Search text').fill('zipper');
	await expect(page.getByRole('status').filter({ hasText: 'of 42 items' })).toHaveText(
		'1 of 42 items'
	);
	await expectAxeClean(page, 'data');

	// Offline: the service worker serves the app with the network off and the server stopped.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await context.setOffline(true);
	await app.close();
	await page.goto(`${app.url}/p/${id}/label`);
	await expect(page.getByTestId('done-count')).toHaveText('25');
	const offlineText = await currentText(page);
	await page.keyboard.press('3');
	expected.set(offlineText, 'neutral');
	await expect(page.getByTestId('done-count')).toHaveText('26');
	await page.reload();
	await expect(page.getByTestId('done-count')).toHaveText('26');

	// Export JSONL (still offline) and compare with what was labeled.
	await page.getByRole('link', { name: 'Export', exact: true }).click();
	await expectAxeClean(page, 'export');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download JSONL' }).click()
	]);
	const exported = readFileSync((await download.path()) as string, 'utf8')
		.trim()
		.split('\n')
		.map(
			(l) =>
				JSON.parse(l) as {
					text: string;
					meta: Record<string, string>;
					annotations: { labels: string[]; annotatorName?: string; ms: number }[];
				}
		);
	expect(exported).toHaveLength(42);
	const labeled = new Map(
		exported.filter((e) => e.annotations.length).map((e) => [e.text, e.annotations[0]?.labels[0]])
	);
	expect(labeled).toEqual(expected);
	const first = exported.find((e) => e.annotations.length);
	expect(first?.meta).toHaveProperty('rating');
	expect(first?.annotations[0]?.annotatorName).toBe('Ada');
	expect(first?.annotations[0]?.ms).toBeGreaterThanOrEqual(0);

	// Labels change after labeling has started: a rename, a new colour and a move keep every
	// annotation, and a new label gets the next hotkey.
	const positives = [...expected.values()].filter((l) => l === 'positive').length;
	await page.getByRole('link', { name: 'Tasks', exact: true }).click();
	await page.getByLabel('Name of label 1').fill('good');
	await page.getByLabel('Name of label 1').press('Tab');
	await page.getByRole('button', { name: 'Move good down' }).click();
	await page.getByLabel('New label name').fill('mixed');
	await page.getByRole('button', { name: 'Add label' }).click();
	await expect(page.getByLabel('Hotkey of mixed')).toHaveValue('4');
	await expectAxeClean(page, 'labels');
	await page.getByRole('link', { name: 'Data', exact: true }).click();
	await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Labeled good' });
	await expect(page.getByRole('status').filter({ hasText: 'of 42 items' })).toHaveText(
		`${positives} of 42 items`
	);
});

test('the app is installable: manifest, icons and service worker pass Chromium’s check', async ({
	app,
	consoleWatch
}) => {
	// Installability is never reported in incognito profiles, so use a real (temporary) profile.
	const dir = mkdtempSync(join(tmpdir(), 'quorum-install-'));
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: findTestChromium(),
		args: CHROMIUM_ARGS
	});
	consoleWatch.watch(context);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(app.url);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		const cdp = await context.newCDPSession(page);
		await expect
			.poll(async () => {
				const r = (await cdp.send('Page.getInstallabilityErrors')) as {
					installabilityErrors: { errorId: string }[];
				};
				return r.installabilityErrors.map((e) => e.errorId);
			})
			.toEqual([]);
		const manifest = (await (await page.request.get(`${app.url}/manifest.webmanifest`)).json()) as {
			icons: { sizes: string; purpose?: string }[];
		};
		expect(manifest.icons.map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`)).toEqual([
			'any',
			'192x192',
			'512x512',
			'512x512 maskable'
		]);
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('a first visit by deep link gets the service worker and opens offline afterwards', async ({
	page,
	context,
	app
}) => {
	await page.goto(`${app.url}/p/not-here-yet/label`);
	const sw = await page.evaluate(async () => {
		const r = await navigator.serviceWorker.ready;
		return { scope: r.scope, script: r.active?.scriptURL };
	});
	expect(sw).toEqual({ scope: `${app.url}/`, script: `${app.url}/sw.js` });
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await context.setOffline(true);
	await app.close();
	await page.goto(`${app.url}/`);
	await welcome(page);
});

test('an item opened from the Data table to fix goes back to the table once labeled', async ({
	page,
	app
}) => {
	await page.goto(app.url);
	await welcome(page, 'Ada');
	await projectCreate(page, 'Fixes', 'good, bad');
	await importFiles(page, [csvFile('three.csv', ['first text', 'second text', 'third text'])], {
		textField: 'text'
	});
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await page.getByRole('link', { name: 'Data', exact: true }).click();
	await page.getByRole('link', { name: 'second text' }).click();
	await expect(page.getByTestId('item-text')).toHaveText('second text');
	await page.keyboard.press('2');
	await expect(page).toHaveURL(/\/data$/);
	// The table says who gave the label.
	await expect(page.getByRole('row').filter({ hasText: 'second text' })).toContainText('bad · Ada');
});

test('every project tab has the same width, with no blank under its heading', async ({
	page,
	app
}) => {
	await page.goto(app.url);
	await welcome(page, 'Ada');
	await projectCreate(page, 'Widths', 'good, bad');
	const widths: Record<string, number> = {};
	const tabs = page.getByRole('navigation', { name: 'Project' });
	for (const tab of [
		'Export',
		'Prepare',
		'Data',
		'Tasks',
		'Guidelines',
		'Team',
		'Review',
		'Quality',
		'Model',
		'Import'
	]) {
		// Client-side navigation through the tabs, as a person moves between them.
		await tabs.getByRole('link', { name: tab, exact: true }).click();
		await expect(tabs.getByRole('link', { name: tab, exact: true })).toHaveAttribute(
			'aria-current',
			'page'
		);
		const main = page.locator('main .page').first();
		await expect(main.locator('h1').first()).toBeVisible();
		widths[tab] = Math.round((await main.boundingBox())?.width ?? 0);
		if (tab === 'Import' || tab === 'Export') {
			const gap = await main.evaluate((el) => {
				const h = el.querySelector('h1') as HTMLElement;
				const next = h.nextElementSibling as HTMLElement;
				return next.getBoundingClientRect().top - h.getBoundingClientRect().bottom;
			});
			expect(gap, `blank under the ${tab} heading`).toBeLessThanOrEqual(16);
		}
	}
	expect(new Set(Object.values(widths)), JSON.stringify(widths)).toEqual(new Set([widths.Import]));
});

test('a malformed file is reported by line, and "stop" imports nothing', async ({ page, app }) => {
	await page.goto(app.url);
	await welcome(page);
	await projectCreate(page, 'Bad data', 'a, b');
	await importFiles(page, ['tests/fixtures/import/malformed.csv'], {
		textField: 'text',
		policy: 'abort'
	});
	await expect(page.getByRole('alert')).toContainText(
		'Import stopped, nothing was imported. malformed.csv, line 3: expected 3 fields, found 4'
	);
	await page.getByRole('link', { name: 'Data', exact: true }).click();
	await expect(page.getByText('No items yet.')).toBeVisible();

	await page.getByRole('link', { name: 'Import', exact: true }).click();
	await importFiles(page, ['tests/fixtures/import/malformed.csv'], { textField: 'text' });
	await expect(page.getByRole('status').filter({ hasText: 'items added' })).toContainText(
		'3 items added · 0 duplicates skipped · 4 malformed rows skipped'
	);
	await expect(page.getByText('malformed.csv, line 9')).toBeVisible();
	await expectAxeClean(page, 'import problems');
});
