/**
 * The guard's report across page loads, in Chromium's real localStorage: a hostile peer's writes
 * counted by a real DocGuard, then a "reload" (a new guard and history on the same project) shows
 * the same totals and adds to them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation, AnnotatorId, EpochMs, ItemId, LabelId, TaskId } from '$lib/core/types';
import { annotationRead, annotationWrite } from '../doc';
import { DocGuard } from '../guard';
import { peerPair } from '$tests/helpers/peers';
import { GuardHistory, guardHistoryKey, guardTotalsParse } from './guard-history';

const ann = (item: string, who: string, label = 'pos'): Annotation => ({
	item: item as ItemId,
	task: 'sent' as TaskId,
	annotator: who as AnnotatorId,
	value: { type: 'classification', labels: [label as LabelId] },
	source: 'human',
	startedAt: 1 as EpochMs,
	savedAt: 2 as EpochMs,
	ms: 1
});

const project = `guard-history-test-${Math.random().toString(36).slice(2)}`;
afterEach(() => localStorage.removeItem(guardHistoryKey(project)));

describe('GuardHistory', () => {
	it('keeps what the guard put back and set aside across a reload, since the first count', async () => {
		const { a, h, flush } = peerPair();
		let t = 1_000;
		const guard = new DocGuard(a, { me: 'alice' as AnnotatorId });
		const history = new GuardHistory(localStorage, project, () => t);
		const off = guard.onReport((r) => history.track(r));
		annotationWrite(a, ann('i1', 'alice'));
		annotationWrite(a, ann('i2', 'alice'));
		h.annotations.set('i1/sent/alice', ann('i1', 'alice', 'neg'));
		h.annotations.delete('i2/sent/alice');
		h.annotations.set('i3/sent/mallory', 42 as never);
		await flush();
		expect(annotationRead(a, 'i2/sent/alice')).toEqual(ann('i2', 'alice'));
		expect(guard.report).toMatchObject({ restored: 2, invalid: 1 });
		expect(history.read()).toEqual({ restored: 2, invalid: 1, since: 1_000 });
		expect(JSON.parse(localStorage.getItem(guardHistoryKey(project))!)).toEqual({
			restored: 2,
			invalid: 1,
			since: 1_000
		});
		off();
		guard.destroy();

		// The page loads anew: a new guard counts from zero; the totals come from storage.
		t = 9_000;
		const guard2 = new DocGuard(a, { me: 'alice' as AnnotatorId });
		const history2 = new GuardHistory(localStorage, project, () => t);
		expect(history2.read()).toEqual({ restored: 2, invalid: 1, since: 1_000 });
		guard2.onReport((r) => history2.track(r));
		h.annotations.set('i1/sent/alice', ann('i1', 'alice', 'neg'));
		await flush();
		expect(guard2.report.restored).toBe(1);
		expect(history2.read()).toEqual({ restored: 3, invalid: 1, since: 1_000 });

		// Clear: nothing until the next count, which starts a new "since".
		expect(history2.clear()).toEqual({ restored: 0, invalid: 0 });
		expect(localStorage.getItem(guardHistoryKey(project))).toBeNull();
		expect(new GuardHistory(localStorage, project).read()).toEqual({ restored: 0, invalid: 0 });
		t = 20_000;
		h.annotations.set('i4/sent/mallory', 'x' as never);
		await flush();
		expect(history2.read()).toEqual({ restored: 0, invalid: 1, since: 20_000 });
		guard2.destroy();
	});

	it('counts the growth of the report only, and each project on its own', () => {
		const h1 = new GuardHistory(localStorage, project, () => 5);
		h1.track({ restored: 1, invalid: 0 });
		h1.track({ restored: 1, invalid: 0 });
		h1.track({ restored: 3, invalid: 2 });
		expect(h1.read()).toEqual({ restored: 3, invalid: 2, since: 5 });
		const other = new GuardHistory(localStorage, `${project}-other`);
		expect(other.read()).toEqual({ restored: 0, invalid: 0 });
	});

	it('reads a malformed stored report as nothing counted, and counts on', () => {
		localStorage.setItem(guardHistoryKey(project), '{"restored":"lots"');
		const h1 = new GuardHistory(localStorage, project, () => 7);
		expect(h1.read()).toEqual({ restored: 0, invalid: 0 });
		h1.track({ restored: 1, invalid: 0 });
		expect(h1.read()).toEqual({ restored: 1, invalid: 0, since: 7 });
		for (const bad of ['[]', 'null', '{"restored":-1,"invalid":0}', '{"restored":1.5,"invalid":0}'])
			expect(guardTotalsParse(bad)).toEqual({ restored: 0, invalid: 0 });
	});

	it('keeps counting in memory for the page load when storage refuses writes', () => {
		const full = {
			getItem: () => null,
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			},
			removeItem: () => undefined
		};
		const h1 = new GuardHistory(full, project, () => 3);
		h1.track({ restored: 2, invalid: 0 });
		h1.track({ restored: 4, invalid: 1 });
		expect(h1.read()).toEqual({ restored: 4, invalid: 1, since: 3 });
	});
});
