/**
 * The aggregation defaults, re-chosen by leave-one-dataset-out cross-validation over the public
 * crowd datasets (protocol: docs/decisions/006-aggregation-defaults.md). If a change to a method
 * moves the choice, this fails and the default must be re-chosen, not the grid trimmed.
 */
import { describe, expect, it } from 'vitest';
import { dawidSkene, DS_DEFAULTS, glad, mace } from './aggregate';
import { leaveOneDatasetOut, type ScoreTable } from './aggregate/lodo';
import { accuracy, CROWD_SETS, loadCrowdSet } from '../../../../tests/helpers/crowd-sets';

const sets = CROWD_SETS.map((name) => ({ name, ...loadCrowdSet(name) }));

function table(
	candidates: readonly string[],
	run: (set: (typeof sets)[number], c: string) => number
) {
	const scores: ScoreTable = {};
	for (const set of sets) {
		scores[set.name] = Object.fromEntries(candidates.map((c) => [c, run(set, c)]));
	}
	return scores;
}

describe('defaults chosen by leave-one-dataset-out', () => {
	it('Dawid–Skene smoothing: every fold picks the shipped default', () => {
		const grid = ['0.01', '0.1', '0.3', '1', '3'];
		const scores = table(grid, (set, c) => {
			const r = dawidSkene(set.answers, { smoothing: Number(c) });
			return accuracy(r.items, r.labels, set.truth);
		});
		const cv = leaveOneDatasetOut(scores, grid);
		for (const fold of cv.folds)
			expect(fold.chosen, fold.heldOut).toBe(String(DS_DEFAULTS.smoothing));
		expect(cv.meanScore).toBeGreaterThan(88);
	});

	it('GLAD and MACE keep the class prior uniform: learning it loses on held-out sets', () => {
		const grid = ['uniform', 'learned'];
		for (const method of ['glad', 'mace'] as const) {
			const scores = table(grid, (set, c) => {
				const options = { learnPriors: c === 'learned', restarts: 1 };
				const r = method === 'glad' ? glad(set.answers, options) : mace(set.answers, options);
				return accuracy(r.items, r.labels, set.truth);
			});
			const cv = leaveOneDatasetOut(scores, grid);
			for (const fold of cv.folds) expect(fold.chosen, `${method} ${fold.heldOut}`).toBe('uniform');
		}
	});
});

describe('leaveOneDatasetOut', () => {
	it('picks per fold from the other datasets only', () => {
		const cv = leaveOneDatasetOut({ a: { x: 1, y: 0 }, b: { x: 0, y: 1 }, c: { x: 0, y: 1 } }, [
			'x',
			'y'
		]);
		expect(cv.folds).toEqual([
			{ heldOut: 'a', chosen: 'y', score: 0 },
			{ heldOut: 'b', chosen: 'x', score: 0 },
			{ heldOut: 'c', chosen: 'x', score: 0 }
		]);
		expect(cv.consensus).toBe('x');
		expect(cv.meanScore).toBe(0);
	});

	it('rejects a table with a missing score', () => {
		expect(() => leaveOneDatasetOut({ a: { x: 1 }, b: {} }, ['x'])).toThrow(/no score/);
	});
});
