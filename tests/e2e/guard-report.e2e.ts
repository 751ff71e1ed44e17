/**
 * The Team page's report of what the guard put back and set aside survives page loads: a report
 * kept from an earlier load (as sync/team/guard-history.ts stores it) shows with its "since"
 * after a reload, and Clear (by keyboard) removes it for good. The counting itself, from a hostile
 * peer's writes, is tested with a real DocGuard in sync/team/guard-history.browser.test.ts and
 * over real WebRTC in tests/p2p/hostile.p2p.ts.
 */
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { projectCreate } from './pages';

test('the guard report on the Team page is kept across reloads, says since when, and clears', async ({
	page,
	app
}) => {
	await page.goto(app.url);
	await welcome(page, 'Ada');
	const id = await projectCreate(page, 'Guarded', 'pos, neg');
	await page.getByRole('link', { name: 'Team', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
	await expect(page.getByTestId('guard-report')).toHaveCount(0);

	// What an earlier page load counted (29 Nov 2026, 15:20 local time).
	const since = await page.evaluate(() => new Date(2026, 10, 29, 15, 20).getTime());
	await page.evaluate(
		([key, since]) =>
			localStorage.setItem(key, JSON.stringify({ restored: 17, invalid: 5008, since })),
		[`quorum:guard-report:${id}`, since] as const
	);
	await page.reload();
	const note = page.getByTestId('guard-restored');
	await expect(note).toContainText(/Since Nov 29(, 2026)?, 03:20 PM, on this device/);
	await expect(note).toContainText('17 labels were put back after a peer overwrote or deleted');
	await expect(note).toContainText('5,008 invalid values from peers were refused.');
	await note.scrollIntoViewIfNeeded();
	await expectAxeClean(page, 'team page with a kept guard report');
	await page.screenshot({ path: 'test-results/guard-report-1280.png' });
	await page.setViewportSize({ width: 375, height: 667 });
	await note.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/guard-report-375.png' });
	await expectAxeClean(page, 'team page with a kept guard report, phone');

	// Clear by keyboard: focus the button, press Enter.
	const clear = page.getByRole('button', { name: /^Clear the report/ });
	await clear.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('guard-report')).toHaveCount(0);
	expect(await page.evaluate((k) => localStorage.getItem(k), `quorum:guard-report:${id}`)).toBe(
		null
	);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
	await expect(page.getByTestId('guard-report')).toHaveCount(0);
});
