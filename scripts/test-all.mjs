// `npm test`: everything a change must pass: check, lint, unit, e2e, WebRTC. The stages that do not
// depend on each other run side by side (a 2-core machine is otherwise idle while one stage waits on
// a browser or on disk):
//   1. SvelteKit's sync, once, for svelte-check and lint;
//   2. svelte-check ‖ lint (prettier + eslint) ‖ the production build, then the hostile spec's build
//      with the test hook (tests/helpers/test-hook.ts) ‖ the unit tests (both Vitest projects);
//   3. Playwright e2e on the production build (one build for every spec, as users get it; two
//      workers, playwright.config.ts) ‖ the WebRTC specs (tests/p2p/run.mjs) on the same production
//      build, the hostile one on its own build. The WebRTC specs mostly wait on the network (~90 s
//      of CPU in a 260 s run), so they fit beside e2e.
// Vitest runs SvelteKit's sync as the build does, and a build made while Vitest synced into the same
// folder came out broken (the app threw on load), so Vitest gets a generated folder of its own
// (QUORUM_KIT_OUT, svelte.config.js). svelte-check only reads .svelte-kit/, which the build's sync
// rewrites with the same content (SvelteKit writes a generated file only when it changes).
// A stage that fails stops the run after the stages beside it end. Output of stages that ran side
// by side is printed whole, one stage after the other; the times of each stage close the run.
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
			times.push(
				`${name.padEnd(12)} ${s.toFixed(0).padStart(5)} s  ${code === 0 ? 'ok' : 'FAILED'}`
			);
			resolve({ name, ok: code === 0, out });
		});
	});
}

/** Runs commands side by side, then prints each one's output in turn. */
async function together(...runs) {
	const results = await Promise.all(runs);
	for (const r of results) {
		console.log(`\n━━ ${r.name} ${r.ok ? '' : '(failed)'}\n${r.out.trimEnd()}`);
	}
	return results.every((r) => r.ok);
}

async function builds() {
	const prod = await run('build', 'npx', ['vite', 'build'], {
		quiet: true,
		env: { QUORUM_TEST_HOOK: '', QUORUM_BUILD_OUT: PROD }
	});
	if (!prod.ok) return prod;
	const hook = await run('build:hook', 'npx', ['vite', 'build'], {
		quiet: true,
		env: { QUORUM_TEST_HOOK: '1', QUORUM_BUILD_OUT: hookDir }
	});
	return { name: 'build, build:hook', ok: hook.ok, out: `${prod.out}\n${hook.out}` };
}

function finish(ok) {
	rmSync(hookDir, { recursive: true, force: true });
	console.log(
		`\nnpm test stage times (wall clock; check, lint, the builds and unit ran side by side, then e2e and p2p):`
	);
	for (const t of times) console.log(`  ${t}`);
	console.log(`  ${'total'.padEnd(12)} ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s`);
	process.exit(ok ? 0 : 1);
}

const stages = [
	async () => (await run('sync', 'npx', ['svelte-kit', 'sync'])).ok,
	() =>
		together(
			run('check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings'], {
				quiet: true
			}),
			run('lint', 'npm', ['run', 'lint'], { quiet: true }),
			builds(),
			run('unit', 'npx', ['vitest', 'run'], {
				quiet: true,
				env: { QUORUM_KIT_OUT: '.svelte-kit-unit' }
			})
		),
	() =>
		together(
			run('e2e', 'npx', ['playwright', 'test'], {
				env: { QUORUM_BUILD_DIR: PROD, E2E_SKIP_BUILD: '1' }
			}),
			run('p2p', process.execPath, ['tests/p2p/run.mjs'], {
				quiet: true,
				env: { QUORUM_BUILD_DIR: PROD, QUORUM_HOOK_BUILD_DIR: hookDir }
			})
		)
];
for (const stage of stages) if (!(await stage())) finish(false);
finish(true);
