/**
 * The sync state's guard report across page loads: a hostile peer's writes reach the open
 * project, the Team page's counts grow, and a new ProjectSync (the page loaded anew) starts from
 * the kept totals in Chromium's real localStorage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AnnotatorId, ItemId, ProjectId, TaskId } from '$lib/core/types';
import { guardHistoryKey } from '$lib/sync/team/guard-history';
import { hostilePeerOf } from '$tests/helpers/hostile-peer';
import { labelOf, sessionWithSchema } from '$tests/helpers/session';
import { ProjectSync } from './project-sync.svelte';

const project = `sync-guard-${Math.random().toString(36).slice(2)}` as ProjectId;
const ann = (item: string, who: string, label = 'pos') => labelOf(item, who, label);
const prefs = () => {
	const m = new Map<string, unknown>();
	return {
		get: async <T>(k: string) => m.get(k) as T | undefined,
		set: async (k: string, v: unknown) => void m.set(k, v)
	};
};

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const c of cleanup) await c();
	cleanup = [];
	localStorage.removeItem(guardHistoryKey(project));
});

describe('ProjectSync guard report', () => {
	it('counts a hostile peer’s writes and keeps the totals for the next page load', async () => {
		let t = 1_000;
		const s = await sessionWithSchema([], { id: project, now: () => t });
		cleanup.push(async () => s.destroy());
		const me = { id: 'alice' as AnnotatorId, name: 'Alice', color: '#000' };
		const sync = new ProjectSync(s, me, { prefs: prefs(), now: () => t });
		s.store.label(ann('i1', 'alice'));
		// A hostile peer, as remote updates: overwrites my label, writes an invalid value.
		const h = hostilePeerOf(s.store);
		cleanup.push(async () => h.destroy());
		h.annotationSet('i1/sent/alice', ann('i1', 'alice', 'neg'));
		h.annotationSet('i2/sent/mallory', 42);
		// The view reads the report at most every 250 ms; trust's start shares the event loop.
		await expect
			.poll(() => [sync.guardRestored, sync.guardInvalid, sync.guardSince], { timeout: 5_000 })
			.toEqual([1, 1, 1_000]);
		expect(s.store.annotation('i1' as ItemId, 'sent' as TaskId, 'alice' as AnnotatorId)).toEqual(
			ann('i1', 'alice')
		);
		await sync.destroy();

		// The page loads anew.
		t = 50_000;
		const again = new ProjectSync(s, me, { prefs: prefs(), now: () => t });
		expect([again.guardRestored, again.guardInvalid, again.guardSince]).toEqual([1, 1, 1_000]);
		// The peer has seen the restored label first: a write concurrent with the restore would
		// lose to it half the time (Yjs orders concurrent map writes by client id), and then
		// nothing changes and there is nothing to put back.
		h.catchUp();
		h.annotationSet('i1/sent/alice', ann('i1', 'alice', 'neg'));
		await expect
			.poll(() => [again.guardRestored, again.guardInvalid], { timeout: 5_000 })
			.toEqual([2, 1]);
		again.guardClear();
		expect([again.guardRestored, again.guardInvalid, again.guardSince]).toEqual([0, 0, undefined]);
		expect(localStorage.getItem(guardHistoryKey(project))).toBeNull();
		await again.destroy();
	});
});
