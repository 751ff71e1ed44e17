// `npm test`: everything a change must pass: check, lint, unit, e2e, WebRTC. Stages start as soon
// as what they need exists, and run side by side: most of them wait on a browser, a worker, the
// network or the disk far more than they compute, so on a 2-core machine one stage at a time
// leaves the cores idle.
//   - SvelteKit's sync, once; then at the same time:
//   - the production build, then Playwright e2e on it (one build for every spec, as users get
//     it; playwright.config.ts sets the workers) and the hostile spec's build with the test hook
//     (tests/helpers/test-hook.ts), then the WebRTC specs (tests/p2p/run.mjs) on both builds;
//   - svelte-check, then lint (prettier + eslint);
//   - the unit tests (both Vitest projects).
// Vitest runs SvelteKit's sync as the build does, and a build made while Vitest synced into the same
// folder came out broken (the app threw on load), so Vitest gets a generated folder of its own
// (QUORUM_KIT_OUT, svelte.config.js). svelte-check only reads .svelte-kit/, which the build's sync
// rewrites with the same content (SvelteKit writes a generated file only when it changes).
// A failed stage fails the run once every started stage has ended; a stage whose input failed
// does not start. Output is printed whole, stage by stage, as each ends (e2e prints as it goes);
// the times of each stage close the run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROD = 'build';
const hookDir = mkdtempSync(join(tmpdir(), 'quorum-hook-build-'));
const times = [];
const t0 = Date.now();

/** Runs one command; with `quiet`, keeps its output and returns it instead of printing it. */
function run(name, cmd, args, { env = {}, quiet = false } = {}) {
	const start = Date.now();
	return new Promise((resolve) => {
		const child = spawn(cmd, args, {
			stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
			env: { ...process.env, ...env }
		});
		let out = '';
		child.stdout?.on('data', (d) => (out += d));
		child.stderr?.on('data', (d) => (out += d));
		child.on('close', (code) => {
			const s = (Date.now() - start) / 1000;
			const at = ((start - t0) / 1000).toFixed(0);
			times.push(
				`${name.padEnd(12)} ${s.toFixed(0).padStart(5)} s  (from ${at.padStart(3)} s)  ${code === 0 ? 'ok' : 'FAILED'}`
			);
			resolve({ name, ok: code === 0, out });
		});
	});
}

/** Prints a finished stage's output and passes its result on. */
function report(r) {
	if (r.out !== undefined)
		console.log(`\n━━ ${r.name} ${r.ok ? '' : '(failed)'}\n${r.out.trimEnd()}`);
	return r;
}

/** A stage that did not start because the one it needs failed. */
const skipped = (name) => {
	times.push(`${name.padEnd(12)}     -    not run`);
	return { name, ok: false };
};

function finish(ok) {
	rmSync(hookDir, { recursive: true, force: true });
	console.log(
		`\nnpm test stage times (wall clock, from the start of the run; stages overlap, see scripts/test-all.mjs):`
	);
	for (const t of times) console.log(`  ${t}`);
	console.log(`  ${'total'.padEnd(12)} ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s`);
	process.exit(ok ? 0 : 1);
}

if (!(await run('sync', 'npx', ['svelte-kit', 'sync'])).ok) finish(false);

const prod = run('build', 'npx', ['vite', 'build'], {
	quiet: true,
	env: { QUORUM_TEST_HOOK: '', QUORUM_BUILD_OUT: PROD }
}).then(report);
const e2e = prod.then((b) =>
	b.ok
		? run('e2e', 'npx', ['playwright', 'test'], {
				env: { QUORUM_BUILD_DIR: PROD, E2E_SKIP_BUILD: '1' }
			})
		: skipped('e2e')
);
const p2p = prod
	.then((b) =>
		b.ok
			? run('build:hook', 'npx', ['vite', 'build'], {
					quiet: true,
					env: { QUORUM_TEST_HOOK: '1', QUORUM_BUILD_OUT: hookDir }
				}).then(report)
			: skipped('build:hook')
	)
	.then((h) =>
		h.ok
			? run('p2p', process.execPath, ['tests/p2p/run.mjs'], {
					quiet: true,
					env: { QUORUM_BUILD_DIR: PROD, QUORUM_HOOK_BUILD_DIR: hookDir }
				}).then(report)
			: skipped('p2p')
	);
const checks = run(
	'check',
	'npx',
	['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings'],
	{
		quiet: true
	}
)
	.then(report)
	.then(async (c) => [c, report(await run('lint', 'npm', ['run', 'lint'], { quiet: true }))]);
const unit = run('unit', 'npx', ['vitest', 'run'], {
	quiet: true,
	env: { QUORUM_KIT_OUT: '.svelte-kit-unit' }
}).then(report);

const results = [await prod, await e2e, await p2p, ...(await checks), await unit];
finish(results.every((r) => r.ok));
