/**
 * Annotator mode on two phones with touch: the item takes most of the screen, the project tabs
 * and app bar step aside, labels are tapped in the bottom bar, swipes move between items, a
 * long-press skips or flags, and the mode, the labels and the flag survive a reload, offline too.
 */
import type { CDPSession, Locator, Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { currentText, importFiles, projectCreate } from './pages';

const CSV = 'tests/fixtures/import/reviews.csv';

/** A one-finger stroke across the middle of `el` by `dx` CSS px, as real touch events. */
async function swipe(cdp: CDPSession, el: Locator, dx: number): Promise<void> {
	const b = (await el.boundingBox()) as { x: number; y: number; width: number; height: number };
	const x = b.x + b.width / 2 - dx / 2;
	const y = b.y + b.height / 2;
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
	for (let i = 1; i <= 6; i++)
		await cdp.send('Input.dispatchTouchEvent', {
			type: 'touchMove',
			touchPoints: [{ x: x + (dx * i) / 6, y: y + i }]
		});
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Holds a finger still on `el` until `until` shows, then lifts it. */
async function longPress(cdp: CDPSession, el: Locator, until: Locator): Promise<void> {
	const b = (await el.boundingBox()) as { x: number; y: number; width: number; height: number };
	const p = { x: b.x + b.width / 2, y: b.y + Math.min(60, b.height / 2) };
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [p] });
	await expect(until).toBeVisible();
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Share of the viewport's height that the item's area gets. */
async function itemShare(page: Page): Promise<number> {
	return page.getByTestId('annotator-item').evaluate((el) => {
		const r = el.getBoundingClientRect();
		const seen = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
		return seen / innerHeight;
	});
}

async function noSidewaysScroll(page: Page): Promise<void> {
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(w).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

for (const viewport of [
	{ width: 375, height: 667 },
	{ width: 412, height: 915 }
]) {
	test.describe(`annotator mode on ${viewport.width}×${viewport.height}`, () => {
		test.use({ viewport, hasTouch: true, isMobile: true });

		test('label, swipe, long-press, reload and work offline', async ({ page, context, app }) => {
			await page.goto(app.url);
			await welcome(page, 'Ada');
			const id = await projectCreate(page, 'Reviews', 'positive, negative, neutral');
			await importFiles(page, [CSV], { textField: 'text' });
			await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
			await page.goto(`${app.url}/p/${id}/label`);

			// The owner starts in the full view and chooses the annotator screen.
			await expect(page.getByRole('navigation', { name: 'Project' })).toBeVisible();
			await page.getByRole('button', { name: 'Annotator mode' }).click();
			const stage = page.getByTestId('annotator-item');
			await expect(stage).toBeVisible();
			await expect(page.getByRole('navigation', { name: 'Project' })).toBeHidden();
			await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
			expect(await itemShare(page)).toBeGreaterThanOrEqual(0.6);
			await noSidewaysScroll(page);
			await expectAxeClean(page, 'annotator mode');

			// A tap on a label in the bottom bar saves it and moves on.
			const first = await currentText(page);
			await page.getByRole('button', { name: 'negative' }).tap();
			await expect(page.getByTestId('done-count')).toHaveText('1');
			await expect(page.getByTestId('item-text')).not.toHaveText(first);
			const second = await currentText(page);

			// Swipe right goes back to the labeled item, swipe left forward again.
			const cdp = await context.newCDPSession(page);
			await swipe(cdp, stage, 160);
			await expect(page.getByTestId('item-text')).toHaveText(first);
			await expect(page.getByRole('button', { name: 'negative' })).toHaveAttribute(
				'aria-pressed',
				'true'
			);
			await swipe(cdp, stage, -160);
			await expect(page.getByTestId('item-text')).toHaveText(second);

			// A long-press offers skip and flag; flagging moves on without a label.
			const flagBtn = page.getByRole('button', { name: 'Flag for review' });
			await longPress(cdp, stage, flagBtn);
			await expectAxeClean(page, 'item actions');
			await flagBtn.click();
			await expect(page.getByTestId('item-text')).not.toHaveText(second);
			await expect(page.getByTestId('done-count')).toHaveText('1');

			// Reload: still the annotator screen, with the label kept.
			await page.reload();
			await expect(stage).toBeVisible();
			await expect(page.getByTestId('done-count')).toHaveText('1');

			// Offline (network off, server stopped): the screen opens and labels save.
			await page.evaluate(async () => {
				await navigator.serviceWorker.ready;
			});
			await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
			await context.setOffline(true);
			await app.close();
			await page.reload();
			await expect(stage).toBeVisible();
			await page.getByRole('button', { name: 'positive' }).tap();
			await expect(page.getByTestId('done-count')).toHaveText('2');
			await page.reload();
			await expect(page.getByTestId('done-count')).toHaveText('2');

			// The menu keeps guidelines, progress and the way back to the full view.
			await page.getByRole('button', { name: 'Menu' }).tap();
			await page.getByRole('button', { name: 'My progress' }).tap();
			await expect(page.getByTestId('done-today')).toHaveText('2');
			await page.getByRole('button', { name: 'Close' }).tap();
			await page.getByRole('button', { name: 'Menu' }).tap();
			await page.getByRole('button', { name: 'Keys' }).tap();
			const keys = page.getByRole('dialog', { name: 'Keys' });
			await expect(keys.getByRole('row').filter({ hasText: 'negative' })).toHaveCount(1);
			await keys.getByRole('button', { name: 'Close' }).tap();
			await page.getByRole('button', { name: 'Menu' }).tap();
			await page.getByRole('button', { name: 'Full project view' }).tap();
			await expect(page.getByRole('navigation', { name: 'Project' })).toBeVisible();
			await expect(stage).toBeHidden();
		});
	});
}
