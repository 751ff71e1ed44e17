// Builds the production app once before the e2e run, so every spec tests what users get (no test
// hook: tests/e2e/build-clean.e2e.ts checks). `npm test` builds it itself (scripts/test-all.mjs)
// and shares it with the WebRTC specs, passing QUORUM_BUILD_DIR and E2E_SKIP_BUILD=1.
import { execSync } from 'node:child_process';

export default function globalSetup(): void {
	if (process.env.E2E_SKIP_BUILD === '1') return;
	try {
		execSync('npx vite build', {
			stdio: 'pipe',
			env: { ...process.env, QUORUM_TEST_HOOK: '', QUORUM_BUILD_OUT: process.env.QUORUM_BUILD_DIR }
		});
	} catch (e) {
		const err = e as { stdout?: Buffer; stderr?: Buffer };
		console.error(String(err.stdout ?? ''), String(err.stderr ?? ''));
		throw new Error('The production build failed; see the output above.', { cause: e });
	}
}
