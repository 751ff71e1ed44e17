import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findTestChromium } from '../../scripts/find-chromium.mjs';

process.env.TZ = 'UTC';

/** Real WebRTC between Chromium instances; run through tests/p2p/run.mjs (network namespace). */
export default defineConfig({
	testDir: '.',
	testMatch: '**/*.p2p.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 180_000,
	expect: { timeout: 20_000 },
	reporter: [['list']],
	// One folder per run, so two local runs do not delete each other's traces (as the e2e config).
	outputDir: process.env.CI ? 'test-results/p2p' : `/tmp/quorum-p2p-results-${process.pid}`,
	use: {
		browserName: 'chromium',
		launchOptions: {
			executablePath: findTestChromium(),
			// Host candidates as plain addresses: mDNS names cannot resolve in the namespace.
			args: [...CHROMIUM_ARGS, '--disable-features=WebRtcHideLocalIpsWithMdns']
		},
		trace: 'retain-on-failure',
		serviceWorkers: 'block'
	}
});
