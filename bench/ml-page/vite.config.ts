/** Builds the ML bench page (bench/groups/ml.ts) with the app's worker and wasm handling. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
	root,
	logLevel: 'warn',
	resolve: { alias: { $lib: fileURLToPath(new URL('../../src/lib', import.meta.url)) } },
	worker: { format: 'es' },
	build: {
		outDir: fileURLToPath(new URL('../../build-ml-bench', import.meta.url)),
		emptyOutDir: true
	}
});
