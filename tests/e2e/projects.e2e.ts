import { expect, expectAxeClean, test, welcome } from './fixtures';

test('a new user picks a name, then creates, renames and deletes a project', async ({
	page,
	app
}) => {
	await page.goto(app.url);
	await expect(page.getByRole('heading', { name: 'Welcome to Quorum' })).toBeVisible();
	await expectAxeClean(page, 'welcome');
	await welcome(page, 'Ada');

	await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
	await expectAxeClean(page, 'projects (empty)');

	await page.getByRole('button', { name: 'Create your first project' }).click();
	await page.getByLabel('Project name').fill('Reviews');
	await page.getByLabel('Description').fill('Product review sentiment');
	await expectAxeClean(page, 'new project dialog');
	await page.getByRole('button', { name: 'Create project' }).click();
	await expect(page).toHaveURL(/\/p\/[0-9a-f]+\/import$/);

	await page.getByRole('link', { name: 'Projects', exact: true }).click();
	const card = page.getByRole('listitem').filter({ hasText: 'Reviews' });
	await expect(card).toContainText('Product review sentiment');
	await expectAxeClean(page, 'projects (one)');

	await card.getByRole('button', { name: 'Rename Reviews' }).click();
	await page.getByLabel('New name').fill('Reviews 2026');
	await page.getByRole('button', { name: 'Rename', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Reviews 2026' })).toBeVisible();

	await page.reload();
	await expect(page.getByRole('link', { name: 'Reviews 2026' })).toBeVisible();

	const dbsBefore = await page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name)
	);
	expect(dbsBefore.some((n) => n?.startsWith('quorum-doc-'))).toBe(true);

	await page.getByRole('button', { name: 'Delete Reviews 2026' }).click();
	await expect(page.getByRole('dialog')).toContainText('cannot be undone');
	await page.getByRole('button', { name: 'Delete project' }).click();
	await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
	const dbsAfter = await page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name)
	);
	expect(dbsAfter.some((n) => n?.startsWith('quorum-doc-'))).toBe(false);

	await page.getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByText(/used of/)).toBeVisible();
	await expectAxeClean(page, 'settings');
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('the header fits the screen when the browser offers installation', async ({ page, app }) => {
		await page.goto(app.url);
		await welcome(page);
		// What Chromium fires when the app is installable (its own prompt is not available here).
		await page.evaluate(() => {
			const e = new Event('beforeinstallprompt', { cancelable: true });
			Object.assign(e, {
				prompt: () => Promise.resolve(),
				userChoice: Promise.resolve({ outcome: 'dismissed' })
			});
			window.dispatchEvent(e);
		});
		const install = page.getByRole('button', { name: 'Install' });
		await expect(install).toBeInViewport({ ratio: 1 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await expect(page.getByRole('link', { name: 'Settings' })).toBeInViewport({ ratio: 1 });
	});
});
