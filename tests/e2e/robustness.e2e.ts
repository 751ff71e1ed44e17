/**
 * Robustness as a user meets it: a full disk (a small tmpfs, filled; no root needed) and a tab
 * closed in the middle of a large import. The app says what happened and what to do, and every
 * label saved before is still there after reopening; an import is either all there or not at all.
 */
import {
	closeSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	statfsSync,
	writeFileSync,
	writeSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findTestChromium } from '../../scripts/find-chromium.mjs';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { importFiles, projectCreate } from './pages';

const CSV = 'tests/fixtures/import/reviews.csv';

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

/**
 * Fills the file system at `dir` until it refuses to write: a real full disk. Called again, it
 * tops the same file up, taking back whatever the browser freed meanwhile.
 */
function diskFill(dir: string): string {
	const file = join(dir, 'filler');
	const fd = openSync(file, 'a');
	try {
		for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
			const chunk = Buffer.alloc(size, 1);
			for (;;) {
				try {
					writeSync(fd, chunk);
				} catch (e) {
					if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
					throw e;
				}
			}
		}
	} finally {
		closeSync(fd);
	}
	return file;
}

const freeBytes = (dir: string): number => {
	const s = statfsSync(dir);
	return s.bavail * s.bsize;
};

/**
 * Chromium on a small disk of its own, for any user: a wrapper starts it in a user and mount
 * namespace (`unshare --user --map-root-user --mount`, as the WebRTC specs make their network
 * namespace) where a 64 MB tmpfs is mounted over `dir`, which holds its profile. The test reaches
 * that tmpfs through /proc/<pid>/root, so it can fill it while the browser runs.
 */
async function browserOnSmallDisk(dir: string): Promise<{ ctx: BrowserContext; disk: string }> {
	const wrapper = join(dir, 'chromium-on-tmpfs.sh');
	writeFileSync(
		wrapper,
		[
			'#!/bin/sh',
			// exec keeps this pid through unshare and sh: it becomes Chromium's browser process.
			'echo $$ > "$QUORUM_DISK.pid"',
			'exec unshare --user --map-root-user --mount sh -c ' +
				`'mount -t tmpfs -o size=64m,mode=0700 tmpfs "$0" && exec "$@"' ` +
				'"$QUORUM_DISK" "$QUORUM_CHROMIUM" "$@"',
			''
		].join('\n'),
		{ mode: 0o755 }
	);
	const mnt = join(dir, 'disk');
	mkdirSync(mnt);
	const ctx = await chromium.launchPersistentContext(join(mnt, 'profile'), {
		executablePath: wrapper,
		args: CHROMIUM_ARGS,
		env: { ...process.env, QUORUM_DISK: mnt, QUORUM_CHROMIUM: findTestChromium() },
		viewport: { width: 1280, height: 800 },
		serviceWorkers: 'block'
	});
	const pid = readFileSync(`${mnt}.pid`, 'utf8').trim();
	return { ctx, disk: `/proc/${pid}/root${mnt}` };
}

// The disk really fills: the browser profile lives on a small tmpfs, and the test fills it with a
// file until the kernel says ENOSPC. (CDP's Storage.overrideQuotaForOrigin had no effect in
// Debian's Chromium.)
test('a full disk: the app says so, keeps the new work in the tab, and every label survives', async ({
	app,
	consoleWatch
}) => {
	// Writes that fail for want of space are what this test provokes.
	consoleWatch.allow(/quota|space|disk/i);
	test.setTimeout(240_000);
	const dir = mkdtempSync(join(tmpdir(), 'quorum-full-disk-'));
	let ctx: BrowserContext | undefined;
	try {
		const small = await browserOnSmallDisk(dir);
		ctx = small.ctx;
		const mnt = small.disk;
		expect(statfsSync(mnt).blocks * statfsSync(mnt).bsize).toBe(64 << 20);
		consoleWatch.watch(ctx);
		const page = ctx.pages()[0] ?? (await ctx.newPage());
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

		// The disk fills up.
		const filler = diskFill(mnt);
		console.log(`disk full: ${freeBytes(mnt)} bytes free`);
		expect(freeBytes(mnt)).toBe(0);

		// A few labels may still fit in the slack of a file's last page; label on until a write
		// needs a new page and fails (a label is ~200 bytes).
		// Chromium fails the first commit with QuotaExceededError or an IO error, then refuses to
		// open IndexedDB until space comes back: either way the banner says the disk is full.
		const banner = page.getByRole('alert').filter({ hasText: 'Nothing was lost' });
		// The disk stays full: Chromium's storage engine may delete files of its own after the fill
		// (one run under load labeled 30 times without an error), so the filler takes that space back
		// before every label.
		let made = 0;
		while (made < 30 && !(await banner.isVisible())) {
			const freed = freeBytes(mnt);
			if (freed > 0) console.log(`the browser freed ${freed} bytes; filled again`);
			diskFill(mnt);
			await labelSome(page, 1);
			made++;
			await page.waitForTimeout(500);
		}
		console.log(`labels made on the full disk before it said so: ${made}`);
		await expect(banner).toBeVisible({ timeout: 10_000 });
		await expect(banner).toContainText(/no room left|the disk is full/);
		await expect(banner).toContainText(/free some space/i);
		console.log(`banner: ${await banner.textContent()}`);
		// Two more labels while the disk is full: kept in the tab.
		await labelSome(page, 2);
		const done = 5 + made + 2;
		await expect(page.getByTestId('done-count')).toHaveText(String(done));
		await expect(banner.getByRole('button', { name: 'Try again' })).toBeVisible();
		await expectAxeClean(page, 'label page with a full disk');
		await page.screenshot({ path: 'test-results/robustness-quota-laptop.png' });
		await page.setViewportSize({ width: 375, height: 667 });
		await expect(banner).toBeVisible();
		await page.screenshot({ path: 'test-results/robustness-quota-phone.png' });
		await page.setViewportSize({ width: 1280, height: 800 });
		// Space comes back: the user frees some and tries again; the labels kept in the tab save.
		rmSync(filler);
		await banner.getByRole('button', { name: 'Try again' }).click();
		await expect(banner).toBeHidden({ timeout: 30_000 });
		await page.reload();
		await expect(page.getByTestId('done-count')).toHaveText(String(done));
		await labelSome(page, 1);
		await page.reload();
		await expect(page.getByTestId('done-count')).toHaveText(String(done + 1));
		await page.goto(`${app.url}/p/${id}`);
		await expect(page.getByRole('heading', { name: 'Quota' })).toBeVisible();
	} finally {
		// The tmpfs goes with Chromium's mount namespace.
		await ctx?.close().catch(() => undefined);
		rmSync(dir, { recursive: true, force: true });
	}
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

async function annotationsCount(page: Page, id: string, base: string): Promise<number> {
	await page.goto(`${base}/p/${id}`);
	const dd = page
		.locator('dt', { hasText: /^Annotations$/ })
		.locator('xpath=following-sibling::dd');
	await expect(dd).toBeVisible({ timeout: 60_000 });
	return Number(((await dd.textContent()) ?? '').replace(/,/g, ''));
}

async function downloadOf(page: Page, button: string): Promise<Buffer> {
	const [d] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: button }).click()
	]);
	return readFileSync(await d.path());
}

test('a tab closed in the middle of a sync-file import: reopening shows all of the file or none', async ({
	browser,
	app
}) => {
	test.setTimeout(600_000);
	const dir = mkdtempSync(join(tmpdir(), 'quorum-crash-sync-'));
	try {
		// Ada's project: 4 items, 2 labels. Bo opens it from a first sync file and labels 2 items.
		const ada = await (await browser.newContext()).newPage();
		await ada.goto(app.url);
		await welcome(ada, 'Ada');
		const id = await projectCreate(ada, 'Field', 'positive, negative, neutral');
		const small = join(dir, 'small.csv');
		writeFileSync(small, 'text\none\ntwo\nthree\nfour\n');
		await importFiles(ada, [small], { textField: 'text' });
		await expect(ada.getByRole('heading', { name: 'Import finished' })).toBeVisible();
		await ada.goto(`${app.url}/p/${id}/team`);
		// Two annotators per item, so Bo's queue holds every item.
		await ada.getByLabel('Annotators per item (overlap)').fill('2');
		await ada.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(ada.getByText('Each item now goes to 2 annotators.')).toBeVisible();
		// In-app navigation, as a user moves on: the owner's settings edit is signed asynchronously,
		// and a full page load straight after Save could drop it before it is signed (then Bo's
		// queue had only some items, and labeling stuck at the last one; CI, 1 run).
		await ada.getByRole('link', { name: 'Label', exact: true }).click();
		await labelSome(ada, 2);
		await ada.goto(`${app.url}/p/${id}/team`);
		const first = await downloadOf(ada, 'Save sync file');

		const context = await browser.newContext();
		const bo = await context.newPage();
		await bo.goto(app.url);
		await welcome(bo, 'Bo');
		await bo.goto(`${app.url}/join`);
		await bo
			.getByLabel('Sync file (.quorum) someone gave you')
			.setInputFiles({ name: 'field.quorum', mimeType: 'application/zip', buffer: first });
		await bo.getByRole('button', { name: 'Open sync file' }).click();
		await expect(bo).toHaveURL(new RegExp(`/p/${id}$`));
		await bo.goto(`${app.url}/p/${id}/label`);
		await labelSome(bo, 2);
		await bo.reload();
		await expect(bo.getByTestId('done-count')).toHaveText('2');
		expect(await annotationsCount(bo, id, app.url)).toBe(4);

		// Ada imports 40,000 more rows and saves a large, encrypted sync file (~7 MB: big enough that
		// its import takes seconds, so the tab can be closed at points all through it).
		const rows = 40_000;
		const big = join(dir, 'big.csv');
		const lines = ['text'];
		for (let i = 0; i < rows; i++)
			lines.push(`Field note ${i}: the sample was taken at dawn and stored cold until noon.`);
		writeFileSync(big, lines.join('\n') + '\n');
		await ada.goto(`${app.url}/p/${id}/import`);
		await importFiles(ada, [big], { textField: 'text' });
		await expect(ada.getByRole('heading', { name: 'Import finished' })).toBeVisible({
			timeout: 300_000
		});
		await ada.goto(`${app.url}/p/${id}/team`);
		await ada.getByLabel('Passphrase (optional, encrypts the file)').fill('river stone');
		const second = await downloadOf(ada, 'Save sync file');
		console.log(`sync file of ${rows} items: ${(second.length / 1e6).toFixed(1)} MB`);
		const file = { name: 'field-big.quorum', mimeType: 'application/zip', buffer: second };

		const importStart = async (page: Page) => {
			await page.goto(`${app.url}/p/${id}/team`);
			await page.getByLabel('Sync file to import').setInputFiles(file);
			await page.getByLabel('Passphrase of the file (if it has one)').fill('river stone');
			await page.getByRole('button', { name: 'Import sync file' }).click();
		};
		const consistent = async (page: Page, when: string): Promise<boolean> => {
			const n = await itemsCount(page, id, app.url);
			const labels = await annotationsCount(page, id, app.url);
			console.log(`reopened after closing ${when}: ${n} items, ${labels} labels`);
			// All of the file or none of it: 4 items before, 4 + rows after; labels unchanged.
			expect([4, 4 + rows]).toContain(n);
			expect(labels).toBe(4);
			await page.goto(`${app.url}/p/${id}/label`);
			await expect(page.getByTestId('done-count')).toHaveText('2');
			return n === 4 + rows;
		};

		// How long a whole import takes here: Cy, a third profile, imports the file untouched.
		const cyContext = await browser.newContext();
		const cy = await cyContext.newPage();
		await cy.goto(app.url);
		await welcome(cy, 'Cy');
		await cy.goto(`${app.url}/join`);
		await cy
			.getByLabel('Sync file (.quorum) someone gave you')
			.setInputFiles({ name: 'field.quorum', mimeType: 'application/zip', buffer: first });
		await cy.getByRole('button', { name: 'Open sync file' }).click();
		await expect(cy).toHaveURL(new RegExp(`/p/${id}$`));
		const t0 = Date.now();
		await importStart(cy);
		await expect(cy.getByRole('status').filter({ hasText: /^Merged field-big/ })).toBeVisible({
			timeout: 120_000
		});
		const whole = Date.now() - t0;
		console.log(`a whole import of the file: ${whole} ms`);
		await cyContext.close();

		// Close Bo's tab at points through the import (without unload handlers), reopen each time.
		let page = bo;
		let all = false;
		for (const part of [0, 0.3, 0.6, 0.8, 0.9]) {
			await importStart(page);
			const ms = Math.round(part * whole);
			if (ms > 0) await page.waitForTimeout(ms);
			const busy = await page.getByRole('button', { name: 'Import sync file' }).isDisabled();
			await page.close({ runBeforeUnload: false });
			page = await context.newPage();
			all = await consistent(page, `${ms} ms into the import (still busy: ${busy})`);
			if (all) break;
		}

		// The project is usable: a label saves, and importing the file again works.
		await page.goto(`${app.url}/p/${id}/label`);
		await labelSome(page, 1);
		await page.reload();
		await expect(page.getByTestId('done-count')).toHaveText('3');
		await importStart(page);
		await expect(
			page.getByRole('status').filter({ hasText: all ? 'Nothing new' : /^Merged field-big/ })
		).toBeVisible({ timeout: 120_000 });
		await page.reload();
		expect(await itemsCount(page, id, app.url)).toBe(4 + rows);
		expect(await annotationsCount(page, id, app.url)).toBe(5);
		await importStart(page);
		await expect(page.getByRole('status').filter({ hasText: 'Nothing new' })).toBeVisible({
			timeout: 120_000
		});
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
