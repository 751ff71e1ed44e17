import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rngFrom, rngInt } from '../rng';
import {
	aggregate,
	AGGREGATE_METHODS,
	dawidSkene,
	glad,
	mace,
	majorityVote,
	oneCoin,
	type AggregateResult,
	type Answer
} from './index';
import { digamma } from './digamma';

/** Property-test seed; override with FC_SEED=… to replay a failure (fast-check prints it). */
const FC_SEED = Number(process.env.FC_SEED ?? 20240611);

/** A crowd with per-worker accuracies; every worker answers a random subset of items. */
function syntheticCrowd(o: {
	seed: number;
	items: number;
	workers: number;
	classes: number;
	perItem: number;
	accuracy: (w: number) => number;
}): { answers: Answer[]; truth: Map<string, string> } {
	const rng = rngFrom(o.seed);
	const answers: Answer[] = [];
	const truth = new Map<string, string>();
	for (let i = 0; i < o.items; i++) {
		const t = rngInt(rng, o.classes);
		truth.set(`i${i}`, `c${t}`);
		const chosen = new Set<number>();
		while (chosen.size < Math.min(o.perItem, o.workers)) chosen.add(rngInt(rng, o.workers));
		for (const w of chosen) {
			const right = rng() < o.accuracy(w);
			const label = right ? t : (t + 1 + rngInt(rng, o.classes - 1)) % o.classes;
			answers.push({ item: `i${i}`, worker: `w${w}`, label: `c${label}` });
		}
	}
	return { answers, truth };
}

function accuracyOf(r: AggregateResult, truth: Map<string, string>): number {
	let ok = 0;
	r.items.forEach((item, i) => {
		if (truth.get(item) === r.labels[i]) ok++;
	});
	return ok / r.items.length;
}

function posteriorOf(r: AggregateResult, item: string, cls: string): number {
	const i = r.items.indexOf(item);
	const k = r.classes.indexOf(cls);
	return r.posteriors[i * r.classes.length + k] as number;
}

describe('majority vote', () => {
	it('picks the most frequent answer with its vote share as confidence', () => {
		const r = majorityVote([
			{ item: 'a', worker: 'x', label: 'cat' },
			{ item: 'a', worker: 'y', label: 'cat' },
			{ item: 'a', worker: 'z', label: 'dog' }
		]);
		expect(r.labels).toEqual(['cat']);
		expect(r.confidence[0]).toBeCloseTo(2 / 3, 12);
		expect(r.ties).toEqual([]);
	});

	it('reports ties and breaks them by the seed, the same way every time', () => {
		const answers: Answer[] = [
			{ item: 'a', worker: 'x', label: 'cat' },
			{ item: 'a', worker: 'y', label: 'dog' }
		];
		const r = majorityVote(answers, { seed: 5 });
		expect(r.ties).toHaveLength(1);
		expect(r.ties[0]?.candidates).toEqual(['cat', 'dog']);
		expect(r.ties[0]?.chosen).toBe(r.labels[0]);
		expect(majorityVote(answers, { seed: 5 }).labels).toEqual(r.labels);
		const chosen = new Set(
			Array.from({ length: 40 }, (_, s) => majorityVote(answers, { seed: s }).labels[0])
		);
		expect(chosen).toEqual(new Set(['cat', 'dog']));
		expect(majorityVote(answers, { tieBreak: 'first' }).labels).toEqual(['cat']);
	});
});

// KOS is for two classes only: its own block below.
describe.each(AGGREGATE_METHODS.filter((m) => m !== 'kos'))('%s', (method) => {
	it('beats a weak majority when a few experts face many noisy workers', () => {
		const { answers, truth } = syntheticCrowd({
			seed: 11,
			items: 400,
			workers: 30,
			classes: 3,
			perItem: 7,
			accuracy: (w) => (w < 8 ? 0.9 : 0.5)
		});
		const r = aggregate(answers, method);
		expect(accuracyOf(r, truth)).toBeGreaterThan(method === 'mv' ? 0.75 : 0.85);
	});

	it('returns normalized posteriors and a label for every item', () => {
		const { answers } = syntheticCrowd({
			seed: 3,
			items: 60,
			workers: 12,
			classes: 4,
			perItem: 3,
			accuracy: () => 0.7
		});
		const r = aggregate(answers, method);
		const K = r.classes.length;
		for (let i = 0; i < r.items.length; i++) {
			let sum = 0;
			for (let k = 0; k < K; k++) sum += r.posteriors[i * K + k] as number;
			expect(sum).toBeCloseTo(1, 9);
			expect(r.classes).toContain(r.labels[i]);
		}
	});

	it('keeps a class nobody used, with a small posterior', () => {
		const { answers } = syntheticCrowd({
			seed: 4,
			items: 50,
			workers: 10,
			classes: 2,
			perItem: 5,
			accuracy: () => 0.8
		});
		const r = aggregate(answers, method, { classes: ['c9'] });
		expect(r.classes).toEqual(['c0', 'c1', 'c9']);
		expect(r.labels).not.toContain('c9');
		for (const item of r.items) expect(posteriorOf(r, item, 'c9')).toBeLessThan(0.34);
	});

	it('gives the same posteriors when items and workers are permuted or labels renamed', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer(), (dataSeed, shuffleSeed) => {
				const { answers } = syntheticCrowd({
					seed: dataSeed,
					items: 25,
					workers: 8,
					classes: 3,
					perItem: 4,
					accuracy: (w) => 0.55 + 0.05 * w
				});
				const base = aggregate(answers, method);
				const rng = rngFrom(shuffleSeed);
				const rename = (l: string) => `renamed-${l}`;
				const shuffled = answers
					.map((a) => ({ a, key: rng() }))
					.sort((x, y) => x.key - y.key)
					.map(({ a }) => ({ ...a, label: rename(a.label) }));
				const other = aggregate(shuffled, method);
				for (const item of base.items) {
					for (const cls of base.classes) {
						const p = posteriorOf(base, item, cls);
						const q = posteriorOf(other, item, rename(cls));
						expect(Math.abs(p - q)).toBeLessThan(1e-6);
					}
				}
			}),
			{ seed: FC_SEED, numRuns: 25 }
		);
	});
});

describe('kos (two classes)', () => {
	const crowd = (seed: number) =>
		syntheticCrowd({
			seed,
			items: 300,
			workers: 30,
			classes: 2,
			perItem: 7,
			accuracy: (w) => (w < 8 ? 0.9 : 0.55)
		});

	it('beats a weak majority when a few experts face many noisy workers', () => {
		const { answers, truth } = crowd(11);
		const mv = accuracyOf(majorityVote(answers, { tieBreak: 'first' }), truth);
		expect(accuracyOf(aggregate(answers, 'kos'), truth)).toBeGreaterThan(mv);
	});

	it('gives the same labels when the answers are shuffled and the labels renamed', () => {
		const { answers } = crowd(5);
		const base = aggregate(answers, 'kos');
		const rng = rngFrom(9);
		const shuffled = answers
			.map((a) => ({ a, key: rng() }))
			.sort((x, y) => x.key - y.key)
			.map(({ a }) => ({ ...a, label: `renamed-${a.label}` }));
		const other = aggregate(shuffled, 'kos');
		const byItem = new Map(other.items.map((item, i) => [item, other.labels[i]]));
		base.items.forEach((item, i) => expect(byItem.get(item)).toBe(`renamed-${base.labels[i]}`));
	});

	it('refuses more than two classes', () => {
		const { answers } = crowd(3);
		expect(() => aggregate(answers, 'kos', { classes: ['c9'] })).toThrow(/two classes/);
	});
});

describe('Dawid–Skene', () => {
	it('recovers a confusion matrix and stops within its iteration limit', () => {
		const { answers } = syntheticCrowd({
			seed: 8,
			items: 1000,
			workers: 5,
			classes: 2,
			perItem: 5,
			accuracy: (w) => (w === 0 ? 0.95 : 0.7)
		});
		const r = dawidSkene(answers);
		expect(r.converged).toBe(true);
		const w0 = r.confusion?.[r.workers.indexOf('w0')];
		expect(w0?.[0]).toBeGreaterThan(0.9);
		expect(w0?.[3]).toBeGreaterThan(0.9);
		expect(dawidSkene(answers, { maxIterations: 2, tolerance: 0 }).iterations).toBe(2);
	});

	it('handles a worker who answered a single item', () => {
		const r = dawidSkene([
			{ item: 'a', worker: 'x', label: '1' },
			{ item: 'a', worker: 'y', label: '1' },
			{ item: 'b', worker: 'x', label: '0' },
			{ item: 'b', worker: 'y', label: '0' },
			{ item: 'b', worker: 'z', label: '1' }
		]);
		expect(r.labels).toEqual(['1', '0']);
		expect(r.posteriors.every(Number.isFinite)).toBe(true);
	});
});

describe('skills', () => {
	const { answers } = syntheticCrowd({
		seed: 21,
		items: 300,
		workers: 6,
		classes: 3,
		perItem: 6,
		accuracy: (w) => (w === 0 ? 0.95 : w === 5 ? 0.35 : 0.75)
	});
	it.each([
		['onecoin', oneCoin],
		['glad', glad],
		['mace', mace]
	] as const)('%s ranks a careful worker above a careless one', (_name, fn) => {
		const r = fn(answers);
		const skill = (w: string) => r.skills?.[r.workers.indexOf(w)] as number;
		expect(skill('w0')).toBeGreaterThan(skill('w5'));
	});
});

describe('digamma', () => {
	it('matches known values', () => {
		expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 11);
		expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 11);
		expect(digamma(10)).toBeCloseTo(2.251752589066721, 11);
	});
});
