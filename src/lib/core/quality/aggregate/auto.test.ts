import { describe, expect, it } from 'vitest';
import {
	accuracy,
	CROWD_SETS,
	loadCrowdSet,
	referenceAccuracy
} from '../../../../../tests/helpers/crowd-sets';
import { aggregateAuto, answerFolds, autoCandidates, autoExplain } from './auto';
import { aggregateEncoded, answersEncode } from './index';
import type { Answer } from './types';
import { rngFrom } from '../rng';

const CROWDKIT = ['MajorityVote', 'Wawa', 'DawidSkene', 'OneCoinDawidSkene', 'GLAD', 'MACE'];

/**
 * 90 items of three classes; two careful annotators (right 9 times in 10) and three who answer at
 * random: majority vote often follows the random three, a model of annotators learns to ignore
 * them.
 */
function spammedCrowd(): { answers: Answer[]; truth: Map<string, string> } {
	const rng = rngFrom(7);
	const answers: Answer[] = [];
	const truth = new Map<string, string>();
	for (let i = 0; i < 90; i++) {
		const t = 'abc'[i % 3] as string;
		truth.set(`i${i}`, t);
		for (const w of ['good1', 'good2']) {
			const wrong = 'abc'.replace(t, '')[Math.floor(rng() * 2)] as string;
			answers.push({ item: `i${i}`, worker: w, label: rng() < 0.9 ? t : wrong });
		}
		for (const w of ['random1', 'random2', 'random3'])
			answers.push({ item: `i${i}`, worker: w, label: 'abc'[Math.floor(rng() * 3)] as string });
	}
	return { answers, truth };
}

describe('auto', () => {
	it('deals each item’s answers round the folds, the same for the same seed', () => {
		const enc = answersEncode(spammedCrowd().answers);
		const fold = answerFolds(enc, 5, 3);
		expect(answerFolds(enc, 5, 3)).toEqual(fold);
		const perItem = new Map<number, Set<number>>();
		fold.forEach((f, a) => {
			const s = perItem.get(enc.item[a] as number) ?? new Set<number>();
			s.add(f);
			perItem.set(enc.item[a] as number, s);
		});
		// Five answers per item over five folds: one in each.
		for (const s of perItem.values()) expect(s.size).toBe(5);
	});

	it('leaves majority vote when three of five annotators answer at random, and says why', () => {
		const { answers, truth } = spammedCrowd();
		const enc = answersEncode(answers);
		const { result, choice } = aggregateAuto(enc);
		expect(choice.scores.map((s) => s.method).sort()).toEqual(autoCandidates(3).sort());
		const mv = choice.scores.find((s) => s.method === 'mv');
		expect(choice.method).not.toBe('mv');
		expect(choice.scores[0]?.perAnswer).toBeGreaterThan(mv?.perAnswer as number);
		expect(choice.heldOut).toBe(450);
		expect(result.method).toBe(choice.method);
		expect(result.labels).toEqual(aggregateEncoded(enc, choice.method).labels);
		const majority = aggregateEncoded(enc, 'mv');
		expect(accuracy(result.items, result.labels, truth)).toBeGreaterThan(
			accuracy(majority.items, majority.labels, truth) + 10
		);
		expect(autoExplain(choice)).toMatch(
			new RegExp(
				`^auto chose ${choice.method}: it predicts held-out answers best \\(mean log-likelihood -?\\d+\\.\\d{4} per answer over 450 answers in 5 folds; next \\w+ -?\\d+\\.\\d{4}\\)$`
			)
		);
	});

	/**
	 * On the public sets, against the best of crowd-kit's published columns (its reference
	 * predictions): within half a point on five; on s_adult and temp the method that predicts
	 * held-out answers best (Dawid–Skene, GLAD) is not the most accurate, and auto trails by the
	 * figures below. Held-out likelihood is what auto can see; the truth is not.
	 */
	const SHORT: Record<string, { method: string; margin: number }> = {
		s_adult: { method: 'ds', margin: -1.5 },
		temp: { method: 'glad', margin: -0.86 }
	};
	for (const name of CROWD_SETS)
		it(`on ${name}: ${SHORT[name] ? `trails crowd-kit's best by ${-SHORT[name].margin} points` : "within 0.5 points of crowd-kit's best"}`, () => {
			const { answers, truth, ref } = loadCrowdSet(name);
			const { result, choice } = aggregateAuto(answersEncode(answers));
			const ours = accuracy(result.items, result.labels, truth);
			const best = Math.max(...CROWDKIT.map((c) => referenceAccuracy(ref, c, truth)));
			const short = SHORT[name];
			if (!short) expect(ours).toBeGreaterThanOrEqual(best - 0.5);
			else {
				expect(choice.method).toBe(short.method);
				expect(ours - best).toBeCloseTo(short.margin, 1);
			}
		}, 120_000);
});
