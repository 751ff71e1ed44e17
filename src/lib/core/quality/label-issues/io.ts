/**
 * Reading confident-learning inputs from CSV: `labels.csv` (`index,label`, other columns ignored)
 * and `pred_probs.csv` (`index,p0,…,p{K-1}`), matched by `index`.
 */
import { csvColumn, csvParse, FormatError } from '../csv';
import type { PredictedLabels } from './confident-joint';

/** Inputs plus the `index` value of every example, in the order of the labels file. */
export interface LabelIssueInput extends PredictedLabels {
	index: string[];
}

/**
 * Parses and joins the two files.
 * @throws FormatError naming the file and line of a missing column, ragged row, bad number,
 *   label outside 0..K-1 or an index missing from the other file
 */
export function labelIssueInputFromCsv(
	labels: { text: string; file: string },
	predProbs: { text: string; file: string }
): LabelIssueInput {
	const lt = csvParse(labels.text, labels.file);
	const pt = csvParse(predProbs.text, predProbs.file);
	const li = csvColumn(lt, 'index');
	const ll = csvColumn(lt, 'label');
	const pi = csvColumn(pt, 'index');
	const probColumns = pt.header.map((_, c) => c).filter((c) => c !== pi);
	const K = probColumns.length;
	if (K < 2) throw new FormatError(pt.file, 1, 'need at least two probability columns (p0, p1, …)');
	if (lt.rows.length === 0) throw new FormatError(lt.file, 2, 'no examples after the header');
	const probRows = new Map<string, number>();
	pt.rows.forEach((row, r) => {
		const key = row[pi] as string;
		if (probRows.has(key)) throw new FormatError(pt.file, pt.lines[r], `duplicate index "${key}"`);
		probRows.set(key, r);
	});
	const n = lt.rows.length;
	const out: LabelIssueInput = {
		index: [],
		labels: new Int32Array(n),
		predProbs: new Float64Array(n * K),
		classes: K
	};
	const seen = new Set<string>();
	lt.rows.forEach((row, r) => {
		const line = lt.lines[r];
		const key = row[li] as string;
		if (seen.has(key)) throw new FormatError(lt.file, line, `duplicate index "${key}"`);
		seen.add(key);
		const label = Number(row[ll]);
		if (!Number.isInteger(label) || label < 0 || label >= K || (row[ll] as string).trim() === '') {
			throw new FormatError(lt.file, line, `label "${row[ll]}" is not an integer in 0..${K - 1}`);
		}
		const pr = probRows.get(key);
		if (pr === undefined) {
			throw new FormatError(
				pt.file,
				undefined,
				`no row for index "${key}" (${lt.file}, line ${line})`
			);
		}
		const prow = pt.rows[pr] as string[];
		probColumns.forEach((c, k) => {
			const p = Number(prow[c]);
			if ((prow[c] as string).trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) {
				throw new FormatError(
					pt.file,
					pt.lines[pr],
					`"${prow[c]}" in column ${pt.header[c]} is not a probability`
				);
			}
			out.predProbs[r * K + k] = p;
		});
		out.labels[r] = label;
		out.index.push(key);
	});
	if (pt.rows.length !== n) {
		const extra = pt.rows.findIndex((row) => !seen.has(row[pi] as string));
		throw new FormatError(
			pt.file,
			pt.lines[extra],
			`index "${pt.rows[extra]?.[pi]}" is not in ${lt.file}`
		);
	}
	return out;
}
