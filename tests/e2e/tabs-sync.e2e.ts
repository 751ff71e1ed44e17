/**
 * Two tabs of one browser profile sync live through BroadcastChannel (y-webrtc's tab channel,
 * docs/ARCHITECTURE.md#browser-tabs). Signaling points at a closed port, so no WebRTC peer can
 * carry the changes.
 */
import type { Page } from '@playwright/test';
import { csv, expectStat, inviteCreate, projectWithItems } from '../p2p/fixtures';
import { expect, test, welcome } from './fixtures';

async function label(page: Page, id: string, n: number) {
	await page.locator(`a[href="/p/${id}/label"]`).first().click();
	await expect(page.getByText(/Item \d+ of/)).toBeVisible();
	for (let i = 0; i < n; i++) {
		const before = await page.getByTestId('done-count').textContent();
		await page.keyboard.press('1');
		await expect(page.getByTestId('done-count')).not.toHaveText(before ?? '');
	}
}

test('a label made in one tab appears in another tab of the same browser', async ({
	browser,
	app
}) => {
	const ctx = await browser.newContext();
	const one = await ctx.newPage();
	await one.goto(app.url);
	await welcome(one, 'Ada');
	await one.goto(`${app.url}/settings`);
	await one.getByLabel('Signaling servers').fill('ws://127.0.0.1:9');
	await one.getByRole('button', { name: 'Save connection settings' }).click();
	await expect(one.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await one.goto(app.url);
	const id = await projectWithItems(one, 'Tabs', csv(20));
	await inviteCreate(one, id); // gives the project a room, which the tab channel is named after

	const two = await ctx.newPage();
	await two.goto(`${app.url}/p/${id}`);
	const status = (p: Page) => p.getByTestId('connection-status').first();
	for (const p of [one, two])
		await expect(status(p)).toContainText('Connected to 1 other tab', { timeout: 20_000 });
	await expectStat(two, id, 'Annotations', 0);

	// Tab one labels; tab two, left open on the overview, shows it without a reload.
	await label(one, id, 2);
	await expectStat(two, id, 'Annotations', 2);
	// And back: tab two labels, tab one sees it.
	await label(two, id, 1);
	await expectStat(one, id, 'Annotations', 3);
	await ctx.close();
});
