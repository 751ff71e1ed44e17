import { describe, expect, it } from 'vitest';
import {
	aggregateEncoded,
	aggregateGuarded,
	answersEncode,
	dawidSkeneEncoded,
	guardMessage,
	guardResult,
	majorityVoteEncoded,
	permutedClasses
} from '.';
import type { AggregateResult } from './types';
import { accuracy, CROWD_SETS, loadCrowdSet } from '../../../../../tests/helpers/crowd-sets';

function encoded(name: string) {
	const set = loadCrowdSet(name);
	return { enc: answersEncode(set.answers), truth: set.truth };
}

/** The same result with classes 0 and 1 swapped (labels and posteriors). */
function swapped(r: AggregateResult): AggregateResult {
	const K = r.classes.length;
	const posteriors = r.posteriors.slice();
	for (let i = 0; i < r.items.length; i++) {
		posteriors[i * K] = r.posteriors[i * K + 1] as number;
		posteriors[i * K + 1] = r.posteriors[i * K] as number;
	}
	const flip = (l: string) =>
		l === r.classes[0] ? r.classes[1] : l === r.classes[1] ? r.classes[0] : l;
	return { ...r, method: 'ds', posteriors, labels: r.labels.map((l) => flip(l) as string) };
}

describe('guard rails', () => {
	it('one-coin DS on bluebirds explains the answers worse than majority vote: falls back, +17 points', () => {
		const { enc, truth } = encoded('bluebirds');
		const own = aggregateEncoded(enc, 'onecoin');
		const g = guardResult(enc, own);
		expect(g.fellBack).toBe(true);
		expect(g.requested).toBe('onecoin');
		expect(g.result.method).toBe('mv');
		expect(g.warnings.map((w) => w.type)).toEqual(['below-majority-likelihood']);
		expect(accuracy(own.items, own.labels, truth)).toBeLessThan(60);
		expect(accuracy(g.result.items, g.result.labels, truth)).toBeGreaterThan(75);
		expect(guardMessage(g, 'onecoin')).toMatch(
			/^onecoin: its estimate explains the answers less well than majority vote \(log-likelihood per answer -0\.\d{3} against -0\.\d{3}\)\. Majority vote is used instead\.$/
		);
	});

	it('flags classes that look permuted, and says which', () => {
		const { enc } = encoded('rte');
		const permuted = swapped(majorityVoteEncoded(enc));
		expect(permutedClasses(enc, permuted.labels)).toEqual([
			['0', '1'],
			['1', '0']
		]);
		const g = guardResult(enc, permuted);
		expect(g.fellBack).toBe(true);
		expect(guardMessage(g, 'Dawid–Skene')).toContain(
			'its classes look permuted (the crowd mostly answers 1 where it inferred 0, 0 where it inferred 1)'
		);
	});

	it('does not call a one-way move a permutation (s_adult: DS finds class 1 items the crowd calls 0)', () => {
		const { enc } = encoded('s_adult');
		const ds = dawidSkeneEncoded(enc);
		expect(permutedClasses(enc, ds.labels)).toEqual([]);
	});

	it.each(CROWD_SETS)('keeps Dawid–Skene, GLAD and MACE on %s', (name) => {
		const { enc } = encoded(name);
		for (const method of ['ds', 'glad', 'mace'] as const) {
			const g = aggregateGuarded(enc, method, { restarts: 1 } as never);
			expect(g.warnings, `${name} ${method}`).toEqual([]);
			expect(g.result.method).toBe(method);
		}
	});

	it('never second-guesses majority vote', () => {
		const { enc } = encoded('temp');
		const g = aggregateGuarded(enc, 'mv');
		expect(g.fellBack).toBe(false);
		expect(guardMessage(g, 'mv')).toBeUndefined();
	});
});
