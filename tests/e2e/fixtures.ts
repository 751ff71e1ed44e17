/**
 * Playwright fixtures: a server for the built app per test, a console watch that fails a test on
 * any console error or uncaught page error (in every page of every context the test opens), and
 * an axe check helper.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { serveStart } from '../../scripts/serve.mjs';

export interface AppServer {
	url: string;
	close(): Promise<void>;
}

/**
 * Chromium's own lines for a server that cannot be reached (a signaling server no test started,
 * a dead port a test sets on purpose, the network switched off): the network's state, not an
 * error of the page. A 404 or any other failure still counts.
 */
const NETWORK_DOWN =
	/WebSocket connection to '[^']+' failed: Error in connection establishment: net::ERR_|net::ERR_INTERNET_DISCONNECTED/;

/** The console watch of one test: contexts it opens itself, and errors it expects. */
export interface ConsoleWatch {
	/** Watches a context made without `browser.newContext` (a persistent one). */
	watch(context: BrowserContext): void;
	/** Lets errors matching `re` pass: only for errors the test provokes on purpose. */
	allow(re: RegExp): void;
}

export const test = base.extend<{ app: AppServer; consoleWatch: ConsoleWatch }>({
	consoleWatch: [
		async ({ context, browser }, use) => {
			const errors: string[] = [];
			const allowed: RegExp[] = [];
			const pageWatch = (p: Page) => {
				p.on('console', (m) => {
					if (m.type() === 'error') errors.push(`console.error on ${p.url()}: ${m.text()}`);
				});
				p.on('pageerror', (e) => errors.push(`uncaught on ${p.url()}: ${e.stack ?? e.message}`));
			};
			const watch = (c: BrowserContext) => {
				c.pages().forEach(pageWatch);
				c.on('page', pageWatch);
			};
			watch(context);
			// Contexts the test makes itself (a second person, a phone).
			const newContext = browser.newContext;
			browser.newContext = async (...args) => {
				const c = await newContext.apply(browser, args);
				watch(c);
				return c;
			};
			try {
				await use({ watch, allow: (re) => void allowed.push(re) });
			} finally {
				browser.newContext = newContext;
			}
			const unexpected = errors.filter(
				(e) => !NETWORK_DOWN.test(e) && !allowed.some((re) => re.test(e))
			);
			expect(unexpected, 'console errors and uncaught page errors').toEqual([]);
		},
		{ auto: true }
	],
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
