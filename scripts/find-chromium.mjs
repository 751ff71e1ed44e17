// Finds a Chromium binary for tests and benchmarks (docs/ARCHITECTURE.md#tests-and-tooling), in
// order: CHROMIUM_PATH, Playwright's own browsers, then chromium, chromium-browser, google-chrome
// on PATH.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

function fromPlaywrightCache() {
	const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
	if (!existsSync(root)) return undefined;
	for (const dir of readdirSync(root)
		.filter((d) => d.startsWith('chromium-'))
		.sort()
		.reverse()) {
		for (const rel of ['chrome-linux/chrome', 'chrome-linux64/chrome']) {
			const p = join(root, dir, rel);
			if (existsSync(p)) return p;
		}
	}
	return undefined;
}

/** @param {string} name */
function onPath(name) {
	try {
		return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
	} catch {
		return undefined;
	}
}

/** @returns {string} absolute path of a Chromium executable; throws with install advice if none. */
export function findChromium() {
	const env = process.env.CHROMIUM_PATH;
	if (env && existsSync(env)) return env;
	const found =
		fromPlaywrightCache() ??
		onPath('chromium') ??
		onPath('chromium-browser') ??
		onPath('google-chrome');
	if (found) return found;
	throw new Error(
		'No Chromium found. Install one with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium/Chrome binary.'
	);
}

/** Flags that keep headless Chromium quiet on a machine with no outside network. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage'
];
