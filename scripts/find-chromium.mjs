// Finds a Chromium binary for tests and benchmarks (docs/ARCHITECTURE.md#tests-and-tooling), in
// order: CHROMIUM_PATH, Playwright's own browsers, then chromium, chromium-browser, google-chrome
// on PATH. Tests prefer Chromium's headless shell (findTestChromium): the same engine without the
// browser's UI layer, as Playwright itself runs headless tests; the e2e suite took 25% less CPU
// with it (58 s against 77 s for two spec files, same run). Benchmarks keep the full browser, as
// users run it.
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

/** @returns {string | undefined} Playwright's own headless shell, if it downloaded one. */
function shellFromPlaywrightCache() {
	const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
	if (!existsSync(root)) return undefined;
	for (const dir of readdirSync(root)
		.filter((d) => d.startsWith('chromium_headless_shell-'))
		.sort()
		.reverse()) {
		for (const rel of [
			'chrome-linux/headless_shell',
			'chrome-headless-shell-linux64/chrome-headless-shell'
		]) {
			const p = join(root, dir, rel);
			if (existsSync(p)) return p;
		}
	}
	return undefined;
}

/**
 * The Chromium for tests: CHROMIUM_PATH, else a headless shell (Debian's
 * `chromium-headless-shell`, or Playwright's), else the full browser of findChromium.
 * @returns {string}
 */
export function findTestChromium() {
	const env = process.env.CHROMIUM_PATH;
	if (env && existsSync(env)) return env;
	return onPath('chromium-headless-shell') ?? shellFromPlaywrightCache() ?? findChromium();
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
