/** Reading crowd answers (`item,worker,label`) and label tables (`item,label`) from CSV text. */
import type { Answer } from './aggregate/types';
import { csvColumn, csvParse, FormatError } from './csv';

/**
 * Parses an answers CSV with at least the columns `item`, `worker` and `label` (others ignored).
 * @throws FormatError for a missing column, ragged row, empty value or a file without answers
 */
export function answersFromCsv(text: string, file: string): Answer[] {
	return answersWithLinesFromCsv(text, file).answers;
}

/** As {@link answersFromCsv}, plus the line of every answer (for later error messages). */
export function answersWithLinesFromCsv(
	text: string,
	file: string
): { answers: Answer[]; lines: number[] } {
	const table = csvParse(text, file);
	const [ci, cw, cl] = ['item', 'worker', 'label'].map((name) => csvColumn(table, name)) as [
		number,
		number,
		number
	];
	if (table.rows.length === 0) throw new FormatError(file, 2, 'no answers after the header');
	const answers = table.rows.map((row, r) => {
		const answer = { item: row[ci] as string, worker: row[cw] as string, label: row[cl] as string };
		for (const [key, value] of Object.entries(answer)) {
			if (value.trim() === '') {
				throw new FormatError(file, table.lines[r], `empty ${key}`);
			}
		}
		return answer;
	});
	return { answers, lines: table.lines };
}

/** Parses an `item,label` CSV (e.g. truth.csv) into a map from item to label. */
export function labelsFromCsv(text: string, file: string): Map<string, string> {
	const table = csvParse(text, file);
	const ci = csvColumn(table, 'item');
	const cl = csvColumn(table, 'label');
	const out = new Map<string, string>();
	table.rows.forEach((row, r) => {
		const item = row[ci] as string;
		if (out.has(item)) throw new FormatError(file, table.lines[r], `duplicate item "${item}"`);
		out.set(item, row[cl] as string);
	});
	return out;
}
