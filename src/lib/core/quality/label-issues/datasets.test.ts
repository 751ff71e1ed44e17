/** cleanlab 2.9.0's reference outputs in ../shared/data/label-issues, reproduced exactly. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../../../tests/helpers/shared-data';
import { csvColumn, csvParse } from '../csv';
import {
	confidentJoint,
	findLabelIssues,
	labelIssueInputFromCsv,
	labelIssuesRanked,
	labelQualityScores,
	type FilterBy
} from './index';

interface Expected {
	confident_joint_calibrated_default: number[][];
	filter_by_variants: Record<string, { indices: number[] }>;
}

function load(name: string) {
	const read = (file: string) => ({
		text: readFileSync(dataPath('label-issues', name, file), 'utf8'),
		file: `${name}/${file}`
	});
	const input = labelIssueInputFromCsv(read('labels.csv'), read('pred_probs.csv'));
	const column = (file: string, col: string) => {
		const t = csvParse(read(file).text, file);
		const c = csvColumn(t, col);
		return t.rows.map((row) => row[c] as string);
	};
	const expected = JSON.parse(read('expected.json').text) as Expected;
	return { input, column, expected };
}

describe.each(['digits', 'synthetic3'])('confident learning on %s', (name) => {
	const { input, column, expected } = load(name);
	const asIndex = (i: number) => input.index[i];

	it('computes the same calibrated confident joint as cleanlab', () => {
		const K = input.classes;
		const joint = confidentJoint(input);
		const rows = Array.from({ length: K }, (_, r) => Array.from(joint.slice(r * K, r * K + K)));
		expect(rows).toEqual(expected.confident_joint_calibrated_default);
	});

	it('flags exactly cleanlab’s default issues', () => {
		expect(findLabelIssues(input).map(asIndex)).toEqual(
			column('expected_issues_default.csv', 'index')
		);
	});

	it('ranks them by self-confidence in cleanlab’s order', () => {
		expect(labelIssuesRanked(input, 'self_confidence').map(asIndex)).toEqual(
			column('expected_issues_ranked_self_confidence.csv', 'index')
		);
	});

	it('gives cleanlab’s self-confidence label quality scores', () => {
		const scores = labelQualityScores(input, 'self_confidence');
		const expectedScores = column('expected_label_quality_self_confidence.csv', 'self_confidence');
		// The expected file was printed with 17 significant digits, so the last bit may differ.
		expect(expectedScores).toHaveLength(scores.length);
		const worst = expectedScores.reduce(
			(max, v, i) => Math.max(max, Math.abs(Number(v) - (scores[i] as number))),
			0
		);
		expect(worst).toBeLessThan(1e-15);
	});

	it.each(['prune_by_class', 'both', 'confident_learning', 'predicted_neq_given'] as FilterBy[])(
		'matches cleanlab with filter_by=%s',
		(filterBy) => {
			const ours = findLabelIssues(input, { filterBy }).map((i) => Number(asIndex(i)));
			expect(ours).toEqual(
				[...(expected.filter_by_variants[filterBy]?.indices ?? [])].sort((a, b) => a - b)
			);
		}
	);
});
