/**
 * HTML documents: import a page of libffi's manual saved from its Debian package, shown sanitized
 * in a shadow root; spans that cross element boundaries by mouse selection and by find + label
 * key, relabel, undo, reload and export with XPaths — on a laptop, then by touch on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { projectNew, shot, taskAdd } from './tools';

const PAGE = readFileSync('tests/fixtures/html/libffi-introduction.html');

async function setup(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, 'Manuals', '');
	await page.getByLabel('HTML files to import').setInputFiles([
		{ name: 'Introduction.html', mimeType: 'text/html', buffer: PAGE },
		{ name: 'empty.html', mimeType: 'text/html', buffer: Buffer.from('') }
	]);
	await expect(page.getByTestId('html-result')).toContainText('1 HTML documents added');
	await taskAdd(page, 'Text spans (NER, keywords)', 'Terms', ['term', 'acronym']);
	await page.goto(page.url().replace(/\/schema$/, '/label'));
	await expect(page.getByTestId('html-doc').locator('h2')).toHaveText('1 What is libffi?');
}

const span = (page: Page, n: number) =>
	page
		.getByRole('list', { name: 'Terms: spans' })
		.getByRole('button', { name: new RegExp(`^${n}\\. `) });

test.describe('HTML spans with mouse and keyboard', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('select across elements, find, relabel, undo, reload, export', async ({ page, app }) => {
		await setup(page, app.url);
		const doc = page.getByTestId('html-doc');
		// Nothing runs or loads: the page's style sheet is gone, links open elsewhere.
		expect(await doc.evaluate((el) => el.shadowRoot?.querySelectorAll('style').length)).toBe(1);
		await expectAxeClean(page, 'label page with an HTML document');

		// Keyboard: find text that crosses from a paragraph into <em>, then press the label key.
		await page.getByRole('searchbox', { name: 'Find text' }).fill('is the calling');
		await page.getByRole('searchbox', { name: 'Find text' }).press('Enter');
		await doc.focus();
		await page.keyboard.press('1');
		await expect(span(page, 1)).toHaveText('1. term: “is the calling”');

		// Mouse: drag across “libffi” in the heading.
		const h2 = doc.locator('h2');
		const box = await h2.boundingBox();
		if (!box) throw new Error('no heading');
		await page.mouse.move(box.x + 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 6 });
		await page.mouse.up();
		await page
			.getByRole('group', { name: 'Terms: label the selected text' })
			.getByRole('button', { name: /acronym/ })
			.click();
		await expect(span(page, 1)).toHaveText(/^1\. acronym: “1 What is libffi\?”$/);
		await span(page, 2).click();
		await doc.focus();
		await page.keyboard.press('2');
		await expect(span(page, 2)).toContainText('acronym');
		await shot(page, 'html-laptop');
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(span(page, 2)).toContainText('term');

		await page.reload();
		await expect(span(page, 2)).toHaveText('2. term: “is the calling”');
		await expect(doc.locator('mark')).toHaveCount(3);
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
						text: string;
						annotations: { value: { spans: { xpath: { end: string } }[] } }[];
					}
			);
		expect(row?.text).toContain('<em>calling');
		const spans = row?.annotations[0]?.value.spans ?? [];
		expect(spans.map((s) => s.xpath.end)).toEqual([
			expect.stringMatching(/h2\[1\]\/text\(\)\[1\]$/),
			expect.stringMatching(/em\[1\]\/text\(\)\[1\]$/)
		]);
	});
});

test.describe('HTML spans by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('find, label by tap, delete, undo, reload', async ({ page, app }) => {
		await setup(page, app.url);
		await expectAxeClean(page, 'HTML document on a phone');
		await page.getByRole('searchbox', { name: 'Find text' }).fill('Foreign Function Interface');
		await page.getByRole('button', { name: 'Find next' }).tap();
		await page
			.getByRole('group', { name: 'Terms: label the selected text' })
			.getByRole('button', { name: /term/ })
			.tap();
		await expect(span(page, 1)).toHaveText('1. term: “Foreign Function Interface”');
		await span(page, 1).tap();
		await page.getByRole('button', { name: 'Delete span' }).tap();
		await expect(span(page, 1)).toHaveCount(0);
		await page.getByRole('button', { name: 'Undo' }).tap();
		await expect(span(page, 1)).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await shot(page, 'html-phone');
		await page.reload();
		await expect(span(page, 1)).toHaveText('1. term: “Foreign Function Interface”');
	});
});
