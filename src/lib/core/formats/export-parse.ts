/**
 * Readers for our own JSONL and CSV exports, for round-trip tests and for re-importing labels.
 * CSV cannot tell an empty metadata value from a missing one (both are omitted here), nor keep a
 * label name that contains `|`; JSONL keeps everything.
 */
import { FormatError } from '../errors';
import { CsvReader } from './csv-reader';
import { csvCellUnguard } from './csv-write';
import { EXPORT_CSV_COLUMNS, EXPORT_LABEL_SEPARATOR } from './export';
import type { ExportedAnnotation, ExportedItem } from './export';
import { jsonErrorDescribe } from './json-records';

const isObject = (v: unknown): v is Record<string, unknown> =>
	v !== null && typeof v === 'object' && !Array.isArray(v);

/** Parses an exported JSONL file. @throws FormatError naming the line of a bad record. */
export function exportJsonlParse(text: string, file = 'export.jsonl'): ExportedItem[] {
	const out: ExportedItem[] = [];
	text.split('\n').forEach((raw, i) => {
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (line.trim() === '') return;
		let v: unknown;
		try {
			v = JSON.parse(line);
		} catch (e) {
			throw new FormatError(file, i + 1, `not valid JSON (${jsonErrorDescribe(line, e).reason})`);
		}
		if (
			!isObject(v) ||
			typeof v.id !== 'string' ||
			typeof v.text !== 'string' ||
			!isObject(v.meta) ||
			!Array.isArray(v.annotations)
		)
			throw new FormatError(file, i + 1, 'expected {id, text, meta, annotations}');
		out.push(v as unknown as ExportedItem);
	});
	return out;
}

/**
 * Parses an exported CSV file back into items, merging the rows of each item.
 * @param guarded whether it was written with the formula guard (the default).
 * @throws FormatError for a missing column or a malformed row.
 */
export function exportCsvParse(text: string, file = 'export.csv', guarded = true): ExportedItem[] {
	const reader = new CsvReader();
	const records = [...reader.push(text), ...reader.end()];
	const head = records[0];
	if (!head) throw new FormatError(file, 1, 'the file is empty');
	const cols = head.fields.map((c) => (guarded ? csvCellUnguard(c) : c));
	const at = new Map(cols.map((c, i) => [c, i]));
	// confidence and method came later: older exports lack them.
	const optional = new Set(['confidence', 'method']);
	for (const c of [...EXPORT_CSV_COLUMNS.before, ...EXPORT_CSV_COLUMNS.after])
		if (!at.has(c) && !optional.has(c))
			throw new FormatError(file, 1, `the column "${c}" is missing`);
	const metaCols = cols.flatMap((c, i) =>
		c.startsWith('meta_') ? [[c.slice(5), i] as const] : []
	);
	const byId = new Map<string, ExportedItem>();
	for (const r of records.slice(1)) {
		if (r.problem) throw new FormatError(file, r.line, r.problem);
		if (r.fields.length !== cols.length)
			throw new FormatError(
				file,
				r.line,
				`expected ${cols.length} fields, found ${r.fields.length}`
			);
		const cell = (c: string): string => {
			const i = at.get(c);
			if (i === undefined) return '';
			const v = r.fields[i] as string;
			return guarded ? csvCellUnguard(v) : v;
		};
		const id = cell('item_id');
		let item = byId.get(id);
		if (!item) {
			const meta: Record<string, string> = {};
			for (const [k, i] of metaCols) {
				const v = r.fields[i] as string;
				if (v !== '') meta[k] = guarded ? csvCellUnguard(v) : v;
			}
			item = { id, text: cell('text'), meta, annotations: [] };
			byId.set(id, item);
		}
		if (cell('task') === '') continue;
		const a: ExportedAnnotation = {
			task: cell('task'),
			annotator: cell('annotator'),
			labels: cell('labels') === '' ? [] : cell('labels').split(EXPORT_LABEL_SEPARATOR),
			source: cell('source') === 'model' ? 'model' : 'human',
			savedAt: cell('saved_at'),
			ms: Number(cell('ms'))
		};
		if (cell('annotator_name') !== '') a.annotatorName = cell('annotator_name');
		if (cell('value') !== '') a.value = JSON.parse(cell('value')) as ExportedAnnotation['value'];
		if (cell('confidence') !== '') a.confidence = Number(cell('confidence'));
		if (cell('method') !== '') a.method = cell('method');
		item.annotations.push(a);
	}
	return [...byId.values()];
}
