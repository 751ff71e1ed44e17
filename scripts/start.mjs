// `npm start`: builds the app when the build is missing or older than the sources, then serves it
// and a WebRTC signaling relay on 127.0.0.1, and prints the URL.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serveStart } from './serve.mjs';
import { signalingStart } from './signaling.mjs';

function newest(dir) {
	let t = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return t;
}

/** A build made with QUORUM_TEST_HOOK=1 holds the test hook (tests/helpers/test-hook.ts); users get a clean one. */
function testBuild() {
	// The hook sits in a shared chunk or in the node of the page that installs it.
	return ['chunks', 'nodes']
		.map((d) => join('build/_app/immutable', d))
		.some(
			(dir) =>
				existsSync(dir) &&
				readdirSync(dir).some(
					(f) =>
						f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes('quorum-test-hook')
				)
		);
}

const built = existsSync('build/index.html') ? statSync('build/index.html').mtimeMs : 0;
const sources = Math.max(newest('src'), newest('static'), statSync('package.json').mtimeMs);
if (built < sources || testBuild()) {
	console.log('Building Quorum…');
	execSync('npx vite build', { stdio: 'inherit', env: { ...process.env, QUORUM_TEST_HOOK: '' } });
}

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4173);
const signal = await signalingStart({ host, port: Number(process.env.SIGNAL_PORT ?? 4444) });
const app = await serveStart({ host, port });
console.log(
	`\nQuorum is running at ${app.url}\nSignaling relay: ${signal.url}\nPress Ctrl+C to stop.`
);
const stop = async () => {
	await Promise.all([app.close(), signal.close()]);
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
