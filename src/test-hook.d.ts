/**
 * The hostile-peer test's hook into the open project (tests/helpers/test-hook.ts). vite.config.ts
 * resolves this module to that file only for the hostile spec's build (QUORUM_TEST_HOOK=1), and to
 * a no-op in every other build, so user builds hold no test code.
 */
declare module 'virtual:quorum-test-hook' {
	/** Offers the project's doc to the test page; returns its removal. */
	export function testHookInstall(hook: { project: string; me: string; doc: unknown }): () => void;
}
