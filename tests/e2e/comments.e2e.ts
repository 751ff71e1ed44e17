/**
 * Comments on a 375×667 touch phone in annotator mode: the item's comments open from the top
 * line, a thread is started and answered, survives a reload, is resolved and reopened; the dialog
 * is axe-clean and the page never scrolls sideways.
 */
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { importFiles, projectCreate } from './pages';

const CSV = 'tests/fixtures/import/reviews.csv';

test.describe('comments on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('start, answer, reload, resolve and reopen a thread', async ({ page, app }) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		const id = await projectCreate(page, 'Reviews', 'positive, negative');
		await importFiles(page, [CSV], { textField: 'text' });
		await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
		await page.goto(`${app.url}/p/${id}/label`);
		await page.getByRole('button', { name: 'Annotator mode' }).click();
		await expect(page.getByTestId('annotator-item')).toBeVisible();

		const open = page.getByRole('button', { name: /^Comments: none yet/ });
		await open.tap();
		const dialog = page.getByRole('dialog', { name: 'Comments' });
		await expect(dialog.getByText('No comments on this item yet.')).toBeVisible();
		await dialog
			.getByRole('textbox', { name: 'New comment' })
			.fill('Is “meh” negative or neutral?');
		await dialog.getByRole('button', { name: 'Comment', exact: true }).tap();
		const thread = dialog.getByTestId('comment-thread');
		await expect(thread).toHaveCount(1);
		await expect(thread).toContainText('Is “meh” negative or neutral?');
		await expect(thread).toContainText('You');
		// An empty answer says what to do.
		await thread.getByRole('button', { name: 'Send answer' }).tap();
		await expect(thread.getByRole('alert')).toHaveText('Write something first.');
		await thread.getByRole('textbox', { name: 'Answer' }).fill('Negative, see the guidelines');
		await thread.getByRole('button', { name: 'Send answer' }).tap();
		await expect(thread.locator('.comments > li')).toHaveCount(2);
		await expectAxeClean(page, 'comments dialog on a phone');
		const w = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(w).toBeLessThanOrEqual(375);
		await dialog.getByRole('button', { name: 'Close' }).tap();
		await expect(page.getByRole('button', { name: 'Comments: 1 thread' })).toBeVisible();

		// The thread is in the project doc: a reload shows it.
		await page.reload();
		await page.getByRole('button', { name: 'Comments: 1 thread' }).tap();
		await expect(dialog.getByTestId('comment-thread')).toContainText(
			'Negative, see the guidelines'
		);
		await dialog.getByRole('button', { name: 'Resolve' }).tap();
		await expect(dialog.getByTestId('comment-thread')).toHaveCount(0);
		await dialog.getByRole('button', { name: 'Show 1 resolved thread' }).tap();
		await expect(dialog.getByTestId('comment-thread')).toContainText('Resolved by You.');
		await dialog.getByRole('button', { name: 'Reopen' }).tap();
		await expect(dialog.getByRole('button', { name: 'Resolve' })).toBeVisible();
	});
});
