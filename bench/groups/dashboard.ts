/**
 * dashboard.*: the Quality page's figures (issue 8) in node, on a seeded synthetic project of 100k
 * items and 300k labels (3 answers per item from 30 annotators of varied skill, 5 classes, spread
 * over 30 days).
 * - full_300k_ms: build the live sums, run Dawid–Skene on their dense codes, decide every item's
 *   outcome and derive every figure. Reference: majority vote alone over the same answers, from
 *   answer objects (the least a full pass does).
 * - incremental_update_ms: median time to take one new label into the sums, its item's outcome and
 *   every figure (200 labels). Reference: the full recompute without Dawid–Skene, which is what a
 *   non-incremental dashboard would redo per label.
 */
import { aggregate, aggregateEncoded, type Answer } from '../../src/lib/core/quality/aggregate';
import { dashboardFigures } from '../../src/lib/core/quality/live/dashboard';
import { Outcomes } from '../../src/lib/core/quality/live/outcomes';
import { TaskStats, type LiveAnswer } from '../../src/lib/core/quality/live/task-stats';
import { rngFrom, rngInt } from '../../src/lib/core/quality/rng';

import type { Figure, Where } from '../lib/figures';

export const where: Where = 'node';

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const LABELS = ['a', 'b', 'c', 'd', 'e'];

function synthetic(seed: number): LiveAnswer[] {
	const rng = rngFrom(seed);
	const skill = Array.from({ length: 30 }, () => 0.5 + 0.45 * rng());
	const out: LiveAnswer[] = [];
	for (let i = 0; i < 100_000; i++) {
		const truth = rngInt(rng, 5);
		const seen = new Set<number>();
		while (seen.size < 3) seen.add(rngInt(rng, 30));
		for (const w of seen) {
			const right = rng() < (skill[w] as number);
			const label = right ? truth : (truth + 1 + rngInt(rng, 4)) % 5;
			out.push({
				item: `i${i}`,
				annotator: `w${w}`,
				label: LABELS[label] as string,
				savedAt: Math.floor(rng() * 30) * 86_400_000,
				ms: 500 + rngInt(rng, 30_000)
			});
		}
	}
	return out;
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)] as number;
}

function full(answers: readonly LiveAnswer[], withModel: boolean) {
	const stats = new TaskStats({ overlap: 3, threshold: 0.67, labels: LABELS });
	stats.load(answers);
	// As the Quality page does: the model reads the stats' dense codes, no object per answer.
	const ds = withModel ? aggregateEncoded(stats.encoded(LABELS), 'ds') : undefined;
	const outcomes = new Outcomes({
		stats,
		method: withModel ? 'ds' : 'mv',
		aggregate: ds,
		decisions: new Map(),
		gold: new Map(),
		reasons: new Map()
	});
	const figures = dashboardFigures({ stats, outcomes, aggregate: ds });
	return { stats, outcomes, ds, figures };
}

export async function run(): Promise<Record<string, Figure>> {
	const answers = synthetic(7);
	const crowd: Answer[] = answers.map((a) => ({
		item: a.item,
		worker: a.annotator,
		label: a.label
	}));
	// Warm up both paths once.
	full(answers.slice(0, 30_000), true);
	aggregate(crowd.slice(0, 30_000), 'mv');

	const fullTimes: number[] = [];
	const mvTimes: number[] = [];
	const noModelTimes: number[] = [];
	let state: ReturnType<typeof full> | undefined;
	for (let r = 0; r < 3; r++) {
		let t0 = performance.now();
		aggregate(crowd, 'mv', { classes: LABELS });
		mvTimes.push(performance.now() - t0);
		t0 = performance.now();
		state = full(answers, true);
		fullTimes.push(performance.now() - t0);
		t0 = performance.now();
		full(answers, false);
		noModelTimes.push(performance.now() - t0);
	}
	const { stats, outcomes, ds } = state!;
	const rng = rngFrom(11);
	const updates: number[] = [];
	for (let k = 0; k < 200; k++) {
		const item = `i${rngInt(rng, 100_000)}`;
		const t0 = performance.now();
		stats.set({
			item,
			annotator: `new${k % 7}`,
			label: LABELS[rngInt(rng, 5)] as string,
			savedAt: 31 * 86_400_000,
			ms: 4000
		});
		outcomes.refresh([item]);
		dashboardFigures({ stats, outcomes, aggregate: ds });
		updates.push(performance.now() - t0);
	}
	const fullMs = median(fullTimes);
	const mvMs = median(mvTimes);
	const incMs = median(updates);
	const noModelMs = median(noModelTimes);
	return {
		full_300k_ms: {
			value: round(fullMs),
			unit: 'ms',
			reference: round(mvMs),
			ratio: round(fullMs / mvMs, 2)
		},
		incremental_update_ms: {
			value: round(incMs, 2),
			unit: 'ms',
			reference: round(noModelMs),
			ratio: round(incMs / noModelMs, 4)
		}
	};
}
