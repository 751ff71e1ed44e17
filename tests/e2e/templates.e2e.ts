/**
 * Templates at creation: picking one fills in its labels, shows the keys it sets up, and the new
 * project has its task, with every task's keys in the label page's hint.
 */
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { csvFile, importFiles } from './pages';

test.use({ viewport: { width: 1280, height: 800 } });

test('a named-entity project from its template', async ({ page, app }) => {
	await page.goto(app.url);
	await welcome(page, 'Ada');
	await page.getByRole('button', { name: 'Create your first project' }).click();
	await page.getByLabel('Project name').fill('People and places');
	await page.getByLabel('Template').selectOption({ label: 'Named entities (NER)' });
	await expect(page.getByLabel('Labels', { exact: true })).toHaveValue(
		'person, organisation, place, other'
	);
	await page.getByLabel('Labels', { exact: true }).fill('person, place');
	const keys = page.getByTestId('template-keys');
	await expect(keys).toContainText('1 person');
	await expect(keys).toContainText('2 place');
	await expect(keys).toContainText('r start a relation');
	await expectAxeClean(page, 'new project with a template');
	await page.getByRole('button', { name: 'Create project' }).click();
	await expect(page).toHaveURL(/\/p\/[0-9a-f]+\/import$/);

	await importFiles(page, [csvFile('people.csv', ['Ada met Grace in London.'])]);
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await page.getByRole('link', { name: 'Label', exact: true }).click();
	await expect(page.getByRole('button', { name: /person/ }).first()).toBeVisible();
	const hint = page.locator('.hint.keys');
	await expect(hint).toContainText('1 person');
	await expect(hint).toContainText('2 place');
});
