/**
 * Robustness as a user meets it (issue 9): a full disk (a tiny quota set through CDP) and a tab
 * closed in the middle of a large import. The app says what happened and what to do, and every
 * label saved before is still there after reopening; an import is either all there or not at all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { importFiles, projectCreate } from './pages';

const CSV = 'tests/fixtures/import/reviews.csv';
const TSV = 'tests/fixtures/import/reviews.tsv';

test.use({ viewport: { width: 1280, height: 800 } });

async function labelSome(page: Page, n: number): Promise<void> {
	for (let i = 0; i < n; i++) {
		const text = (await page.getByTestId('item-text').textContent()) ?? '';
		await page.keyboard.press(String((i % 3) + 1));
		await expect(page.getByTestId('item-text')).not.toHaveText(text);
	}
}

async function itemsCount(page: Page, id: string, base: string): Promise<number> {
	await page.goto(`${base}/p/${id}`);
	const dd = page.locator('.stats div', { hasText: 'Items' }).locator('dd');
	await expect(dd).toBeVisible({ timeout: 60_000 });
	return Number(((await dd.textContent()) ?? '').replace(/,/g, ''));
}

// FIXME (issue 9, open): CDP `Storage.overrideQuotaForOrigin` does not take effect in this
// Chromium here: `estimate()` keeps the disk-sized quota and writes keep succeeding, so the banner
// never shows (failed in a clean-clone CI run and 3/3 locally at the end of the session; it passed
// for its author earlier, for a reason not found). The write tracking under a real
// QuotaExceededError is covered by the storage browser tests (simulated full disk); this e2e needs
// another way to fill the disk (e.g. a small tmpfs profile), so it is fixme until then.
test.fixme('a full disk: the app says so, and every label saved before survives a reload', async ({
	page,
	app
}) => {
	test.setTimeout(120_000);
	await page.goto(app.url);
	await welcome(page, 'Ada');
	const id = await projectCreate(page, 'Quota', 'positive, negative, neutral');
	await importFiles(page, [CSV], { textField: 'text' });
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await page.getByRole('link', { name: 'Label', exact: true }).click();
	await labelSome(page, 5);
	await expect(page.getByTestId('done-count')).toHaveText('5');
	// Saved: a reload shows them.
	await page.reload();
	await expect(page.getByTestId('done-count')).toHaveText('5');

	// The disk fills up: a quota of 1 byte for this origin.
	const cdp = await page.context().newCDPSession(page);
	const origin = new URL(app.url).origin;
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
	const est = await page.evaluate(() => navigator.storage.estimate());
	console.log(`quota after override: ${est.quota} bytes, usage ${est.usage} bytes`);

	await labelSome(page, 3);
	const banner = page.getByRole('alert').filter({ hasText: 'no room left' });
	await expect(banner).toBeVisible({ timeout: 15_000 });
	await expect(banner).toContainText('Nothing was lost: free some space');
	await expect(banner.getByRole('button', { name: 'Try again' })).toBeVisible();
	await expectAxeClean(page, 'label page with a full disk');
	await page.screenshot({ path: 'test-results/robustness-quota-laptop.png' });
	await page.setViewportSize({ width: 375, height: 667 });
	await expect(banner).toBeVisible();
	await page.screenshot({ path: 'test-results/robustness-quota-phone.png' });
	await page.setViewportSize({ width: 1280, height: 800 });

	// An import with a full disk: the banner stays, the project still opens.
	await page.goto(`${app.url}/p/${id}/import`);
	await importFiles(page, [TSV], { textField: 'text' });
	await expect(page.getByRole('alert').filter({ hasText: 'no room left' })).toBeVisible({
		timeout: 15_000
	});

	// Reopen with the disk still full: the 5 saved labels are all there.
	await page.goto(`${app.url}/p/${id}/label`);
	const done = Number(await page.getByTestId('done-count').textContent());
	expect(done).toBeGreaterThanOrEqual(5);
	expect(done).toBeLessThanOrEqual(8);
	// Space comes back: everything saves again, nothing saved before is gone.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin });
	await page.reload();
	await expect(page.getByTestId('done-count')).toHaveText(String(done));
	await labelSome(page, 1);
	await page.reload();
	await expect(page.getByTestId('done-count')).toHaveText(String(done + 1));
});

test('a tab closed in the middle of a large import: reopening shows all of it or none', async ({
	page,
	context,
	app
}) => {
	test.setTimeout(420_000);
	const dir = mkdtempSync(join(tmpdir(), 'quorum-crash-'));
	try {
		const big = join(dir, 'big.csv');
		const rows = 150_000;
		const lines = ['id,text'];
		for (let i = 0; i < rows; i++)
			lines.push(`${i},Review number ${i}: the product was fine and the delivery was quick.`);
		writeFileSync(big, lines.join('\n') + '\n');

		await page.goto(app.url);
		await welcome(page, 'Ada');
		const id = await projectCreate(page, 'Crash', 'positive, negative, neutral');
		await importFiles(page, [CSV], { textField: 'text' });
		await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
		await page.getByRole('link', { name: 'Label', exact: true }).click();
		await labelSome(page, 3);
		await page.reload();
		await expect(page.getByTestId('done-count')).toHaveText('3');

		await page.goto(`${app.url}/p/${id}/import`);
		await importFiles(page, [big], { textField: 'text' });
		const progress = page.getByRole('region', { name: 'Import progress' });
		await expect(progress).toBeVisible();
		await expect(progress.getByRole('status')).toContainText(/[1-9][\d,]* rows read/);
		// Close the tab mid-import, without unload handlers.
		await page.close({ runBeforeUnload: false });

		const again = await context.newPage();
		const n = await itemsCount(again, id, app.url);
		console.log(`reopened after closing mid-import: ${n} items (42 before, ${42 + rows} if whole)`);
		expect([42, 42 + rows]).toContain(n);
		await again.goto(`${app.url}/p/${id}/label`);
		await expect(again.getByTestId('done-count')).toHaveText('3');
		// The project is usable: import again, and this time it finishes whole.
		await again.goto(`${app.url}/p/${id}/import`);
		await importFiles(again, [big], { textField: 'text' });
		await expect(again.getByRole('heading', { name: 'Import finished' })).toBeVisible({
			timeout: 300_000
		});
		expect(await itemsCount(again, id, app.url)).toBe(42 + rows);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
