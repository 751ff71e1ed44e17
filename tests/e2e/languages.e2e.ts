/**
 * Right-to-left text and emoji on a 375×667 touch phone: an Arabic item reads right to left
 * (dir=auto), a tapped Arabic word becomes a span of the whole word, and a tapped emoji family
 * (one grapheme cluster of five code points joined by ZWJ) is selected whole, never split.
 */
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { charAt, projectNew, taskAdd } from './tools';

const FAMILY = '👩‍👩‍👧';
const TEXT = `سافرت ليلى إلى القاهرة مع ${FAMILY} يوم الجمعة.`;

test.describe('right-to-left text and emoji by touch', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('an Arabic word and an emoji family are tapped into whole spans', async ({ page, app }) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Arabic', '');
		await page.getByLabel('Files to import', { exact: true }).setInputFiles({
			name: 'ar.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(`id,text\n1,"${TEXT}"\n`)
		});
		await page.getByLabel('Text to label comes from').selectOption('text');
		await page.getByRole('button', { name: /^Import 1 file$/ }).click();
		await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
		await taskAdd(page, 'Text spans (NER, keywords)', 'Entities', ['PER', 'LOC', 'EMOJI']);
		await page.getByRole('link', { name: 'Label', exact: true }).click();
		const text = page.getByTestId('span-text');
		await expect(text).toContainText('القاهرة');

		// The paragraph takes its direction from its first strong character: Arabic, so RTL.
		const dir = await text
			.locator('.para')
			.first()
			.evaluate((el) => getComputedStyle(el).direction);
		expect(dir).toBe('rtl');

		// Tap inside "القاهرة": the whole word is selected and labeled.
		await text.scrollIntoViewIfNeeded();
		const cairo = TEXT.indexOf('القاهرة');
		const p = await charAt(page, cairo + 3);
		await page.touchscreen.tap(p.x, p.y);
		await expect(page.getByRole('status').filter({ hasText: 'Selected' })).toContainText(
			'Selected “القاهرة”'
		);
		await page.getByRole('button', { name: /^LOC/ }).tap();

		// Tap the family (one glyph): the whole family is one selection.
		const q = await text.evaluate((el, s) => {
			for (const piece of el.querySelectorAll<HTMLElement>('[data-start]')) {
				const node = piece.firstChild;
				const at = (node?.textContent ?? '').indexOf(s);
				if (!node || at < 0) continue;
				const r = document.createRange();
				r.setStart(node, at);
				r.setEnd(node, at + s.length);
				const b = r.getBoundingClientRect();
				return { x: b.left + b.width / 2, y: b.top + b.height / 2, w: b.width };
			}
			throw new Error('no family');
		}, FAMILY);
		expect(q.w).toBeGreaterThan(0);
		await page.touchscreen.tap(q.x, q.y);
		// (The status still tells the last label; the saved span shows what was selected.)
		await page.getByRole('button', { name: /^EMOJI/ }).tap();
		await page.getByText(/^2 spans/).tap();
		const list = page.getByRole('list', { name: 'Entities: spans' });
		await expect(list).toContainText('LOC: القاهرة');
		await expect(list).toContainText(`EMOJI: ${FAMILY}`);
		await expectAxeClean(page, 'Arabic spans on a phone');
		const w = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(w).toBeLessThanOrEqual(375);
	});
});
