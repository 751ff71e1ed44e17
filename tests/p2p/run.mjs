// Runs the real-WebRTC specs (tests/p2p/*.p2p.ts) inside a network namespace this script creates
// (docs/ARCHITECTURE.md#tests-and-tooling): WebRTC never connects on a machine with only loopback,
// and no traffic may leave the machine. Outside a namespace it re-executes itself under
// `unshare -n` (needs root); inside, it brings up lo and a veth pair 10.77.0.1/10.77.0.2, then
// runs Playwright. Signaling, the app server and Chromium all run in the namespace, so they can
// reach only each other.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

if (process.env.QUORUM_NETNS !== '1') {
	if (process.getuid?.() !== 0) {
		console.error('tests/p2p/run.mjs: the WebRTC tests create a network namespace and need root.');
		process.exit(1);
	}
	const r = spawnSync('unshare', ['-n', process.execPath, self, ...args], {
		stdio: 'inherit',
		env: { ...process.env, QUORUM_NETNS: '1' }
	});
	if (r.error) {
		console.error(`Could not create a network namespace (unshare -n): ${r.error.message}`);
		process.exit(1);
	}
	process.exit(r.status ?? 1);
}

const ip = (...a) => execFileSync('ip', a, { stdio: 'inherit' });
ip('link', 'set', 'lo', 'up');
ip('link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
ip('addr', 'add', '10.77.0.1/24', 'dev', 'v0');
ip('addr', 'add', '10.77.0.2/24', 'dev', 'v1');
ip('link', 'set', 'v0', 'up');
ip('link', 'set', 'v1', 'up');
ip('route', 'add', 'default', 'dev', 'v0');

// QUORUM_BUILD_DIR serves a build copy made by scripts/build-copy.sh (as the e2e runs do).
const build = process.env.QUORUM_BUILD_DIR ?? 'build';
/** Whether a build is a test build: it holds the test hook (src/lib/state/test-hook.ts). */
function hasTestHook(dir) {
	const chunks = join(dir, '_app', 'immutable', 'chunks');
	if (!existsSync(chunks)) return false;
	return readdirSync(chunks).some(
		(f) => f.endsWith('.js') && readFileSync(join(chunks, f), 'utf8').includes('quorum-test-hook')
	);
}
const built = existsSync(join(build, 'index.html'));
if (process.env.QUORUM_BUILD_DIR) {
	if (!built) {
		console.error(`tests/p2p/run.mjs: no build in ${build} (run scripts/build-copy.sh ${build})`);
		process.exit(1);
	}
	if (!hasTestHook(build))
		console.warn(
			`tests/p2p/run.mjs: ${build} is not a test build; hostile.p2p.ts needs one (QUORUM_TEST_HOOK=1 scripts/build-copy.sh ${build})`
		);
} else if (!built || !hasTestHook(build)) {
	// A test build: the hostile-peer spec needs the test hook (src/lib/state/test-hook.ts).
	execFileSync('npx', ['vite', 'build'], {
		stdio: 'inherit',
		env: { ...process.env, QUORUM_TEST_HOOK: '1' }
	});
}
// Serve a private copy, so a rebuild elsewhere during the run cannot pull files from under it.
const root = mkdtempSync(join(tmpdir(), 'quorum-p2p-build-'));
cpSync(build, root, { recursive: true });
const r = spawnSync(
	'npx',
	['playwright', 'test', '-c', 'tests/p2p/playwright.config.ts', ...args],
	{
		stdio: 'inherit',
		env: { ...process.env, QUORUM_P2P_BUILD: root }
	}
);
rmSync(root, { recursive: true, force: true });
process.exit(r.status ?? 1);
