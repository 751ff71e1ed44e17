/**
 * Own keys: `?` lists every key of the label view, a person moves a label to another key for
 * this project, labels with it, and finds it again after a reload.
 */
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { importFiles, projectCreate } from './pages';

test.use({ viewport: { width: 1280, height: 800 } });

test('remap a label key with the ? help, use it, keep it after a reload', async ({ page, app }) => {
	await page.goto(app.url);
	await welcome(page, 'Ada');
	const id = await projectCreate(page, 'Reviews', 'positive, negative, neutral');
	await importFiles(page, ['tests/fixtures/import/reviews.csv'], { textField: 'text' });
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await page.goto(`${app.url}/p/${id}/label`);
	await expect(page.getByTestId('done-count')).toHaveText('0');

	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Keys' });
	await expect(help).toBeVisible();
	for (const what of [
		'positive',
		'negative',
		'neutral',
		'skip to the next unlabeled item',
		'guidelines'
	])
		await expect(help.getByRole('row').filter({ hasText: what })).toHaveCount(1);
	await expectAxeClean(page, 'keys help');
	await help.getByRole('button', { name: 'Change the key for positive' }).click();
	await page.keyboard.press('j');
	await expect(help.getByTestId('key-1')).toHaveText('j');
	await help.getByRole('button', { name: 'Close' }).click();

	await expect(page.getByRole('button', { name: /positive/ })).toHaveAttribute(
		'aria-keyshortcuts',
		'j'
	);
	await page.keyboard.press('j');
	await expect(page.getByTestId('done-count')).toHaveText('1');

	await page.reload();
	await expect(page.getByTestId('done-count')).toHaveText('1');
	await page.keyboard.press('j');
	await expect(page.getByTestId('done-count')).toHaveText('2');
	await page.keyboard.press('?');
	await expect(help.getByTestId('key-1')).toHaveText('j');
	await help.getByRole('button', { name: "Use the project's keys again" }).click();
	await expect(help.getByTestId('key-1')).toHaveText('1');
});
