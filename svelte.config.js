import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Content security policy (docs/ARCHITECTURE.md, "Trust model"). adapter-static writes it as a
 * <meta http-equiv> tag in the generated page, with a SHA-256 hash for SvelteKit's inline start-up
 * script (mode 'hash').
 * It allows what the app uses and nothing more:
 * - scripts and workers from this origin; 'wasm-unsafe-eval' for the TF.js wasm backend (no
 *   'unsafe-eval', no inline scripts beyond the hashed start-up one);
 * - blob: and data: images and media (imported files, thumbnails, canvases), and http(s) media
 *   for items that point at a URL (media URL import), fetched too for pre-labelling;
 * - ws:/wss: for the signaling relays and the optional Yjs server relay (both settings);
 *   WebRTC data channels are not governed by CSP;
 * - inline style attributes (Svelte's style: directives); no plugins, frames or <base>.
 * A meta tag cannot set frame-ancestors or report-to; a host that serves the app should send
 * `Content-Security-Policy: frame-ancestors 'none'` as a header too.
 */
const csp = {
	mode: 'hash',
	directives: {
		'default-src': ['self'],
		'script-src': ['self', 'wasm-unsafe-eval'],
		'worker-src': ['self', 'blob:'],
		'style-src': ['self', 'unsafe-inline'],
		'img-src': ['self', 'data:', 'blob:', 'http:', 'https:'],
		'media-src': ['self', 'data:', 'blob:', 'http:', 'https:'],
		'font-src': ['self', 'data:'],
		'connect-src': ['self', 'ws:', 'wss:', 'http:', 'https:', 'data:', 'blob:'],
		'manifest-src': ['self'],
		'object-src': ['none'],
		'frame-src': ['none'],
		'base-uri': ['none'],
		'form-action': ['self']
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// QUORUM_BUILD_OUT lets the test runner build the hostile spec's variant beside the
		// production build instead of over it (tests/p2p/run.mjs).
		adapter: adapter({
			pages: process.env.QUORUM_BUILD_OUT || 'build',
			assets: process.env.QUORUM_BUILD_OUT || 'build',
			fallback: 'index.html'
		}),
		serviceWorker: { register: false },
		// QUORUM_KIT_OUT gives a Vitest run its own generated folder, so `npm test` can run it beside
		// the build (scripts/test-all.mjs): each runs SvelteKit's sync, and a build made while Vitest
		// synced into the same folder came out broken. Builds keep the default, where the PWA plugin
		// looks for the service worker it generates.
		outDir: process.env.QUORUM_KIT_OUT || '.svelte-kit',
		// Test helpers (tests/helpers) for the unit tests; lint keeps the app from importing them.
		alias: { $tests: 'tests' },
		csp
	}
};

export default config;
