/**
 * Wawa, zero-based skill and KOS against crowd-kit (commit 35f0661), item for item, on the public
 * crowd datasets; and the guard rail on KOS where the method itself breaks down.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregate, aggregateGuarded, answersEncode, KosClassesError } from './aggregate';
import { csvColumn, csvParse } from './csv';
import {
	accuracy,
	CROWD_SETS,
	loadCrowdSet,
	referenceAccuracy,
	referenceLabels
} from '../../../../tests/helpers/crowd-sets';

function differing(name: string, method: 'wawa' | 'zbs' | 'kos', ref: Map<string, string>) {
	const set = loadCrowdSet(name);
	const ours = aggregate(set.answers, method, { tieBreak: 'first' });
	expect(ours.items.length).toBe(ref.size);
	return ours.items.filter((item, i) => ref.get(item) !== ours.labels[i]);
}

describe('new methods equal crowd-kit item for item', () => {
	it.each(CROWD_SETS)('Wawa on %s', (name) => {
		const set = loadCrowdSet(name);
		expect(differing(name, 'wawa', referenceLabels(set.ref, 'Wawa'))).toEqual([]);
	});

	it.each(['bluebirds', 'dog', 'web'])('zero-based skill on %s', (name) => {
		const file = `tests/fixtures/crowdkit/zbs-${name}.csv`;
		const table = csvParse(readFileSync(file, 'utf8'), file);
		const [ci, cl] = [csvColumn(table, 'item'), csvColumn(table, 'label')];
		const ref = new Map(table.rows.map((row) => [row[ci] as string, row[cl] as string]));
		expect(differing(name, 'zbs', ref)).toEqual([]);
	});

	it.each(['bluebirds', 'd_possent', 'rte', 'temp'])('KOS on %s', (name) => {
		const set = loadCrowdSet(name);
		expect(differing(name, 'kos', referenceLabels(set.ref, 'KOS'))).toEqual([]);
	});

	it('KOS refuses more than two classes with a named error', () => {
		const set = loadCrowdSet('dog');
		expect(() => aggregate(set.answers, 'kos')).toThrow(KosClassesError);
	});
});

describe('guard rail on KOS', () => {
	it.each(['rte', 'temp'])(
		'%s: KOS (like crowd-kit’s) breaks down near chance; the guard falls back to majority vote',
		(name) => {
			const set = loadCrowdSet(name);
			expect(referenceAccuracy(set.ref, 'KOS', set.truth)).toBeLessThan(60);
			const g = aggregateGuarded(answersEncode(set.answers), 'kos', { tieBreak: 'first' });
			expect(g.fellBack).toBe(true);
			expect(accuracy(g.result.items, g.result.labels, set.truth)).toBeCloseTo(
				referenceAccuracy(set.ref, 'MajorityVote', set.truth),
				0
			);
		}
	);

	it('keeps KOS where it works (d_possent)', () => {
		const set = loadCrowdSet('d_possent');
		expect(aggregateGuarded(answersEncode(set.answers), 'kos').fellBack).toBe(false);
	});
});
