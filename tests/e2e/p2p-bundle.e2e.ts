/** Sync files between two fresh browser profiles with no network between them. */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';

async function profile(browser: Browser, url: string, name: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await page.goto(url);
	await welcome(page, name);
	return page;
}

async function annotations(page: Page, id: string): Promise<number> {
	await page.goto(`${new URL(page.url()).origin}/p/${id}`);
	const dd = page
		.locator('dt', { hasText: /^Annotations$/ })
		.locator('xpath=following-sibling::dd');
	return Number(((await dd.textContent()) ?? '').replace(/,/g, ''));
}

test('a sync file carries a project to another profile; twice changes nothing; bad files change nothing', async ({
	browser,
	app
}) => {
	const ada = await profile(browser, app.url, 'Ada');
	await ada
		.getByRole('button', { name: /New project|Create your first project/ })
		.first()
		.click();
	await ada.getByLabel('Project name').fill('Field');
	await ada.getByRole('textbox', { name: /^Labels/ }).fill('Good, Bad');
	await ada.getByRole('button', { name: 'Create project' }).click();
	await expect(ada).toHaveURL(/\/p\/[0-9a-f]+\/import$/);
	const id = new URL(ada.url()).pathname.split('/')[2] as string;
	await ada.getByLabel('Files to import', { exact: true }).setInputFiles({
		name: 'rows.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('text\none\ntwo\nthree\nfour\n')
	});
	await ada.getByRole('button', { name: /^Import 1 file$/ }).click();
	await expect(ada.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await ada.goto(`${app.url}/p/${id}/label`);
	await expect(ada.getByText(/Item \d+ of/)).toBeVisible();
	await ada.keyboard.press('1');
	await expect(ada.getByTestId('done-count')).toHaveText('1');
	await ada.keyboard.press('2');
	await expect(ada.getByTestId('done-count')).toHaveText('2');

	await ada.goto(`${app.url}/p/${id}/team`);
	await expectAxeClean(ada, 'team page');
	// Bo joins as an annotator: with one annotator per item, rendezvous hashing of 4 items over two
	// random member ids leaves Bo none 1 time in 16. Two per item gives both every item.
	await ada.getByLabel('Annotators per item (overlap)').fill('2');
	await ada.getByRole('button', { name: 'Save', exact: true }).click();
	await ada.getByLabel('Passphrase (optional, encrypts the file)').fill('river stone');
	const [download] = await Promise.all([
		ada.waitForEvent('download'),
		ada.getByRole('button', { name: 'Save sync file' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/\.quorum$/);
	const bundle = readFileSync(await download.path());
	const file = { name: 'field.quorum', mimeType: 'application/zip', buffer: bundle };

	const bo = await profile(browser, app.url, 'Bo');
	await bo.goto(`${app.url}/join`);
	await expectAxeClean(bo, 'join page (no invite)');
	await bo.getByLabel('Sync file (.quorum) someone gave you').setInputFiles(file);
	await bo.getByLabel('Its passphrase (if it has one)').fill('wrong');
	await bo.getByRole('button', { name: 'Open sync file' }).click();
	await expect(bo.getByRole('alert')).toContainText('passphrase is wrong');
	await bo.getByLabel('Its passphrase (if it has one)').fill('river stone');
	await bo.getByRole('button', { name: 'Open sync file' }).click();
	await expect(bo).toHaveURL(new RegExp(`/p/${id}$`));
	expect(await annotations(bo, id)).toBe(2);

	// Import the same file again: nothing changes.
	await bo.goto(`${app.url}/p/${id}/team`);
	await bo.getByLabel('Sync file to import').setInputFiles(file);
	await bo.getByLabel('Passphrase of the file (if it has one)').fill('river stone');
	await bo.getByRole('button', { name: 'Import sync file' }).click();
	await expect(bo.getByText('Nothing new')).toBeVisible();

	// A damaged file gets a clear message and changes nothing.
	const broken = Buffer.from(bundle);
	broken.fill(0x41, 200, 400);
	await bo.getByLabel('Sync file to import').setInputFiles({ ...file, buffer: broken });
	await bo.getByRole('button', { name: 'Import sync file' }).click();
	await expect(bo.getByRole('alert')).toContainText(
		/damaged|not a Quorum sync bundle|passphrase is wrong/
	);
	expect(await annotations(bo, id)).toBe(2);

	// Bo labels offline; a delta file back to Ada merges Bo's label there.
	await bo.goto(`${app.url}/p/${id}/label`);
	await expect(bo.getByText(/Item \d+ of/)).toBeVisible();
	await bo.keyboard.press('1');
	await expect(bo.getByTestId('done-count')).toHaveText('1');
	await bo.goto(`${app.url}/p/${id}/team`);
	const [back] = await Promise.all([
		bo.waitForEvent('download'),
		bo.getByRole('button', { name: 'Save sync file' }).click()
	]);
	await ada.goto(`${app.url}/p/${id}/team`);
	await ada.getByLabel('Sync file to import').setInputFiles({
		name: 'back.quorum',
		mimeType: 'application/zip',
		buffer: readFileSync(await back.path())
	});
	await ada.getByRole('button', { name: 'Import sync file' }).click();
	await expect(ada.getByText(/Merged back\.quorum/)).toBeVisible();
	expect(await annotations(ada, id)).toBe(3);
	await ada.reload();
	expect(await annotations(ada, id)).toBe(3);
});

test('settings: connection section saves and rejects bad URLs', async ({ page, app }) => {
	await page.goto(app.url);
	await welcome(page, 'Ada');
	await page.goto(`${app.url}/settings`);
	await page.getByLabel('Signaling servers').fill('http://nope');
	await page.getByRole('button', { name: 'Save connection settings' }).click();
	await expect(page.getByRole('alert')).toContainText('is not a signaling URL');
	await page.getByLabel('Signaling servers').fill('ws://127.0.0.1:4444');
	await page.getByLabel('STUN/TURN servers').fill('stun:127.0.0.1:3478');
	await page.getByRole('button', { name: 'Save connection settings' }).click();
	await expect(page.getByText('Saved.')).toBeVisible();
	await expectAxeClean(page, 'settings with sync section');
});

test('a sync file can hold only what another device lacks, from that device’s state file', async ({
	browser,
	app
}) => {
	const ada = await profile(browser, app.url, 'Ada');
	await ada
		.getByRole('button', { name: /New project|Create your first project/ })
		.first()
		.click();
	await ada.getByLabel('Project name').fill('Delta');
	await ada.getByRole('textbox', { name: /^Labels/ }).fill('Good, Bad');
	await ada.getByRole('button', { name: 'Create project' }).click();
	await expect(ada).toHaveURL(/\/p\/[0-9a-f]+\/import$/);
	const id = new URL(ada.url()).pathname.split('/')[2] as string;
	const rows = ['text', ...Array.from({ length: 300 }, (_, i) => `row ${i} ${'z'.repeat(80)}`)];
	await ada.getByLabel('Files to import', { exact: true }).setInputFiles({
		name: 'rows.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(rows.join('\n') + '\n')
	});
	await ada.getByRole('button', { name: /^Import 1 file$/ }).click();
	await expect(ada.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	const save = async (page: Page, button: string) => {
		const [d] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: button }).click()
		]);
		return { name: d.suggestedFilename(), buffer: readFileSync(await d.path()) };
	};
	await ada.goto(`${app.url}/p/${id}/team`);
	const full = await save(ada, 'Save sync file');

	const bo = await profile(browser, app.url, 'Bo');
	await bo.goto(`${app.url}/join`);
	await bo
		.getByLabel('Sync file (.quorum) someone gave you')
		.setInputFiles({ name: full.name, mimeType: 'application/zip', buffer: full.buffer });
	await bo.getByRole('button', { name: 'Open sync file' }).click();
	await expect(bo).toHaveURL(new RegExp(`/p/${id}$`));

	// Ada labels after Bo got the project; Bo sends his state file; Ada's delta is small.
	await ada.goto(`${app.url}/p/${id}/label`);
	await expect(ada.getByText(/Item \d+ of/)).toBeVisible();
	await ada.keyboard.press('1');
	await expect(ada.getByTestId('done-count')).toHaveText('1');
	await bo.goto(`${app.url}/p/${id}/team`);
	const state = await save(bo, "Save this device's state file");
	expect(state.name).toMatch(/\.quorum-state$/);
	await ada.goto(`${app.url}/p/${id}/team`);
	await ada
		.getByLabel('Only what another device lacks: its state file (optional)')
		.setInputFiles({ name: state.name, mimeType: 'application/json', buffer: state.buffer });
	await expectAxeClean(ada, 'team page with a state file chosen');
	const delta = await save(ada, 'Save sync file');
	expect(delta.name).toMatch(/-delta\.quorum$/);
	expect(delta.buffer.length).toBeLessThan(full.buffer.length / 5);

	await bo
		.getByLabel('Sync file to import')
		.setInputFiles({ name: delta.name, mimeType: 'application/zip', buffer: delta.buffer });
	await bo.getByRole('button', { name: 'Import sync file' }).click();
	await expect(bo.getByText(/^Merged .*1 new labels/)).toBeVisible();
	expect(await annotations(bo, id)).toBe(1);

	// A state file of another project is refused with a clear message.
	const other = JSON.parse(state.buffer.toString()) as Record<string, unknown>;
	other.project = '0123456789abcdef';
	await ada.goto(`${app.url}/p/${id}/team`);
	await ada.getByLabel('Only what another device lacks: its state file (optional)').setInputFiles({
		name: 'other.quorum-state',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(other))
	});
	await ada.getByRole('button', { name: 'Save sync file' }).click();
	await expect(ada.getByRole('alert')).toContainText('from another project');
});
