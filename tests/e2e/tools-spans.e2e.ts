/**
 * Text spans and relations: select with the mouse, with Shift+arrows, or by tapping a word;
 * label by hotkey or button; overlap refused when the task says so; relations drawn as arrows;
 * undo, delete, reload and export — on a laptop, then by touch on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { charAt, projectNew, shot, taskAdd } from './tools';

const TEXT = 'Ada Lovelace met Charles Babbage in London, 1833.';

async function setup(page: Page, url: string, name: string): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, name, '');
	await page.getByLabel('Files to import', { exact: true }).setInputFiles({
		name: 'people.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`id,text\n1,"${TEXT}"\n`)
	});
	await page.getByLabel('Text to label comes from').selectOption('text');
	await page.getByRole('button', { name: /^Import 1 file$/ }).click();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await taskAdd(page, 'Text spans (NER, keywords)', 'Entities', ['PER', 'ORG', 'LOC']);
	await taskAdd(page, 'Relations between spans', 'Links', ['knows']);
	await expectAxeClean(page, 'labels page with annotation tasks');
	await page.getByRole('link', { name: 'Label', exact: true }).click();
	await expect(page.getByTestId('span-text')).toContainText(TEXT);
}

const spansList = (page: Page) => page.getByRole('list', { name: 'Entities: spans' });

test.describe('text spans with mouse and keyboard', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('select, label, relate, undo, reload and export', async ({ page, app }) => {
		await setup(page, app.url, 'People');
		await expectAxeClean(page, 'label page with spans');

		// Mouse: drag from inside "Ada" to inside "Lovelace"; the selection snaps to whole words.
		const a = await charAt(page, 1);
		const b = await charAt(page, 8);
		await page.mouse.move(a.x, a.y);
		await page.mouse.down();
		await page.mouse.move(b.x, b.y, { steps: 5 });
		await page.mouse.up();
		await expect(page.getByRole('status').filter({ hasText: 'Selected' })).toContainText(
			'Selected “Ada Lovelace”'
		);
		await page.keyboard.press('1');
		await page.getByText(/^1 span/).click();
		await expect(spansList(page)).toContainText('PER: Ada Lovelace');

		// Keyboard: tokens by arrow keys, Shift extends, hotkey labels.
		await page.getByTestId('span-text').focus();
		for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Shift+ArrowRight');
		await page.keyboard.press('1');
		await expect(spansList(page)).toContainText('PER: Charles Babbage');

		// Overlap is refused by default.
		await page.keyboard.press('Shift+ArrowRight');
		await page.keyboard.press('2');
		await expect(page.getByText('This task does not allow overlapping spans.')).toBeVisible();
		await page.keyboard.press('Escape');

		// A relation: select the first span, R, then click the second; an arrow is drawn.
		await page.mouse.click((await charAt(page, 2)).x, (await charAt(page, 2)).y);
		await page.keyboard.press('r');
		await page.mouse.click((await charAt(page, 20)).x, (await charAt(page, 20)).y);
		await expect(page.getByText('Relation added.')).toBeVisible();
		await expect(page.locator('.arrows > path')).toHaveCount(1);
		await expect(spansList(page)).toContainText('Ada Lovelace → knows → Charles Babbage');
		await shot(page, 'spans-laptop');
		await expectAxeClean(page, 'label page with spans and a relation');

		// Undo removes the relation, redo brings it back.
		await page.keyboard.press('Control+z');
		await expect(page.locator('.arrows > path')).toHaveCount(0);
		await page.keyboard.press('Control+Shift+z');
		await expect(page.locator('.arrows > path')).toHaveCount(1);

		// "London" as LOC, then deleted with the Delete key, then undone.
		await page.mouse.click((await charAt(page, 37)).x, (await charAt(page, 37)).y);
		await page.keyboard.press('3');
		await expect(spansList(page)).toContainText('LOC: London');
		await page.mouse.click((await charAt(page, 37)).x, (await charAt(page, 37)).y);
		await page.keyboard.press('Delete');
		await expect(spansList(page)).not.toContainText('LOC: London');
		await page.keyboard.press('Control+z');
		await expect(spansList(page)).toContainText('LOC: London');

		await page.reload();
		await page.getByText(/^3 spans, 1 relation/).click();
		await expect(spansList(page)).toContainText('PER: Ada Lovelace');
		await expect(spansList(page)).toContainText('PER: Charles Babbage');
		await expect(spansList(page)).toContainText('LOC: London');
		await expect(page.locator('.arrows > path')).toHaveCount(1);

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
		expect(rows[0]?.annotations.map((x) => x.task).sort()).toEqual(['relations-3', 'spans-2']);
	});
});

test.describe('text spans by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('tap a word, tap a label, delete, undo and reload', async ({ page, app }) => {
		await setup(page, app.url, 'Phone people');
		await expectAxeClean(page, 'spans on a phone');
		await page.getByTestId('span-text').scrollIntoViewIfNeeded();
		const p = await charAt(page, 38);
		await page.touchscreen.tap(p.x, p.y);
		await expect(page.getByRole('status').filter({ hasText: 'Selected' })).toContainText('London');
		await page.getByRole('button', { name: /^LOC/ }).tap();
		await page.getByText(/^1 span/).tap();
		await expect(spansList(page)).toContainText('LOC: London');
		const q = await charAt(page, 5);
		await page.touchscreen.tap(q.x, q.y);
		await page.getByRole('button', { name: /^PER/ }).tap();
		await expect(spansList(page)).toContainText('PER: Lovelace');

		// Tap the span, delete it, undo.
		await page.touchscreen.tap(q.x, q.y);
		await page.getByRole('button', { name: 'Delete span' }).tap();
		await expect(spansList(page)).not.toContainText('PER: Lovelace');
		await page.getByRole('button', { name: 'Undo' }).tap();
		await expect(spansList(page)).toContainText('PER: Lovelace');
		await shot(page, 'spans-phone');

		await page.reload();
		await page.getByText(/^2 spans/).tap();
		await expect(spansList(page)).toContainText('LOC: London');
		await expect(spansList(page)).toContainText('PER: Lovelace');
	});
});
