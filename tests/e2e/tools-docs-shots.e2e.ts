/**
 * Regenerates the README screenshots (docs/screenshot-label*.png): the labeling view of a text
 * project at laptop and phone size. Runs only with DOCS_SHOTS=1.
 */
import { expect, test, welcome } from './fixtures';
import { projectNew } from './tools';

test.skip(!process.env.DOCS_SHOTS, 'set DOCS_SHOTS=1 to regenerate the README screenshots');

for (const [name, viewport] of [
	['screenshot-label', { width: 1280, height: 800 }],
	['screenshot-label-phone', { width: 375, height: 667 }]
] as const) {
	test(`README screenshot ${name}`, async ({ page, app }) => {
		await page.setViewportSize(viewport);
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Product reviews', 'positive, negative, neutral');
		await page
			.getByLabel('Files to import', { exact: true })
			.setInputFiles('tests/fixtures/import/reviews.csv');
		await page.getByLabel('Text to label comes from').selectOption('text');
		await page.getByRole('button', { name: /^Import 1 file$/ }).click();
		await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
		await page.getByRole('link', { name: 'Label', exact: true }).click();
		await expect(page.getByTestId('item-text')).toBeVisible();
		await page.screenshot({ path: `docs/${name}.png` });
	});
}
