/**
 * Test-only helper (node): the public crowd datasets in ../shared/data/crowd, with their truth and
 * crowd-kit's reference labels, plus the accuracy measure every aggregation test uses.
 */
import { readFileSync } from 'node:fs';
import { answersFromCsv, labelsFromCsv } from '../../src/lib/core/quality/answers-csv';
import { csvColumn, csvParse } from '../../src/lib/core/quality/csv';
import { dataPath } from './shared-data';

/** The categorical sets that carry crowd-kit reference predictions. */
export const CROWD_SETS = ['bluebirds', 'd_possent', 'dog', 'rte', 's_adult', 'temp', 'web'];

export function loadCrowdSet(name: string) {
	const read = (file: string) => readFileSync(dataPath('crowd', name, file), 'utf8');
	const answers = answersFromCsv(read('answers.csv'), `${name}/answers.csv`);
	const truth = labelsFromCsv(read('truth.csv'), `${name}/truth.csv`);
	const ref = csvParse(read('reference_predictions_crowdkit.csv'), `${name}/reference`);
	return { answers, truth, ref };
}

/** Percentage of the items with truth whose label is right. */
export function accuracy(
	items: readonly string[],
	labels: readonly string[],
	truth: Map<string, string>
): number {
	let correct = 0;
	let total = 0;
	items.forEach((item, i) => {
		const t = truth.get(item);
		if (t === undefined) return;
		total++;
		if (labels[i] === t) correct++;
	});
	return (100 * correct) / total;
}

/** One column of crowd-kit's reference predictions as item → label. */
export function referenceLabels(ref: ReturnType<typeof csvParse>, column: string) {
	const ci = csvColumn(ref, 'item');
	const cm = csvColumn(ref, column);
	return new Map(ref.rows.map((row) => [row[ci] as string, row[cm] as string]));
}

/** Accuracy of a reference column. */
export function referenceAccuracy(
	ref: ReturnType<typeof csvParse>,
	column: string,
	truth: Map<string, string>
) {
	const map = referenceLabels(ref, column);
	return accuracy([...map.keys()], [...map.values()], truth);
}
