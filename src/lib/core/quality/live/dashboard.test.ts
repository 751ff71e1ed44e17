import { describe, expect, it } from 'vitest';
import { aggregate } from '../aggregate';
import { dashboardFigures, isRare } from './dashboard';
import { Outcomes } from './outcomes';
import { TaskStats } from './task-stats';

const DAY = 86_400_000;

describe('dashboard figures', () => {
	it('derive progress, throughput, balance, agreement, confusion, rules and errors', () => {
		const stats = new TaskStats({ overlap: 2, threshold: 1, labels: ['x', 'y', 'z'] });
		const set = (item: string, annotator: string, label: string, day: number, ms: number) =>
			stats.set({ item, annotator, label, savedAt: day * DAY + 3_600_000 * (day + 1), ms });
		set('1', 'a', 'x', 0, 500);
		set('1', 'b', 'x', 0, 3000);
		set('2', 'a', 'x', 1, 1500);
		set('2', 'b', 'y', 1, 300_000);
		set('3', 'a', 'x', 1, 900);
		const answers = [...stats.answers()].map((a) => ({
			item: a.item,
			worker: a.annotator,
			label: a.label
		}));
		const ds = aggregate(answers, 'ds');
		const outcomes = new Outcomes({
			stats,
			method: 'mv',
			decisions: new Map(),
			gold: new Map(),
			reasons: new Map()
		});
		const f = dashboardFigures({
			stats,
			outcomes,
			aggregate: ds,
			rules: [{ rule: 'too-fast' }, { rule: 'too-fast' }, { rule: 'label-outside-schema' }],
			labelErrorItems: ['2']
		});
		expect(f.status).toEqual({ accepted: 1, review: 1, pending: 1, reviewed: 0 });
		expect(f.progress).toEqual([
			{ day: 0, answers: 2, cumulative: 2 },
			{ day: DAY, answers: 3, cumulative: 5 }
		]);
		expect(f.throughput).toContainEqual({ day: DAY, annotator: 'a', answers: 2 });
		expect(f.labels).toEqual([
			{ label: 'x', count: 4, share: 0.8, rare: false },
			{ label: 'y', count: 1, share: 0.2, rare: false }
		]);
		expect(f.pairs).toHaveLength(2);
		expect(f.pairs[0]).toMatchObject({ items: 2, percent: 0.5 });
		expect(f.agreementPerLabel.find((l) => l.label === 'x')?.value).toBeCloseTo(2 / 3);
		expect(f.rules).toEqual([
			{ rule: 'too-fast', count: 2 },
			{ rule: 'label-outside-schema', count: 1 }
		]);
		expect(f.labelErrors).toEqual([{ label: 'x', count: 1 }]);
		expect(f.time.map((t) => t.count)).toEqual([2, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
		expect(f.time[9]?.bin).toBe('> 256 s');
		// Each annotator's DS confusion rows sum to 1.
		for (const w of ['a', 'b'])
			for (const t of ds.classes) {
				const row = f.confusion.filter((c) => c.annotator === w && c.truth === t);
				expect(row.reduce((s, c) => s + c.p, 0)).toBeCloseTo(1, 9);
			}
		const a = f.annotators.find((x) => x.annotator === 'a');
		expect(a?.answers).toBe(3);
		expect(a?.perHour).toBeCloseTo(3 / 25);
	});

	it('warns about rare classes', () => {
		expect(isRare(0.04, 2)).toBe(true);
		expect(isRare(0.2, 2)).toBe(false);
		expect(isRare(0.02, 20)).toBe(true);
		expect(isRare(0.03, 20)).toBe(false);
	});
});
