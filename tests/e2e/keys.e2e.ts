/**
 * Own keys: `?` lists every key of the label view, a person moves a label to another key for
 * this project, labels with it, and finds it again after a reload.
 */
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { importFiles, projectCreate } from './pages';
import { projectNew, taskAdd } from './tools';

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

test("a tool's label picker shows and announces the person's own key", async ({ page, app }) => {
	await page.goto(app.url);
	await welcome(page, 'Ada');
	await projectNew(page, 'People', '');
	await page.getByLabel('Files to import', { exact: true }).setInputFiles({
		name: 'people.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('id,text\n1,"Ada Lovelace met Charles Babbage in London."\n')
	});
	await page.getByLabel('Text to label comes from').selectOption('text');
	await page.getByRole('button', { name: /^Import 1 file$/ }).click();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await taskAdd(page, 'Text spans (NER, keywords)', 'Entities', ['PER', 'LOC']);
	await page.getByRole('link', { name: 'Label', exact: true }).click();
	const per = page.getByRole('group', { name: 'Entities: labels' }).getByRole('button', {
		name: /^PER/
	});
	const before = await per.getAttribute('aria-keyshortcuts');
	expect(before).toBeTruthy();

	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Keys' });
	await help.getByRole('button', { name: 'Change the key for PER' }).click();
	await page.keyboard.press('j');
	await help.getByRole('button', { name: 'Close' }).click();
	await expect(per).toHaveAttribute('aria-keyshortcuts', 'j');
	await expect(per.locator('kbd')).toHaveText('j');
});
