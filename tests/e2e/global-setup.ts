// Builds the production app once before the e2e run, so every spec tests what users get.
import { execSync } from 'node:child_process';

export default function globalSetup(): void {
	if (process.env.E2E_SKIP_BUILD === '1') return;
	try {
		execSync('npx vite build', { stdio: 'pipe' });
	} catch (e) {
		const err = e as { stdout?: Buffer; stderr?: Buffer };
		console.error(String(err.stdout ?? ''), String(err.stderr ?? ''));
		throw new Error('The production build failed; see the output above.', { cause: e });
	}
}
