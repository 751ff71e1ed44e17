import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findTestChromium } from './scripts/find-chromium.mjs';

process.env.TZ = 'UTC';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	// Local runs by several people at once must not share one artifacts folder.
	outputDir: process.env.CI ? 'test-results' : `/tmp/quorum-test-results-${process.pid}`,
	globalSetup: './tests/e2e/global-setup.ts',
	// Two spec files at a time: one worker left a core idle (a run used ~6 min of CPU in 13 min),
	// waiting on IndexedDB, workers and the network. Tests within a file still run in order.
	fullyParallel: false,
	workers: 2,
	retries: 0,
	timeout: 120_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		browserName: 'chromium',
		launchOptions: { executablePath: findTestChromium(), args: CHROMIUM_ARGS },
		// No trace by default: recording one for every test (to keep it on failure) cost 25% of the
		// suite's CPU (57 against 43 CPU-s for label-flow and tools-boxes, same run), 10 points of
		// it for the DOM snapshots alone. A failure still leaves its error context (the page's
		// accessibility snapshot and the failing line) and a screenshot; `--trace on` records
		// traces when a failure needs one.
		trace: 'off',
		screenshot: 'only-on-failure',
		serviceWorkers: 'allow'
	}
});
