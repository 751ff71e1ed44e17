/**
 * A hook for the hostile-peer WebRTC test (tests/p2p/hostile.p2p.ts): it puts the open project's
 * Y.Doc on `window.__quorumTest`, so that test can make one browser act as a modified client would
 * (write other people's keys, invalid values, floods) over the real mesh.
 *
 * The app imports `virtual:quorum-test-hook`; vite.config.ts resolves it to this file only when the
 * app is built with QUORUM_TEST_HOOK=1 (tests/p2p/run.mjs does that for the hostile spec alone),
 * and to a no-op otherwise, so this code is never in a production build
 * (tests/e2e/build-clean.e2e.ts checks). Even in that test build the hook opens only for a page
 * whose URL carries `?quorum-test-hook=1`.
 */
import type * as Y from 'yjs';

interface QuorumTestHook {
	project: string;
	me: string;
	doc: Y.Doc;
}

/** Installs the hook when the page asks for it; returns its removal. */
export function testHookInstall(hook: { project: string; me: string; doc: unknown }): () => void {
	if (typeof window === 'undefined') return () => undefined;
	if (new URLSearchParams(window.location.search).get('quorum-test-hook') !== '1')
		return () => undefined;
	const w = window as unknown as { __quorumTest?: QuorumTestHook };
	const installed = hook as QuorumTestHook;
	w.__quorumTest = installed;
	return () => {
		if (w.__quorumTest === installed) delete w.__quorumTest;
	};
}
