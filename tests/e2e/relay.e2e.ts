/**
 * Sync through the server relay (docs/ARCHITECTURE.md#server-relay): `scripts/relay.mjs`
 * (@y/websocket-server) on 127.0.0.1, set in Settings → Connection. Each person is a separate
 * browser profile, and the signaling URL points at a closed port, so the relay is the only way
 * their changes can travel (no WebRTC, no BroadcastChannel between profiles).
 */
import type { Browser, Page } from '@playwright/test';
import { relayStart } from '../../scripts/relay.mjs';
import { csv, expectStat, inviteCreate, join, projectWithItems } from '../p2p/fixtures';
import { expect, expectAxeClean, test, welcome } from './fixtures';

const NO_SIGNALING = 'ws://127.0.0.1:9';

async function personWithRelay(browser: Browser, url: string, name: string, relay: string) {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	await page.goto(url);
	await welcome(page, name);
	await page.goto(`${url}/settings`);
	await page.getByLabel('Signaling servers').fill(NO_SIGNALING);
	await page.getByLabel('Server relay (optional)').fill(relay);
	await page.getByRole('button', { name: 'Save connection settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await page.goto(url);
	return page;
}

async function label(page: Page, id: string, n: number) {
	await page.locator(`a[href="/p/${id}/label"]`).first().click();
	await expect(page.getByText(/Item \d+ of/)).toBeVisible();
	for (let i = 0; i < n; i++) {
		const before = await page.getByTestId('done-count').textContent();
		await page.keyboard.press('1');
		await expect(page.getByTestId('done-count')).not.toHaveText(before ?? '');
	}
}

test('two browsers sync a project through the relay, and a late joiner gets all of it', async ({
	browser,
	app
}) => {
	const relay = await relayStart({ host: '127.0.0.1', port: 0 });
	try {
		const ada = await personWithRelay(browser, app.url, 'Ada', relay.url);
		const id = await projectWithItems(ada, 'Relayed', csv(30));
		const link = await inviteCreate(ada, id);
		const status = (p: Page) => p.getByTestId('connection-status').first();
		await expect(status(ada)).toHaveAttribute('data-state', 'relay', { timeout: 20_000 });
		await expectAxeClean(ada, 'team page on the relay');

		const bo = await personWithRelay(browser, app.url, 'Bo', relay.url);
		await join(bo, link);
		await expect(bo.getByText(/Item \d+ of/)).toBeVisible({ timeout: 30_000 });
		await expect(status(bo)).toHaveAttribute('data-state', 'relay');
		await expectStat(bo, id, 'Items', 30);

		// Both label at once; each sees the other's labels.
		await Promise.all([label(ada, id, 2), label(bo, id, 3)]);
		for (const p of [ada, bo]) await expectStat(p, id, 'Annotations', 5);

		// Ada and Bo leave; a late joiner gets the project and every label from the relay alone.
		await Promise.all([ada.context().close(), bo.context().close()]);
		const cy = await personWithRelay(browser, app.url, 'Cy', relay.url);
		await join(cy, link);
		await expect(cy.getByText(/Item \d+ of/)).toBeVisible({ timeout: 30_000 });
		await expectStat(cy, id, 'Items', 30);
		await expectStat(cy, id, 'Annotations', 5);
		await label(cy, id, 1);
		await expectStat(cy, id, 'Annotations', 6);
		// A reload keeps everything (the device's own copy, relay or not).
		await cy.reload();
		await expectStat(cy, id, 'Annotations', 6);
	} finally {
		await relay.close();
	}
});
