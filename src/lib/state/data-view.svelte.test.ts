import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { classificationTaskNew } from '$lib/core/schema';
import type { LabelId, TaskId } from '$lib/core/types';
import { labelOf, sessionWithSchema, textItems } from '$tests/helpers/session';
import { DataView } from './data-view.svelte';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const c of cleanup) await c();
	cleanup = [];
});

async function setup() {
	const task = classificationTaskNew({
		id: 'sent' as TaskId,
		name: 'Sentiment',
		labels: [
			{ id: 'pos' as LabelId, name: 'positive' },
			{ id: 'neg' as LabelId, name: 'negative' }
		]
	});
	const s = await sessionWithSchema([task], { items: textItems(4) });
	cleanup.push(() => s.destroy());
	return { s, view: new DataView(s) };
}

describe('data view', () => {
	it('filters by text and by label, and follows new labels and items', async () => {
		const { s, view } = await setup();
		expect(view.ids.map((r) => r.id)).toEqual(['i0', 'i1', 'i2', 'i3']);
		view.searchSet('TEXT 2');
		expect(view.ids).toEqual([{ id: 'i2', n: 2 }]);
		view.searchSet('');
		view.labelSet('__labeled');
		expect(view.ids).toEqual([]);
		s.store.label(labelOf('i1', 'a', 'neg'));
		expect(view.ids.map((r) => r.id)).toEqual(['i1']);
		view.labelSet('pos' as LabelId);
		expect(view.ids).toEqual([]);
		view.labelSet('__unlabeled');
		s.store.itemsAdd(textItems(5).slice(4));
		expect(view.ids.map((r) => r.id)).toEqual(['i0', 'i2', 'i3', 'i4']);
		expect(view.row(0)).toMatchObject({
			id: 'i0',
			n: 0,
			item: { text: 'text 0' },
			annotations: []
		});
	});

	it('re-filters on labels only while a label filter is set; a row follows its own item', async () => {
		const { s, view } = await setup();
		const runs = { ids: 0, row: 0 };
		const stop = $effect.root(() => {
			$effect(() => {
				void view.ids;
				runs.ids++;
			});
			$effect(() => {
				void view.row(0);
				runs.row++;
			});
		});
		cleanup.push(stop);
		flushSync();
		s.store.label(labelOf('i3', 'a', 'pos'));
		flushSync();
		expect(runs).toEqual({ ids: 1, row: 1 });
		s.store.label(labelOf('i0', 'a', 'pos'));
		flushSync();
		expect(runs).toEqual({ ids: 1, row: 2 });
		view.labelSet('pos' as LabelId);
		flushSync();
		s.store.label(labelOf('i2', 'a', 'pos'));
		flushSync();
		expect(runs.ids).toBe(3);
		expect(view.ids.map((r) => r.id)).toEqual(['i0', 'i2', 'i3']);
	});
});
