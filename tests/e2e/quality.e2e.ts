/**
 * Quality control end to end (issue 8): two annotators and a reviewer in three browser profiles
 * that exchange sync files (no network). Agreeing items are accepted at the threshold, the reviewer
 * resolves the rest by keyboard, gold accuracy exposes the planted bad annotator, and the
 * dashboard's α equals the core's on the same answers.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { krippendorffAlpha } from '../../src/lib/core/quality/agreement/krippendorff';
import { crowdAnswers, crowdLabelStudio } from '../helpers/crowd-label-studio';
import { dataPath } from '../helpers/shared-data';
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

/**
 * TEMP (Snow et al. 2008: 462 event pairs, 10 crowd answers each) imported from a Label Studio
 * export into a new project; returns its id with the Quality page open.
 */
async function crowdProject(page: Page, url: string): Promise<string> {
	await page.goto(url);
	await welcome(page, 'Ada');
	const id = await projectCreate(page, 'TEMP', 'before, after');
	const answers = crowdAnswers(readFileSync(dataPath('crowd', 'temp', 'answers.csv'), 'utf8'));
	const json = crowdLabelStudio({ dataset: 'temp', answers, names: { 1: 'before', 2: 'after' } });
	await page.getByLabel('Files to import', { exact: true }).setInputFiles({
		name: 'temp.json',
		mimeType: 'application/json',
		buffer: Buffer.from(json)
	});
	await page
		.getByRole('region', { name: 'Preview: temp.json' })
		.getByRole('button', { name: 'Import', exact: true })
		.click();
	await expect(
		page.getByRole('region', { name: 'Imported temp.json' }).getByRole('status')
	).toContainText('462 items added');
	await page.goto(`${url}/p/${id}/quality`);
	await expect(page.getByRole('region', { name: 'Summary' })).toContainText('218 accepted');
	return id;
}

async function consensusSave(page: Page, c: { method?: string; threshold?: number }) {
	const form = page.getByRole('form', { name: 'Consensus' });
	if (c.method) await form.getByLabel('Method').selectOption(c.method);
	if (c.threshold !== undefined) await form.getByLabel('Threshold (%)').fill(String(c.threshold));
	await form.getByRole('button', { name: 'Save' }).click();
}

interface ReportRow {
	item: string;
	label: string;
	method: string;
	status: string;
}

/** The page's quality report (Report JSON) once its model has run with `method`. */
async function reportOnceRun(page: Page, method: string): Promise<ReportRow[]> {
	let rows: ReportRow[] = [];
	await expect(async () => {
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Report JSON' }).click()
		]);
		const r = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
			consensus: { method: string };
			modelAt?: number;
			items: ReportRow[];
		};
		expect(r.consensus.method).toBe(method);
		expect(r.modelAt).toBeDefined();
		rows = r.items;
		expect(rows.filter((o) => o.method === method)).toHaveLength(462);
	}).toPass({ timeout: 30_000 });
	return rows.map(({ item, label, method, status }) => ({ item, label, method, status }));
}

test.describe('Quality page on a crowd dataset imported from Label Studio', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('after Save the page names the method just chosen', async ({ page, app }) => {
		await crowdProject(page, app.url);
		const status = page.getByRole('form', { name: 'Consensus' }).getByRole('status');
		for (const [method, text] of [
			['ds', 'Dawid–Skene'],
			['glad', 'GLAD'],
			['mace', 'MACE'],
			['mv', 'majority vote']
		]) {
			await consensusSave(page, { method });
			await expect(status).toHaveText(
				`Saved: ${text}, items with at least 80% agreement are accepted.`
			);
			await expect(page.getByLabel('Method')).toHaveValue(method as string);
		}
	});

	test('a new threshold shows its counts at once, as a reload does', async ({ page, app }) => {
		const id = await crowdProject(page, app.url);
		// At 70% an item is accepted when at least 7 of its 10 answers agree (counted from the data).
		const counts = new Map<string, Map<string, number>>();
		for (const a of crowdAnswers(readFileSync(dataPath('crowd', 'temp', 'answers.csv'), 'utf8'))) {
			const c = counts.get(a.item) ?? new Map<string, number>();
			c.set(a.label, (c.get(a.label) ?? 0) + 1);
			counts.set(a.item, c);
		}
		const accepted = [...counts.values()].filter((c) => Math.max(...c.values()) >= 7).length;
		expect(accepted).toBe(403);
		await consensusSave(page, { threshold: 70 });
		const summary = page.getByRole('region', { name: 'Summary' });
		await expect(summary).toContainText(`${accepted} accepted`, { timeout: 5_000 });
		await expect(summary).toContainText(`${462 - accepted} waiting for review`);
		await page.goto(`${app.url}/p/${id}/quality`);
		await expect(summary).toContainText(`${accepted} accepted`);
	});

	test('after a method change the page shows that method’s labels, as a reload does', async ({
		page,
		app
	}) => {
		const id = await crowdProject(page, app.url);
		await consensusSave(page, { method: 'ds' });
		const ds = await reportOnceRun(page, 'ds');
		await consensusSave(page, { method: 'glad' });
		const shown = await reportOnceRun(page, 'glad');
		const fresh = await page.context().newPage();
		await fresh.goto(`${app.url}/p/${id}/quality`);
		const reloaded = await reportOnceRun(fresh, 'glad');
		// GLAD and Dawid–Skene disagree on some items, so a stale view shows.
		expect(reloaded.filter((r, i) => r.label !== ds[i]?.label).length).toBeGreaterThan(0);
		expect(shown).toEqual(reloaded);
	});
});
