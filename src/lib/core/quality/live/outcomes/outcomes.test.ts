import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../../../../tests/helpers/shared-data';
import { aggregate } from '../../aggregate';
import { answersFromCsv } from '../../answers-csv';
import { TaskStats } from '../task-stats/task-stats';
import { annotatorAccuracy } from './accuracy';
import { latestDecisions } from './inputs';
import { Outcomes } from './outcomes';
import type { ExternalReason } from './types';

const none = new Map();

describe('item outcomes', () => {
	it('follow Dawid–Skene on real crowd data, and accept only at the threshold', () => {
		const answers = answersFromCsv(
			readFileSync(dataPath('crowd', 'rte', 'answers.csv'), 'utf8'),
			'rte'
		);
		const stats = new TaskStats({ overlap: 3, threshold: 0.8 });
		answers.forEach((a, i) =>
			stats.set({ item: a.item, annotator: a.worker, label: a.label, savedAt: i, ms: 1 })
		);
		const ds = aggregate(answers, 'ds');
		const o = new Outcomes({
			stats,
			method: 'ds',
			aggregate: ds,
			decisions: none,
			gold: none,
			reasons: none
		});
		ds.items.forEach((item, i) => {
			const out = o.get(item);
			expect(out?.label).toBe(ds.labels[i]);
			expect(out?.confidence).toBeCloseTo(ds.confidence[i] as number, 12);
			expect(out?.status).toBe(out!.agreement >= 0.8 ? 'accepted' : 'review');
		});
		const q = o.queue();
		expect(q.length).toBe(o.counts().review);
		for (let i = 1; i < q.length; i++)
			expect(q[i - 1]!.suspicion).toBeGreaterThanOrEqual(q[i]!.suspicion);
		const acc = annotatorAccuracy(stats, none, ds);
		expect(acc.every((a) => a.estimated! >= 0 && a.estimated! <= 1)).toBe(true);
	});

	it('puts decisions, gold and flags on top of consensus', () => {
		const stats = new TaskStats({ overlap: 2, threshold: 1, labels: ['x', 'y'] });
		const set = (item: string, annotator: string, label: string) =>
			stats.set({ item, annotator, label, savedAt: 0, ms: 1000 });
		set('agree', 'a', 'x');
		set('agree', 'b', 'x');
		set('split', 'a', 'x');
		set('split', 'b', 'y');
		set('decided', 'a', 'x');
		set('decided', 'b', 'y');
		set('gold', 'a', 'x');
		set('gold', 'b', 'y');
		set('flagged', 'a', 'y');
		set('flagged', 'b', 'y');
		const reasons = new Map<string, ExternalReason[]>([
			['flagged', [{ item: 'flagged', reason: 'label-error', at: 5, score: 0.9 }]],
			['decided', [{ item: 'decided', reason: 'rule', at: 1 }]]
		]);
		const decisions = latestDecisions([
			{ item: 'decided', label: 'x', at: 2, by: 'r1' },
			{ item: 'decided', label: 'y', at: 3, by: 'r2' }
		]);
		const gold = new Map([['gold', 'x']]);
		const o = new Outcomes({ stats, method: 'mv', decisions, gold, reasons });
		expect(o.get('agree')).toMatchObject({ label: 'x', status: 'accepted', method: 'mv' });
		expect(o.get('split')).toMatchObject({ status: 'review', reasons: ['agreement'] });
		expect(o.get('decided')).toMatchObject({ label: 'y', status: 'reviewed', reasons: [] });
		expect(o.get('gold')).toMatchObject({ label: 'x', method: 'gold', status: 'accepted' });
		expect(o.get('flagged')).toMatchObject({ status: 'accepted', reasons: ['label-error'] });
		expect(o.queue().map((q) => q.item)).toEqual(['flagged', 'split']);
		const acc = annotatorAccuracy(stats, gold);
		expect(acc.find((a) => a.annotator === 'b')).toMatchObject({ goldCorrect: 0, goldTotal: 1 });
		expect(acc.find((a) => a.annotator === 'a')).toMatchObject({ goldCorrect: 1, goldTotal: 1 });
		// One more answer updates one outcome.
		set('split', 'c', 'x');
		o.refresh(['split']);
		expect(o.get('split')).toMatchObject({ label: 'x', status: 'review' });
	});
});
