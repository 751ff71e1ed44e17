import { afterEach, describe, expect, it } from 'vitest';
import { majorityVote } from '$lib/core/quality/aggregate/majority';
import { classificationTaskNew } from '$lib/core/schema';
import type { AnnotatorId, EpochMs, ItemId, LabelId, TaskId } from '$lib/core/types';
import { sessionWithSchema, textItems } from '$tests/helpers/session';
import { QualityState } from './quality.svelte';

const L = (s: string) => s as LabelId;
const T = 'class' as TaskId;
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const c of cleanup) await c();
	cleanup = [];
});

async function setup() {
	const s = await sessionWithSchema(
		[
			classificationTaskNew({
				id: T,
				name: 'Label',
				labels: [
					{ id: L('pos'), name: 'positive' },
					{ id: L('neg'), name: 'negative' }
				]
			})
		],
		{ items: textItems(4) }
	);
	s.settingsSet({ overlap: 2, consensusThreshold: 1 });
	const q = new QualityState(s, 'me' as AnnotatorId, () => 5);
	cleanup.push(async () => {
		q.destroy();
		await s.destroy();
	});
	const label = (item: string, who: string, l: string) =>
		s.store.label({
			item: item as ItemId,
			task: T,
			annotator: who as AnnotatorId,
			value: { type: 'classification', labels: [L(l)] },
			source: 'human',
			startedAt: 0 as EpochMs,
			savedAt: 1 as EpochMs,
			ms: 2000
		});
	return { s, q, label };
}

describe('quality state', () => {
	it('accepts agreeing items, queues the rest, and takes a reviewer decision and gold', async () => {
		const { q, s, label } = await setup();
		label('i0', 'a', 'pos');
		label('i0', 'b', 'pos');
		label('i1', 'a', 'pos');
		label('i1', 'b', 'neg');
		label('i2', 'a', 'neg');
		expect(q.outcomes.get('i0')).toMatchObject({ status: 'accepted', label: 'pos' });
		expect(q.outcomes.get('i1')).toMatchObject({ status: 'review' });
		expect(q.outcomes.get('i2')).toMatchObject({ status: 'pending' });
		expect(q.outcomes.queue().map((o) => o.item)).toEqual(['i1']);
		q.review.decide('i1' as ItemId, [L('neg')], 'b' as AnnotatorId);
		expect(q.outcomes.get('i1')).toMatchObject({
			status: 'reviewed',
			label: 'neg',
			method: 'review'
		});
		expect(q.outcomes.queue()).toEqual([]);
		q.review.goldSet('i0' as ItemId, [L('neg')]);
		expect(q.accuracy.find((a) => a.annotator === 'a')).toMatchObject({
			goldCorrect: 0,
			goldTotal: 1
		});
		q.review.guidelinesAdd('i1' as ItemId, 'neg', 'edge case');
		expect(s.guidelines).toContain('## Edge cases');
		expect(s.guidelines).toContain('“text 1” → **negative**');
		expect(q.history({ what: 'review' })).toHaveLength(1);
		// Per-task method: Dawid–Skene after the model runs.
		q.consensusSet({ method: 'ds', threshold: 0.5 });
		q.heavyRun();
		expect(q.consensus).toEqual({ method: 'ds', threshold: 0.5 });
		expect(q.aggregateResult?.method).toBe('ds');
	});
});

describe('majority vote tie rule', () => {
	it('sends a tie to review at 0%, and the seed rule accepts it with the seeded pick', async () => {
		const { q, label } = await setup();
		label('i1', 'a', 'pos');
		label('i1', 'b', 'neg');
		label('i2', 'a', 'pos');
		label('i2', 'b', 'pos');
		q.consensusSet({ method: 'mv', threshold: 0 });
		expect(q.outcomes.get('i1')).toMatchObject({ status: 'review' });
		expect(q.outcomes.queue().map((o) => o.item)).toEqual(['i1']);
		q.consensusSet({ method: 'mv', threshold: 0, ties: 'seed', seed: 3 });
		expect(q.consensus).toEqual({ method: 'mv', threshold: 0, ties: 'seed', seed: 3 });
		const picked = majorityVote(
			[
				{ item: 'i1', worker: 'a', label: 'pos' },
				{ item: 'i1', worker: 'b', label: 'neg' }
			],
			{ seed: 3, tieBreak: 'seed' }
		).labels[0];
		expect(q.outcomes.get('i1')).toMatchObject({ status: 'accepted', label: picked });
		expect(q.outcomes.get('i2')).toMatchObject({ status: 'accepted', label: 'pos' });
		expect(q.outcomes.queue()).toEqual([]);
		// Back to review: the tie is queued again.
		q.consensusSet({ method: 'mv', threshold: 0 });
		expect(q.outcomes.queue().map((o) => o.item)).toEqual(['i1']);
	});
});

describe('gold items in the labeling queue', () => {
	it('every annotator gets every gold item, spread at the gold rate', async () => {
		const { s, q } = await setup();
		const { LabelingQueue } = await import('../labeling.svelte');
		s.settingsSet({ goldRate: 0.5 });
		q.review.goldSet('i3' as ItemId, [L('pos')]);
		const lq = new LabelingQueue(s, 'me' as AnnotatorId, () => 1);
		const order: string[] = [];
		for (let i = 0; i < lq.total; i++) {
			lq.goToItem(lq.itemId!);
			order.push(lq.itemId as string);
			lq.next();
		}
		expect(order).toEqual(['i0', 'i3', 'i1', 'i2']);
		expect(lq.isGold('i3' as ItemId)).toBe(true);
		lq.destroy();
	});
});
