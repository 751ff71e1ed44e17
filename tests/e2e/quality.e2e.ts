/**
 * Quality control end to end (issue 8): two annotators and a reviewer in three browser profiles
 * that exchange sync files (no network). Agreeing items are accepted at the threshold, the reviewer
 * resolves the rest by keyboard, gold accuracy exposes the planted bad annotator, and the
 * dashboard's α equals the core's on the same answers.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { krippendorffAlpha } from '../../src/lib/core/quality/agreement/krippendorff';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { currentText, projectCreate } from './pages';

const TEXTS = ['alpha one', 'bravo two', 'charlie three', 'delta four', 'echo five', 'foxtrot six'];
// Bo is careful; Cy (planted) gets both gold items wrong. They agree on the first two items only.
const BO = ['Good', 'Good', 'Good', 'Bad', 'Good', 'Bad'];
const CY = ['Good', 'Good', 'Bad', 'Good', 'Bad', 'Good'];

async function profile(browser: Browser, url: string, name: string): Promise<Page> {
	const page = await (
		await browser.newContext({ viewport: { width: 1280, height: 800 } })
	).newPage();
	await page.goto(url);
	await welcome(page, name);
	return page;
}

async function syncFileSave(page: Page, url: string, id: string) {
	await page.goto(`${url}/p/${id}/team`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Save sync file' }).click()
	]);
	return {
		name: 'x.quorum',
		mimeType: 'application/zip',
		buffer: readFileSync(await download.path())
	};
}

async function syncFileImport(
	page: Page,
	url: string,
	id: string,
	file: { name: string; mimeType: string; buffer: Buffer }
) {
	await page.goto(`${url}/p/${id}/team`);
	await page.getByLabel('Sync file to import').setInputFiles(file);
	await page.getByRole('button', { name: 'Import sync file' }).click();
	await expect(page.getByText(/Merged x\.quorum/)).toBeVisible();
}

async function labelAll(page: Page, url: string, id: string, answers: string[]) {
	await page.goto(`${url}/p/${id}/label`);
	for (let n = 0; n < TEXTS.length; n++) {
		await expect(page.getByText(/Item \d+ of 6/)).toBeVisible();
		const text = await currentText(page);
		const i = TEXTS.indexOf(text);
		expect(i, `unexpected item "${text}"`).toBeGreaterThanOrEqual(0);
		await page.keyboard.press(answers[i] === 'Good' ? '1' : '2');
		await expect(page.getByTestId('done-count')).toHaveText(String(n + 1));
	}
}

test('two annotators and a reviewer: consensus, review by keyboard, gold accuracy, dashboard', async ({
	browser,
	app
}) => {
	test.setTimeout(180_000);
	const ada = await profile(browser, app.url, 'Ada');
	const id = await projectCreate(ada, 'Quality check', 'Good, Bad');
	const csv = [
		'text,gold',
		...TEXTS.map((t, i) => `${t},${i === 4 ? 'Good' : i === 5 ? 'Bad' : ''}`)
	];
	await ada.getByLabel('Files to import', { exact: true }).setInputFiles({
		name: 'items.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv.join('\n') + '\n')
	});
	await ada.getByLabel('Known answers (gold) come from').selectOption('gold');
	await ada.getByRole('button', { name: /^Import 1 file$/ }).click();
	await expect(ada.getByText('2 gold answers set.')).toBeVisible();

	await ada.goto(`${app.url}/p/${id}/team`);
	await ada.getByLabel('Annotators per item (overlap)').fill('2');
	await ada.getByRole('button', { name: 'Save', exact: true }).click();
	await ada.goto(`${app.url}/p/${id}/quality`);
	await ada.getByLabel('Threshold (%)').fill('100');
	await ada.getByRole('form', { name: 'Consensus' }).getByRole('button', { name: 'Save' }).click();
	await expect(ada.getByText(/Saved: majority vote/)).toBeVisible();
	await ada.getByLabel('Share of each queue (%)').fill('30');
	await ada.getByLabel('Show the right answer after each gold item').check();
	await ada.getByRole('form', { name: 'Gold items' }).getByRole('button', { name: 'Save' }).click();
	await expect(ada.getByText(/About 30% of each annotator's queue/)).toBeVisible();
	await expectAxeClean(ada, 'quality page, empty');

	const start = await syncFileSave(ada, app.url, id);
	const people: Page[] = [];
	for (const [name, answers] of [
		['Bo', BO],
		['Cy', CY]
	] as const) {
		const p = await profile(browser, app.url, name);
		await p.goto(`${app.url}/join`);
		await p.getByLabel('Sync file (.quorum) someone gave you').setInputFiles(start);
		await p.getByRole('button', { name: 'Open sync file' }).click();
		await expect(p).toHaveURL(new RegExp(`/p/${id}$`));
		await labelAll(p, app.url, id, [...answers]);
		// Immediate feedback after gold items: Cy got them wrong, Bo right.
		await expect(p.getByText(name === 'Cy' ? 'Not quite:' : 'Right:')).toBeVisible();
		people.push(p);
	}
	for (const p of people)
		await syncFileImport(ada, app.url, id, await syncFileSave(p, app.url, id));

	// Agreeing items are accepted (2 by majority, 2 gold); the two disputes wait for review.
	await ada.goto(`${app.url}/p/${id}/quality`);
	const summary = ada.getByRole('region', { name: 'Summary' });
	await expect(summary).toContainText('4 accepted');
	await expect(summary).toContainText('2 waiting for review');
	// The dashboard's α equals the core's on the same answers.
	const ratings = TEXTS.flatMap((t, i) => [
		{ item: t, rater: 'bo', value: BO[i] as string },
		{ item: t, rater: 'cy', value: CY[i] as string }
	]);
	const alpha = krippendorffAlpha(ratings, { resamples: 0 }).value;
	await expect(summary).toContainText(`${alpha.toFixed(2)} Krippendorff’s α`);
	// Gold accuracy: Bo 2/2, Cy 0/2 (the planted bad annotator).
	const rows = ada.getByRole('region', { name: 'Annotators' }).getByRole('row');
	await expect(rows.filter({ hasText: '2/2 (100%)' })).toHaveCount(1);
	await expect(rows.filter({ hasText: '0/2 (0%)' })).toHaveCount(1);
	await expectAxeClean(ada, 'quality dashboard');
	await ada.screenshot({ path: '/tmp/quorum-quality-laptop.png', fullPage: true });

	// The reviewer resolves both disputes by keyboard.
	await ada.goto(`${app.url}/p/${id}/review`);
	await expect(
		ada.getByRole('navigation', { name: 'Review queue' }).getByRole('listitem')
	).toHaveCount(2);
	await expectAxeClean(ada, 'review queue');
	await ada.screenshot({ path: '/tmp/quorum-review-laptop.png', fullPage: true });
	await ada.keyboard.press('1');
	await expect(
		ada.getByRole('navigation', { name: 'Review queue' }).getByRole('listitem')
	).toHaveCount(1);
	await ada.getByRole('button', { name: 'Add to guidelines as example' }).click();
	await expect(ada.getByText('Added to the guidelines as an example.')).toBeVisible();
	await ada.keyboard.press('2');
	await expect(ada.getByText('Nothing to review.')).toBeVisible();
	await ada.goto(`${app.url}/p/${id}/quality`);
	await expect(summary).toContainText('2 reviewed');
	await expect(summary).toContainText('0 waiting for review');
	await ada.goto(`${app.url}/p/${id}/guidelines`);
	await expect(ada.locator('textarea').first()).toHaveValue(
		/## Examples\s+- “\w+ \w+” → \*\*(Good|Bad)\*\*/
	);

	// Phone size.
	await ada.setViewportSize({ width: 375, height: 667 });
	await ada.goto(`${app.url}/p/${id}/quality`);
	await expect(summary).toContainText('2 reviewed');
	await ada.screenshot({ path: '/tmp/quorum-quality-phone.png', fullPage: true });
	await expectAxeClean(ada, 'quality dashboard on a phone');
});
