/**
 * The Prepare page's state through the door: the marks are a view of the doc's prep marks (a
 * peer's mark shows, and an effect re-runs on marks, not on labels), a drop is refused for an
 * item someone labeled, and a drop removes the item and records it.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { AnnotatorId, EpochMs, ItemId, LabelId, TaskId } from '$lib/core/types';
import { destroyedAfterEach, labelOf, sessionWithSchema, textItems } from '$tests/helpers/session';
import { PrepSession } from './prep.svelte';

const destroyed = destroyedAfterEach();
const ME = 'me' as AnnotatorId;
const sentiment = {
	id: 'sent' as TaskId,
	type: 'classification' as const,
	name: 'Sentiment',
	multi: false,
	labels: [{ id: 'pos' as LabelId, name: 'Positive', color: '#16a34a', hotkey: '1' }]
};

async function setup() {
	const s = destroyed(await sessionWithSchema([sentiment], { items: textItems(3) }));
	const prep = new PrepSession(s, ME, { now: () => 9000 });
	return { s, prep };
}

describe('PrepSession', () => {
	it('shows the doc’s marks, its own and a peer’s, read fresh outside an effect', async () => {
		const { s, prep } = await setup();
		prep.decide('near-duplicate', 'i0', 'mark');
		expect(prep.marks.get('near-duplicate/i0')).toMatchObject({ action: 'mark', by: ME, at: 9000 });
		s.store.prepMark({
			item: 'i1' as ItemId,
			kind: 'empty',
			action: 'keep',
			by: 'peer' as AnnotatorId,
			at: 5 as EpochMs
		});
		expect([...prep.marks.keys()].sort()).toEqual(['empty/i1', 'near-duplicate/i0']);
		prep.decide('near-duplicate', 'i0', undefined);
		expect([...prep.marks.keys()]).toEqual(['empty/i1']);
		prep.destroy();
	});

	it('re-runs a view of the marks when marks change, not when someone labels', async () => {
		const { s, prep } = await setup();
		let runs = 0;
		const stop = $effect.root(() => {
			$effect(() => {
				void prep.marks;
				runs++;
			});
		});
		flushSync();
		expect(runs).toBe(1);
		s.store.label(labelOf('i0', 'peer', 'pos'));
		flushSync();
		expect(runs).toBe(1);
		prep.decide('outlier', 'i2', 'mark');
		flushSync();
		expect(runs).toBe(2);
		stop();
		prep.destroy();
	});

	it('refuses to drop an item someone labeled, and drops and records one nobody did', async () => {
		const { s, prep } = await setup();
		s.store.label(labelOf('i0', 'ann', 'pos'));
		expect(prep.drop('near-duplicate', 'i0')).toBe(false);
		expect(prep.message).toBe(
			'Not dropped: this item has work by ann. Mark it instead, or ask them first.'
		);
		expect(prep.exists('i0')).toBe(true);

		expect(prep.drop('near-duplicate', 'i1')).toBe(true);
		expect(prep.message).toBe('Dropped “text 1”.');
		expect(prep.exists('i1')).toBe(false);
		expect(prep.preview('i1')).toBe('(dropped)');
		expect(prep.marks.get('near-duplicate/i1')).toMatchObject({ action: 'drop', by: ME });
		expect(s.store.order).toEqual(['i0', 'i2']);
		prep.destroy();
	});

	it('scans the items and counts the labels of the first classification task', async () => {
		const { s, prep } = await setup();
		s.store.label(labelOf('i0', 'ann', 'pos'));
		await prep.run();
		expect(prep.error).toBe('');
		expect(prep.running).toBe(false);
		expect(prep.report?.scanned).toBe(3);
		expect(prep.report?.balance.classes.map((c) => [c.label, c.count])).toEqual([['Positive', 1]]);
	});
});
