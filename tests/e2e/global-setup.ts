// Builds the production app once before the e2e run, so every spec tests what users get.
import { execSync } from 'node:child_process';

export default function globalSetup(): void {
	if (process.env.E2E_SKIP_BUILD === '1') return;
	execSync('npx vite build', { stdio: 'inherit' });
}
