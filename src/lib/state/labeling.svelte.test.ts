import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { classificationTaskNew } from '$lib/core/schema';
import type { AnnotatorId, EpochMs, ItemId, LabelId, TaskId } from '$lib/core/types';
import { sessionWithSchema, textItems } from '$tests/helpers/session';
import { LabelingQueue } from './labeling.svelte';

const L = (s: string) => s as LabelId;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const c of cleanup) await c();
	cleanup = [];
});

async function setup(opts: { multi?: boolean; n?: number } = {}) {
	let t = 1000;
	const now = () => t;
	const advance = (ms: number) => (t += ms);
	const s = await sessionWithSchema(
		[
			classificationTaskNew({
				id: 'class' as TaskId,
				name: 'Label',
				multi: opts.multi,
				labels: [
					{ id: L('pos'), name: 'positive' },
					{ id: L('neg'), name: 'negative' }
				]
			})
		],
		{ now, items: textItems(opts.n ?? 5, 'item') }
	);
	const q = new LabelingQueue(s, 'me' as AnnotatorId, now);
	cleanup.push(async () => {
		q.destroy();
		await s.destroy();
	});
	return { s, q, advance };
}

describe('labeling queue', () => {
	it('labels by hotkey, records the time spent and advances after a single-label choice', async () => {
		const { s, q, advance } = await setup();
		expect(q.itemId).toBe('item0');
		advance(1500);
		const r = q.hotkey('1');
		expect(r).toEqual({ matched: true, advance: true });
		expect(q.mine).toMatchObject({
			value: { labels: ['pos'] },
			ms: 1500,
			source: 'human',
			annotator: 'me'
		});
		q.skip();
		expect(q.itemId).toBe('item1');
		expect(q.doneCount).toBe(1);
		expect(s.labeledCount).toBe(1);
		expect(q.hotkey('x')).toEqual({ matched: false, advance: false });
	});

	it('undoes and redoes my own edits and returns to the item they touched', async () => {
		const { q } = await setup();
		q.choose(L('pos'));
		q.skip();
		q.choose(L('neg'));
		q.skip();
		expect(q.doneCount).toBe(2);
		q.undo();
		expect(q.itemId).toBe('item1');
		expect(q.mine).toBeUndefined();
		q.undo();
		expect(q.itemId).toBe('item0');
		expect(q.doneCount).toBe(0);
		q.redo();
		expect(q.chosen).toEqual(['pos']);
		expect(q.canRedo).toBe(true);
	});

	it('toggles labels on multi-label tasks without advancing', async () => {
		const { q } = await setup({ multi: true });
		expect(q.choose(L('pos'))).toBe(false);
		q.choose(L('neg'));
		expect(q.chosen).toEqual(['pos', 'neg']);
		q.choose(L('pos'));
		expect(q.chosen).toEqual(['neg']);
		q.choose(L('neg'));
		expect(q.mine).toBeUndefined();
	});

	it('starts at the first item I have not labeled, and skip wraps around', async () => {
		const { s, q } = await setup({ n: 3 });
		q.choose(L('pos'));
		q.go(2);
		q.choose(L('pos'));
		const q2 = new LabelingQueue(s, 'me' as AnnotatorId);
		expect(q2.itemId).toBe('item1');
		q2.go(2);
		q2.skip();
		expect(q2.itemId).toBe('item1');
		q2.destroy();
	});

	it('re-reads after changes to the topics it shows, and only then', async () => {
		const { s, q } = await setup({ n: 3 });
		const runs = { item: 0, done: 0, mine: 0 };
		const stop = $effect.root(() => {
			$effect(() => {
				void q.itemId;
				runs.item++;
			});
			$effect(() => {
				void q.doneCount;
				runs.done++;
			});
			$effect(() => {
				void q.mine;
				runs.mine++;
			});
		});
		cleanup.push(async () => stop());
		flushSync();
		expect(runs).toEqual({ item: 1, done: 1, mine: 1 });
		// Guidelines, members and the log are not shown by the queue.
		s.store.guidelinesSet('Be kind.');
		s.store.memberUpsert({ id: 'bo' as AnnotatorId, name: 'Bo', color: '#000', role: 'annotator' });
		s.store.logAppend({ at: 1 as EpochMs, who: 'bo' as AnnotatorId, what: 'label' });
		flushSync();
		expect(runs).toEqual({ item: 1, done: 1, mine: 1 });
		// Another annotator's label on another item: the done count re-reads, my answer does not.
		s.store.label({
			item: 'item2' as ItemId,
			task: 'class' as TaskId,
			annotator: 'bo' as AnnotatorId,
			value: { type: 'classification', labels: [L('neg')] },
			source: 'human',
			startedAt: 1 as EpochMs,
			savedAt: 1 as EpochMs,
			ms: 1
		});
		flushSync();
		expect(runs.mine).toBe(1);
		q.choose(L('pos'));
		flushSync();
		expect(runs.mine).toBe(2);
		expect(q.doneCount).toBe(1);
		// A gold answer changes the order (gold items are mixed in at the gold rate).
		s.store.settingsSet({ goldRate: 0.5 });
		flushSync();
		const before = runs.item;
		s.store.goldSet({
			item: 'item2' as ItemId,
			task: 'class' as TaskId,
			value: { type: 'classification', labels: [L('pos')] },
			by: 'me' as AnnotatorId,
			at: 1 as EpochMs
		});
		flushSync();
		expect(runs.item).toBeGreaterThan(before);
		expect(q.isGold('item2' as ItemId)).toBe(true);
	});

	it('flags the item in view for review by me, with a log line, and counts what I did since a time', async () => {
		const { s, q, advance } = await setup();
		q.hotkey('1');
		advance(10_000);
		q.skip();
		q.hotkey('2');
		expect(q.doneSince(0)).toBe(2);
		expect(q.doneSince(5_000)).toBe(1);
		expect(q.flag('unreadable')).toBe(true);
		expect(s.store.flags()).toEqual([
			expect.objectContaining({ item: 'item1', task: 'class', reason: 'manual', by: 'me' })
		]);
		expect(s.store.log().at(-1)).toMatchObject({
			what: 'flag',
			item: 'item1',
			detail: 'unreadable'
		});
	});
});
