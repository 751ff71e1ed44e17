// Runs the real-WebRTC specs (tests/p2p/*.p2p.ts) inside a network namespace this script creates
// (docs/ARCHITECTURE.md#tests-and-tooling): WebRTC never connects on a machine with only
// loopback, and no traffic may leave the machine. Outside a namespace it builds what the specs
// serve, then re-executes itself under
// `unshare --user --map-root-user --net`: a user namespace owns the new network namespace, so any
// user can run it, root or not. Inside, it brings up lo and a veth pair 10.77.0.1/10.77.0.2, then
// runs Playwright. Signaling, the app server and Chromium all run in the namespace, so they can
// reach only each other.
//
// Builds: QUORUM_BUILD_DIR names a production build to serve (`npm test` shares its e2e build);
// without it this script makes one. The hostile spec alone needs the test hook
// (tests/helpers/test-hook.ts): QUORUM_HOOK_BUILD_DIR names such a build, or this script makes it
// (QUORUM_TEST_HOOK=1, ~15 s) when the hostile spec is among those asked for.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTestChromium } from '../../scripts/find-chromium.mjs';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const fail = (msg) => {
	console.error(`tests/p2p/run.mjs: ${msg}`);
	process.exit(1);
};

if (process.env.QUORUM_NETNS !== '1') {
	const tools = [
		['unshare', 'apt-get install -y util-linux'],
		['ip', 'apt-get install -y iproute2']
	];
	for (const [tool, install] of tools)
		if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
			fail(`\`${tool}\` is missing; install it with: ${install}`);
	const probe = spawnSync('unshare', ['--user', '--map-root-user', '--net', 'true'], {
		encoding: 'utf8'
	});
	if (probe.status !== 0)
		fail(
			`unshare cannot create a user and network namespace here (${probe.stderr.trim()}); ` +
				'this kernel may forbid user namespaces to unprivileged users: ' +
				'sysctl -w kernel.unprivileged_userns_clone=1 (Debian) or ' +
				'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (Ubuntu) allows them'
		);
	try {
		findTestChromium();
	} catch (e) {
		fail(e instanceof Error ? e.message : String(e));
	}

	const made = [];
	/** A build of the app into a new temporary folder; `hook` adds the hostile spec's test hook. */
	const build = (hook) => {
		const out = mkdtempSync(join(tmpdir(), hook ? 'quorum-p2p-hook-' : 'quorum-p2p-build-'));
		made.push(out);
		console.log(`tests/p2p/run.mjs: building the app${hook ? ' with the test hook' : ''}…`);
		execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
			stdio: 'inherit',
			env: { ...process.env, QUORUM_TEST_HOOK: hook ? '1' : '', QUORUM_BUILD_OUT: out }
		});
		return out;
	};
	const given = (name) => {
		const dir = process.env[name];
		if (dir && !existsSync(join(dir, 'index.html'))) fail(`${name}=${dir} holds no build`);
		return dir;
	};
	const specs = args.filter((a) => !a.startsWith('-'));
	const hostile = specs.length === 0 || specs.some((s) => s.includes('hostile'));
	// Inside the user namespace every user is uid 0, so paths that tools key by uid in /tmp
	// (Playwright's transform cache) would be root's: the run gets a temporary folder of its own.
	const tmp = mkdtempSync(join(tmpdir(), 'quorum-p2p-tmp-'));
	made.push(tmp);
	const env = {
		...process.env,
		TMPDIR: tmp,
		QUORUM_NETNS: '1',
		QUORUM_BUILD_DIR: given('QUORUM_BUILD_DIR') ?? build(false),
		QUORUM_HOOK_BUILD_DIR: given('QUORUM_HOOK_BUILD_DIR') ?? (hostile ? build(true) : '')
	};
	const r = spawnSync(
		'unshare',
		['--user', '--map-root-user', '--net', process.execPath, self, ...args],
		{ stdio: 'inherit', env }
	);
	for (const dir of made) rmSync(dir, { recursive: true, force: true });
	if (r.error) fail(`could not run unshare: ${r.error.message}`);
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

// Serve private copies, so a rebuild elsewhere during the run cannot pull files from under them.
const copies = [];
const copy = (dir) => {
	if (!dir) return '';
	const root = mkdtempSync(join(tmpdir(), 'quorum-p2p-serve-'));
	cpSync(dir, root, { recursive: true });
	copies.push(root);
	return root;
};
const r = spawnSync(
	'npx',
	['playwright', 'test', '-c', 'tests/p2p/playwright.config.ts', ...args],
	{
		stdio: 'inherit',
		env: {
			...process.env,
			QUORUM_P2P_BUILD: copy(process.env.QUORUM_BUILD_DIR),
			QUORUM_P2P_HOOK_BUILD: copy(process.env.QUORUM_HOOK_BUILD_DIR)
		}
	}
);
for (const dir of copies) rmSync(dir, { recursive: true, force: true });
process.exit(r.status ?? 1);
