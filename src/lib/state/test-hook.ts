/**
 * A hook for the hostile-peer WebRTC test (tests/p2p/hostile.p2p.ts): it puts the open project's
 * Y.Doc on `window.__quorumTest`, so that test can make one browser act as a modified client would
 * (write other people's keys, invalid values, floods) over the real mesh.
 *
 * Two gates, both required, so a user's page never exposes it:
 * - build time: `__QUORUM_TEST_HOOK__` is true only when the app is built with QUORUM_TEST_HOOK=1
 *   (the test runners do that); any other build compiles this function to a no-op and drops it;
 * - run time: the page was opened with `?quorum-test-hook=1` in its URL.
 * The hook gives a page's script nothing it could not already reach in its own tab; the gates keep
 * test code out of what users run.
 */
import type * as Y from 'yjs';
import type { AnnotatorId, ProjectId } from '$lib/core/types';

declare const __QUORUM_TEST_HOOK__: boolean;

export interface QuorumTestHook {
	project: ProjectId;
	me: AnnotatorId;
	doc: Y.Doc;
}

/** Installs the hook when both gates are open; returns its removal. */
export function testHookInstall(hook: QuorumTestHook): () => void {
	if (typeof __QUORUM_TEST_HOOK__ === 'undefined' || !__QUORUM_TEST_HOOK__) return () => undefined;
	if (typeof window === 'undefined') return () => undefined;
	if (new URLSearchParams(window.location.search).get('quorum-test-hook') !== '1')
		return () => undefined;
	const w = window as unknown as { __quorumTest?: QuorumTestHook };
	w.__quorumTest = hook;
	return () => {
		if (w.__quorumTest === hook) delete w.__quorumTest;
	};
}
