/**
 * In-browser ML as a user meets it, with the network off after the first load: label 30 items
 * (3 of them wrongly, on purpose), train the text model in its worker, accept pre-labels by
 * keyboard, then find the planted label errors and send one to review. Axe-clean, and on a phone.
 */
import { readFileSync } from 'node:fs';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { currentText, importFiles, projectCreate } from './pages';

const CSV = 'tests/fixtures/ml/topics.csv';
const truth = new Map(
	readFileSync(CSV, 'utf8')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => {
			const m = /^[^,]+,(.*),(sports|cooking)$/.exec(line) as RegExpExecArray;
			return [m[1] as string, m[2] as string];
		})
);
const KEY: Record<string, string> = { sports: '1', cooking: '2' };
/** Positions (in labeling order) labeled with the wrong class on purpose. */
const PLANTED = new Set([4, 11, 18]);

test.use({ viewport: { width: 1280, height: 800 } });

test('label 30, train, accept suggestions by keyboard, find planted label errors — offline', async ({
	page,
	context,
	app
}) => {
	test.setTimeout(180_000);
	await page.goto(app.url);
	await welcome(page, 'Ada');
	await projectCreate(page, 'Topics', 'sports, cooking');
	await importFiles(page, [CSV], { textField: 'text' });
	await expect(page.getByRole('status').filter({ hasText: 'items added' })).toContainText(
		'60 items added'
	);

	// Offline from here on: the app, the model worker and its wasm come from the service worker.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await context.setOffline(true);

	// Before any label, the Model tab says what it needs.
	await page.getByRole('link', { name: 'Model', exact: true }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Label at least 5 items' })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Train model' })).toBeDisabled();

	// Label 30 items by keyboard, 3 of them wrongly.
	await page.getByRole('link', { name: 'Label', exact: true }).click();
	const planted: string[] = [];
	for (let i = 0; i < 30; i++) {
		const text = await currentText(page);
		const right = truth.get(text) as string;
		const given = PLANTED.has(i) ? (right === 'sports' ? 'cooking' : 'sports') : right;
		if (PLANTED.has(i)) planted.push(text);
		await page.keyboard.press(KEY[given] as string);
		await expect(page.getByTestId('done-count')).toHaveText(String(i + 1));
	}

	// Train in the worker; progress shows, then the model and its suggestions.
	await page.getByRole('link', { name: 'Model', exact: true }).click();
	await page.getByRole('button', { name: 'Train model' }).click();
	await expect(page.getByTestId('model-info')).toContainText('Trained on 30 items', {
		timeout: 60_000
	});
	await expect(page.getByTestId('suggested-count')).toContainText(/^[1-9]\d* unlabeled items/, {
		timeout: 30_000
	});
	// How it did on held-out folds: against always answering one label, calibrated, per label.
	const baseline = page.getByTestId('model-baseline');
	await expect(baseline).toContainText('On 30 held-out items (5 folds)');
	await expect(baseline).toContainText(/always answering “(sports|cooking)” would be right \d+%/);
	await expect(baseline).toContainText('Its suggestions are shown.');
	await expect(page.getByTestId('model-calibration')).toContainText(/calibration error goes from/);
	await expect(page.getByTestId('per-label').getByRole('row')).toHaveCount(3);
	await expect(page.getByTestId('confusion').getByRole('row')).toHaveCount(3);
	await expect(page.getByRole('heading', { name: /^Reliability/ })).toBeVisible();
	await expectAxeClean(page, 'model');
	// Calibrated, a model right about 80% of the time on held-out items says about 80%, so some of
	// its suggestions fall under 60%: show every suggestion at or above 50% (its top class).
	const slider = page.getByLabel(/^Suggest only at or above \d+% confidence/);
	await slider.focus();
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByText('Suggest only at or above 50% confidence')).toBeVisible();

	// Accept 5 suggestions with A; each is the right class, and counts as my label.
	await page.getByRole('link', { name: 'Label', exact: true }).click();
	for (let i = 0; i < 5; i++) {
		const text = await currentText(page);
		const s = page.getByTestId('suggestion');
		await expect(s).toBeVisible();
		await expect(s).toContainText(`Suggestion: ${truth.get(text)}`);
		await expect(s).toContainText(/\d+% confident/);
		if (i === 0) await expectAxeClean(page, 'label with a suggestion');
		await page.keyboard.press('a');
		await expect(page.getByTestId('done-count')).toHaveText(String(31 + i));
		await expect.poll(() => currentText(page)).not.toBe(text);
	}
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByText('Your answer is an accepted suggestion')).toBeVisible();

	// Correcting is labeling as usual: the suggestion goes once I answer.
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('suggestion')).toBeVisible();
	const t = await currentText(page);
	await page.keyboard.press(KEY[truth.get(t) as string] as string);
	await expect(page.getByTestId('done-count')).toHaveText('36');

	// Find the planted label errors: k-fold probabilities + confident learning.
	await page.getByRole('link', { name: 'Model', exact: true }).click();
	await page.getByRole('button', { name: 'Find likely label errors' }).click();
	const issues = page.getByTestId('label-issue');
	await expect(issues.first()).toBeVisible({ timeout: 60_000 });
	const found = await issues.allTextContents();
	for (const p of planted) expect(found.some((f) => f.includes(p.slice(0, 40)))).toBe(true);
	expect(found.length).toBeLessThanOrEqual(planted.length + 2);
	await issues
		.first()
		.getByRole('button', { name: /Send .* to review/ })
		.click();
	await expect(issues.first()).toContainText('In review');
	await expectAxeClean(page, 'label errors');
	await page.screenshot({ path: 'test-results/ml-model-laptop.png', fullPage: true });

	// On a phone.
	await page.setViewportSize({ width: 375, height: 667 });
	await expectAxeClean(page, 'model on a phone');
	await page.screenshot({ path: 'test-results/ml-model-phone.png', fullPage: true });
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
	expect(overflow).toBe(false);
});
