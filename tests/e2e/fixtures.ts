/** Playwright fixtures: a server for the built app per test, and an axe check helper. */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { serveStart } from '../../scripts/serve.mjs';

export interface AppServer {
	url: string;
	close(): Promise<void>;
}

export const test = base.extend<{ app: AppServer }>({
	// eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
	app: async ({}, use) => {
		const s = await serveStart({
			root: process.env.QUORUM_BUILD_DIR ?? 'build',
			host: '127.0.0.1',
			port: 0
		});
		let closed = false;
		await use({
			url: s.url,
			close: async () => {
				if (closed) return;
				closed = true;
				s.server.closeAllConnections();
				await s.close();
			}
		});
		if (!closed) {
			s.server.closeAllConnections();
			await s.close();
		}
	}
});

export { expect };

/** Runs axe-core on the page and fails with the list of violations. */
export async function expectAxeClean(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const summary = results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** Creates an identity on first run. */
export async function welcome(page: Page, name = 'Ada'): Promise<void> {
	await page.getByLabel('Your display name').fill(name);
	await page.getByRole('button', { name: 'Start labeling' }).click();
	await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
}
