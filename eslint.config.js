import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const LAYER_MESSAGE =
	'Layer ban: imports point ui → state → storage | sync | ml → core (docs/ARCHITECTURE.md#layers).';
/** Layer bans: imports point ui → state → storage | sync | ml → core. */
const banned = (group) => ({
	'no-restricted-imports': ['error', { patterns: [{ group, message: LAYER_MESSAGE }] }]
});
const DOOR_MESSAGE =
	'Only src/lib/sync/ touches the Y.Doc: use ProjectStore (sync/project-store.ts), its commands and events (docs/ARCHITECTURE.md#one-door-to-the-doc).';
const UP_FROM_LOWER = ['$lib/state/*', '$lib/ui/*', '**/state/*', '**/ui/*'];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'.svelte-kit-*/',
			'build-*/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench/results.json'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: { allowDefaultProject: ['playwright.config.ts'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'no-undef': 'off',
			// The app is served from the site root (no paths.base), so plain hrefs are correct.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// State classes use local Sets and Maps for one-off computations; reactive state goes through
		// $state/$state.raw fields and the session's version counter.
		files: ['**/*.svelte.ts'],
		rules: { 'svelte/prefer-svelte-reactivity': 'off' }
	},
	{
		files: ['src/lib/core/**'],
		rules: banned([
			'svelte',
			'svelte/*',
			'dexie',
			'yjs',
			'y-*',
			'@tensorflow/*',
			'$app/*',
			'$lib/storage/*',
			'$lib/sync/*',
			'$lib/ml/*',
			'**/storage/*',
			'**/sync/*',
			'**/ml/*',
			...UP_FROM_LOWER
		])
	},
	{
		files: ['src/lib/storage/**'],
		rules: banned(['yjs', 'y-*', '@tensorflow/*', '$lib/sync/*', '$lib/ml/*', ...UP_FROM_LOWER])
	},
	{ files: ['src/lib/sync/**'], rules: banned(['@tensorflow/*', '$lib/ml/*', ...UP_FROM_LOWER]) },
	{
		files: ['src/lib/ml/**'],
		rules: banned(['dexie', 'yjs', 'y-*', '$lib/sync/*', ...UP_FROM_LOWER])
	},
	{
		// One door to the doc: state reads and changes the project through sync/project-store.ts only.
		files: ['src/lib/state/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/ui/*', '**/ui/*', '@tensorflow/*'],
							message: LAYER_MESSAGE
						},
						{
							group: [
								'yjs',
								'y-*',
								'$lib/sync/doc',
								'$lib/sync/doc-index',
								'$lib/sync/doc-items',
								'$lib/sync/annotation-undo',
								'**/sync/doc',
								'**/sync/doc-index',
								'**/sync/doc-items',
								'**/sync/annotation-undo'
							],
							message: DOOR_MESSAGE
						}
					],
					paths: [
						{
							name: '$lib/sync/project-store',
							importNames: ['projectDocOf'],
							message: DOOR_MESSAGE
						}
					]
				}
			]
		}
	},
	{
		// Views reach storage, sync and the models only through state.
		files: ['src/lib/ui/**', 'src/routes/**'],
		rules: banned([
			'dexie',
			'yjs',
			'y-*',
			'@tensorflow/*',
			'$lib/storage',
			'$lib/storage/*',
			'$lib/sync',
			'$lib/sync/*',
			'$lib/ml',
			'$lib/ml/*'
		])
	},
	{
		// Test helpers live in tests/ (STYLE.md §11); only tests may import them. A rule of its own,
		// so it adds to the layer bans above instead of replacing them.
		files: ['src/**'],
		ignores: ['src/**/*.test.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$tests', '$tests/*', '**/tests/*'],
							message: 'Test code stays out of the app: only *.test.ts files import tests/.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/cli/**'],
		rules: banned([
			'svelte',
			'svelte/*',
			'dexie',
			'yjs',
			'y-*',
			'@tensorflow/*',
			'$lib/storage/*',
			'$lib/sync/*',
			'$lib/ml/*',
			'$lib/state/*',
			'$lib/ui/*'
		])
	}
);
