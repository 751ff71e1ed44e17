/** Fixtures for the real-WebRTC specs: the built app and a signaling relay, both on loopback. */
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { serveStart } from '../../scripts/serve.mjs';
import { signalingStart } from '../../scripts/signaling.mjs';

export interface P2pServers {
	url: string;
}

export const test = base.extend<{ servers: P2pServers; testHook: boolean }>({
	/** Serve the build with the test hook (tests/helpers/test-hook.ts): the hostile spec only. */
	testHook: [false, { option: true }],
	servers: async ({ testHook }, use) => {
		// The app derives its default signaling URL from its own host, port 4444 (npm start's layout).
		const signal = await signalingStart({ host: '127.0.0.1', port: 4444 });
		const root = testHook ? process.env.QUORUM_P2P_HOOK_BUILD : process.env.QUORUM_P2P_BUILD;
		if (!root) throw new Error('No build to serve: run the WebRTC specs through tests/p2p/run.mjs');
		const app = await serveStart({
			root,
			host: '127.0.0.1',
			port: 0
		});
		await use({ url: app.url });
		app.server.closeAllConnections();
		await Promise.all([app.close(), signal.close()]);
	}
});

export { expect };

/** A fresh browser profile with an identity. */
export async function person(browser: Browser, url: string, name: string): Promise<Page> {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	await page.goto(url);
	await page.getByLabel('Your display name').fill(name);
	await page.getByRole('button', { name: 'Start labeling' }).click();
	await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
	return page;
}

/** `n` CSV rows of ~`size` bytes each. */
export function csv(n: number, size = 40): string {
	const lines = ['text'];
	for (let i = 0; i < n; i++) lines.push(`item ${i} ${'x'.repeat(Math.max(0, size - 12))}`);
	return lines.join('\n') + '\n';
}

export async function projectWithItems(page: Page, name: string, rows: string): Promise<string> {
	await page
		.getByRole('button', { name: /New project|Create your first project/ })
		.first()
		.click();
	await page.getByLabel('Project name').fill(name);
	await page.getByRole('textbox', { name: /^Labels/ }).fill('Good, Bad');
	await page.getByRole('button', { name: 'Create project' }).click();
	await expect(page).toHaveURL(/\/p\/[0-9a-f]+\/import$/);
	await page.getByLabel('Files to import', { exact: true }).setInputFiles({
		name: 'rows.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(rows)
	});
	await page.getByRole('button', { name: /^Import 1 file$/ }).click();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible({
		timeout: 120_000
	});
	return new URL(page.url()).pathname.split('/')[2] as string;
}

export async function inviteCreate(page: Page, id: string): Promise<string> {
	await page.goto(`${new URL(page.url()).origin}/p/${id}/team`);
	const link = page.getByLabel('Invite link');
	if (!(await link.isVisible()))
		await page.getByRole('button', { name: 'Create invite link' }).click();
	await expect(link).toBeVisible();
	return link.inputValue();
}

/**
 * A newcomer is an annotator, and an annotator's label page is the focused annotator screen (no
 * project tabs) once the owner's member list has arrived. These specs check sync through the full
 * project view, which that screen's menu keeps; the choice is stored on the device.
 */
export async function fullViewChoose(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Menu' }).click({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Full project view' }).click();
	await expect(page.getByRole('navigation', { name: 'Project' })).toBeVisible();
}

/** Joins by invite link; then, unless `screen` is false, waits for the annotator screen and leaves it. */
export async function join(page: Page, link: string, screen = true): Promise<void> {
	await page.goto(link);
	await page.getByRole('button', { name: 'Join project' }).click();
	if (screen) await fullViewChoose(page);
}

/** A figure from the project overview (Items, Labeled, Annotations). */
export async function stat(page: Page, id: string, what: string): Promise<number> {
	// In-app navigation, so it also works while the browser is offline.
	if (new URL(page.url()).pathname !== `/p/${id}`) {
		// The annotator screen keeps its project link in the DOM but hidden.
		const overview = page.locator(`a[href="/p/${id}"]:visible`).first();
		const menu = page.getByRole('button', { name: 'Menu' });
		// The annotator screen has no project tabs: leave it for the full view first.
		await expect(overview.or(menu).first()).toBeVisible();
		if (await menu.isVisible()) await fullViewChoose(page);
		await overview.click();
		await expect(page).toHaveURL(new RegExp(`/p/${id}$`));
	}
	const dd = page
		.locator('dt', { hasText: new RegExp(`^${what}$`) })
		.locator('xpath=following-sibling::dd');
	const text = (await dd.textContent()) ?? '';
	return Number(text.split(' ')[0]?.replace(/,/g, ''));
}

export async function expectStat(page: Page, id: string, what: string, n: number): Promise<void> {
	await expect
		.poll(async () => stat(page, id, what), {
			timeout: 30_000,
			message: `${what} on ${page.url()}`
		})
		.toBe(n);
}
