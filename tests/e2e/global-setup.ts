// Builds the production app once before the e2e run, so every spec tests what users get. It is a
// test build (QUORUM_TEST_HOOK=1): the same app plus a hook that stays shut unless a page's URL
// asks for it (src/lib/state/test-hook.ts); tests/p2p/run.mjs then serves this build too.
import { execSync } from 'node:child_process';

export default function globalSetup(): void {
	if (process.env.E2E_SKIP_BUILD === '1') return;
	try {
		execSync('npx vite build', {
			stdio: 'pipe',
			env: { ...process.env, QUORUM_TEST_HOOK: '1' }
		});
	} catch (e) {
		const err = e as { stdout?: Buffer; stderr?: Buffer };
		console.error(String(err.stdout ?? ''), String(err.stderr ?? ''));
		throw new Error('The production build failed; see the output above.', { cause: e });
	}
}
