import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../../../../tests/helpers/shared-data';
import { agreementPerPair } from '../../agreement/per-label';
import { fleissKappaOf } from '../../agreement/fleiss';
import { krippendorffAlpha } from '../../agreement/krippendorff';
import { answersFromCsv } from '../../answers-csv';
import { majorityVote } from '../../aggregate/majority';
import { rngFrom } from '../../rng';
import { TaskStats } from './task-stats';
import type { LiveAnswer } from './types';

const crowd = (name: string) =>
	answersFromCsv(readFileSync(dataPath('crowd', name, 'answers.csv'), 'utf8'), name);

function statsOf(
	answers: readonly LiveAnswer[],
	overlap = 2,
	threshold = 0.8,
	labels?: string[]
): TaskStats {
	const s = new TaskStats({ overlap, threshold, labels });
	for (const a of answers) s.set(a);
	return s;
}

/** Comparable snapshot of every figure. */
function figures(s: TaskStats) {
	const round = (x: number) => (Number.isNaN(x) ? 'NaN' : Math.round(x * 1e9) / 1e9 + 0);
	return {
		alpha: round(s.alpha()),
		fleiss: round(s.fleiss()),
		labels: s.labelCounts().filter((l) => l.count > 0),
		perLabel: s
			.agreementPerLabel()
			.filter((l) => l.pairs > 0)
			.map((l) => ({ ...l, value: round(l.value) })),
		pairs: s.pairKappas().map((p) => ({ ...p, kappa: round(p.kappa), percent: round(p.percent) })),
		annotators: s
			.annotatorFigures()
			.sort((a, b) => (a.annotator < b.annotator ? -1 : 1))
			.map(({ first: _f, last: _l, ...rest }) => rest),
		status: { ...s.statusCounts },
		consensus: [...s.consensus()].sort((a, b) => (a.item < b.item ? -1 : 1)),
		perDay: s.perDay(),
		ms: s.msHistogram()
	};
}

describe('live task figures equal the core measures on real crowd data', () => {
	for (const name of ['rte', 'dog', 'bluebirds']) {
		it(`${name}: α, Fleiss κ, pairwise κ`, () => {
			const answers = crowd(name);
			const s = statsOf(
				answers.map((a, i) => ({
					item: a.item,
					annotator: a.worker,
					label: a.label,
					savedAt: i,
					ms: 1000
				}))
			);
			const ratings = answers.map((a) => ({ item: a.item, rater: a.worker, value: a.label }));
			const opts = { resamples: 0 };
			expect(s.alpha()).toBeCloseTo(krippendorffAlpha(ratings, opts).value, 9);
			expect(s.fleiss()).toBeCloseTo(fleissKappaOf(ratings, opts).value, 9);
			const core = agreementPerPair(ratings, opts);
			const live = s.pairKappas();
			expect(live.length).toBe(core.length);
			const byKey = new Map(live.map((p) => [`${p.a}|${p.b}`, p]));
			for (const p of core) {
				const l = byKey.get(`${p.a}|${p.b}`) ?? byKey.get(`${p.b}|${p.a}`);
				expect(l, `${p.a}|${p.b}`).toBeDefined();
				expect(l!.items).toBe(p.items);
				expect(l!.percent).toBeCloseTo(p.percent, 9);
				if (Number.isNaN(p.kappa)) expect(l!.kappa).toBeNaN();
				else expect(l!.kappa).toBeCloseTo(p.kappa, 9);
			}
		});
	}
});

describe('incremental updates', () => {
	it('any sequence of sets and removes gives the same figures as a rebuild (seeded)', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const rng = rngFrom(seed);
			const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)] as T;
			const items = ['i1', 'i2', 'i3', 'i4', 'i5'];
			const people = ['a', 'b', 'c', 'd'];
			const labels = ['x', 'y', 'z'];
			const live = new TaskStats({ overlap: 2, threshold: 0.6, labels });
			const truth = new Map<string, LiveAnswer>();
			for (let step = 0; step < 60; step++) {
				const item = pick(items);
				const annotator = pick(people);
				if (rng() < 0.25) {
					live.remove(item, annotator);
					truth.delete(`${item}|${annotator}`);
				} else {
					const a = {
						item,
						annotator,
						label: pick(labels),
						savedAt: Math.floor(rng() * 3) * 86_400_000,
						ms: Math.floor(rng() * 20_000)
					};
					live.set(a);
					truth.set(`${item}|${annotator}`, a);
				}
				const rebuilt = statsOf([...truth.values()], 2, 0.6, labels);
				expect(figures(live), `seed ${seed}, step ${step}`).toEqual(figures(rebuilt));
			}
		}
	});

	it('decides consensus by overlap and threshold, and sends ties to review', () => {
		const s = new TaskStats({ overlap: 3, threshold: 0.6 });
		const at = (item: string, annotator: string, label: string) =>
			s.set({ item, annotator, label, savedAt: 0, ms: 0 });
		at('i', 'a', 'x');
		at('i', 'b', 'x');
		expect(s.consensusOf('i')?.status).toBe('pending');
		at('i', 'c', 'y');
		expect(s.consensusOf('i')).toMatchObject({ label: 'x', status: 'accepted', answers: 3 });
		expect(s.consensusOf('i')?.agreement).toBeCloseTo(2 / 3);
		at('j', 'a', 'x');
		at('j', 'b', 'y');
		at('j', 'c', 'z');
		expect(s.consensusOf('j')).toMatchObject({ tie: true, status: 'review' });
		expect(s.statusCounts).toEqual({ pending: 0, accepted: 1, review: 1 });
		const a = s.annotatorFigures().find((f) => f.annotator === 'c');
		expect(a).toMatchObject({ answers: 2, comparable: 2, agreeWithMajority: 0 });
	});
});

describe('bulk load', () => {
	it('gives the same figures as one set per answer', () => {
		const answers = crowd('rte').map((a, i) => ({
			item: a.item,
			annotator: a.worker,
			label: a.label,
			savedAt: (i % 5) * 86_400_000,
			ms: i % 7000
		}));
		const one = statsOf(answers, 3, 0.7, ['0', '1']);
		const bulk = new TaskStats({ overlap: 3, threshold: 0.7, labels: ['0', '1'] });
		bulk.load(answers.slice(0, 2000));
		bulk.load(answers.slice(2000));
		expect(figures(bulk)).toEqual(figures(one));
	});
});

describe('TaskStats tie rule (majority vote)', () => {
	const live = (name: string): LiveAnswer[] =>
		crowd(name).map((a, i) => ({
			item: a.item,
			annotator: a.worker,
			label: a.label,
			savedAt: i,
			ms: 1000
		}));

	it('sends tied items to review at a 0% threshold under the default rule', () => {
		const s = statsOf(live('rte'), 1, 0);
		const all = [...s.consensus()];
		const tied = all.filter((c) => c.tie);
		expect(tied.length).toBeGreaterThan(0);
		for (const c of all) expect(c.status).toBe(c.tie ? 'review' : 'accepted');
	});

	for (const name of ['rte', 'temp', 'n_emotion'])
		it(`with the seed rule, picks the same label as majority vote --ties seed on ${name}`, () => {
			const answers = crowd(name);
			for (const seed of [0, 7]) {
				const s = new TaskStats({ overlap: 1, threshold: 0, ties: 'seed', seed });
				for (const a of live(name)) s.set(a);
				const mv = majorityVote(answers, { seed, tieBreak: 'seed' });
				const byItem = new Map(mv.items.map((item, i) => [item, mv.labels[i]]));
				const all = [...s.consensus()];
				expect(all.some((c) => c.tie)).toBe(true);
				for (const c of all) {
					expect(c.status).toBe('accepted');
					expect(c.label).toBe(byItem.get(c.item));
				}
				expect(mv.ties.length).toBe(all.filter((c) => c.tie).length);
			}
		});

	it('keeps a broken tie under a threshold above its share in review', () => {
		const s = new TaskStats({ overlap: 2, threshold: 0.6, ties: 'seed' });
		s.set({ item: 'x', annotator: 'a', label: 'p', savedAt: 1, ms: 1 });
		s.set({ item: 'x', annotator: 'b', label: 'q', savedAt: 2, ms: 1 });
		expect([...s.consensus()][0]).toMatchObject({ tie: true, agreement: 0.5, status: 'review' });
		// Taking an answer out and putting another in keeps the sums equal to a fresh build.
		s.set({ item: 'x', annotator: 'b', label: 'p', savedAt: 3, ms: 1 });
		expect([...s.consensus()][0]).toMatchObject({ tie: false, label: 'p', status: 'accepted' });
		expect(s.annotatorFigures().map((a) => a.agreeWithMajority)).toEqual([1, 1]);
	});
});
