import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { searchForWorkspaceRoot, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, findTestChromium } from './scripts/find-chromium.mjs';

process.env.TZ = 'UTC';
const isTest = process.env.VITEST === 'true';

/**
 * Resolves `virtual:quorum-test-hook` (src/test-hook.d.ts): to the hostile-peer test's hook in
 * tests/helpers only when QUORUM_TEST_HOOK=1 (tests/p2p/run.mjs builds that variant for the hostile
 * spec alone), and to a no-op in every other build, so user builds never hold test code.
 */
function testHook(): Plugin {
	const id = 'virtual:quorum-test-hook';
	const noop = '\0' + id;
	const hook = fileURLToPath(new URL('./tests/helpers/test-hook.ts', import.meta.url));
	return {
		name: 'quorum-test-hook',
		resolveId: (source) =>
			source !== id ? null : process.env.QUORUM_TEST_HOOK === '1' ? hook : noop,
		load: (source) =>
			source === noop ? 'export const testHookInstall = () => () => undefined;' : null
	};
}

export default defineConfig({
	plugins: [
		testHook(),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'autoUpdate',
			injectRegister: false,
			// Absolute: SvelteKit's relative base ('./') would register /p/<id>/sw.js on a deep link
			// (an invite), which the server answers with the app's HTML, so no service worker.
			base: '/',
			scope: '/',
			kit: { adapterFallback: 'index.html', spa: true },
			manifest: {
				name: 'Quorum — local-first data labeling',
				short_name: 'Quorum',
				description: 'Label data together in the browser, offline and peer to peer.',
				theme_color: '#3b3bb3',
				background_color: '#ffffff',
				display: 'standalone',
				start_url: '/',
				scope: '/',
				icons: [
					{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
					{ src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				clientsClaim: true,
				skipWaiting: true,
				globPatterns: ['client/**/*.{js,css,html,svg,png,ico,webmanifest,wasm}'],
				// Media model weights (nsfwjs MobileNetV2 3.6 MB as .js, human CenterNet 4.2 MB) are not
				// precached: they would triple the install for users who never use image models. They
				// are cached on first use (CacheFirst; hashed names never change) and then work offline.
				globIgnores: ['**/model.min*.js', '**/group1-shard*.js', '**/centernet*'],
				runtimeCaching: [
					{
						urlPattern:
							/\/_app\/immutable\/(workers\/)?assets\/(model\.min|group1-shard|centernet)[^/]*$/,
						handler: 'CacheFirst',
						options: { cacheName: 'quorum-ml-weights', expiration: { maxEntries: 16 } }
					}
				],
				maximumFileSizeToCacheInBytes: 8e6
			},
			devOptions: { enabled: false }
		})
	],
	server: {
		host: '127.0.0.1',
		// Browser tests read the shared reference data in place (tests/helpers/shared-data-browser.ts).
		...(isTest ? { fs: { allow: [searchForWorkspaceRoot(process.cwd()), '../shared/data'] } } : {})
	},
	preview: { host: '127.0.0.1' },
	// Dependencies that only lazily loaded modules and workers import: Vite finds them late in
	// Vitest's browser project, re-bundles and reloads the page mid-test (it warned of flaky runs
	// on a clean clone for the tfjs packages), so they are bundled up front.
	optimizeDeps: {
		include: [
			'@tensorflow/tfjs-backend-wasm',
			'@tensorflow/tfjs-converter',
			'@tensorflow/tfjs-core',
			'@tensorflow/tfjs-layers',
			'pdfjs-dist',
			'three',
			'three/examples/jsm/controls/OrbitControls.js',
			'@observablehq/plot',
			'dompurify',
			'fflate',
			'marked',
			'qrcode',
			'wavesurfer.js',
			'wavesurfer.js/dist/plugins/regions.esm.js'
		]
	},
	test: {
		expect: { requireAssertions: true },
		testTimeout: 30_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'node',
					environment: 'node',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					exclude: [
						'src/**/*.svelte.test.ts',
						'src/**/*.browser.test.ts',
						'src/lib/storage/**',
						'src/lib/ui/**'
					]
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: [
						'src/**/*.svelte.test.ts',
						'src/**/*.browser.test.ts',
						'src/lib/storage/**/*.test.ts',
						'src/lib/ui/**/*.test.ts'
					],
					browser: {
						enabled: true,
						headless: true,
						provider: playwright({
							launchOptions: isTest
								? { executablePath: findTestChromium(), args: CHROMIUM_ARGS }
								: {}
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});
