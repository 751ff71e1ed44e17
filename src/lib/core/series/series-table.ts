/**
 * A data file as a table of strings for the time series importer: CSV or TSV (RFC 4180), JSON (an
 * array of objects, or an object holding one) or JSON Lines, and Parquet. Columns of JSON records
 * are the union of their keys in first-seen order. A file that cannot be read is a FormatError
 * naming it and, where known, the line. Pure.
 */
import { FormatError } from '../errors';
import { CsvReader } from '../formats/csv-reader';
import { jsonErrorDescribe, jsonRecordsOf } from '../formats/json-records';
import { parquetInfo, parquetRecords } from '../formats/parquet';
import type { SeriesTable } from './series-parse';

/** File names the time series importer takes. */
export const SERIES_EXTENSIONS = /\.(csv|tsv|tab|json|jsonl|ndjson|parquet)$/i;

function cell(v: unknown): string {
	if (v === null || v === undefined) return '';
	return typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean);
}

function tableOfRecords(records: readonly unknown[], file: string): SeriesTable {
	const cols = new Map<string, number>();
	for (const [i, r] of records.entries()) {
		if (!r || typeof r !== 'object' || Array.isArray(r))
			throw new FormatError(file, undefined, `record ${i + 1} is not an object`);
		for (const k of Object.keys(r)) if (!cols.has(k)) cols.set(k, cols.size);
	}
	const columns = [...cols.keys()];
	return {
		columns,
		rows: records.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c])))
	};
}

function csvTable(text: string, file: string): SeriesTable {
	const tsv =
		/\.(tsv|tab)$/i.test(file) || (!/\.csv$/i.test(file) && text.split('\n')[0]?.includes('\t'));
	const r = new CsvReader({ delimiter: tsv ? '\t' : ',', strictQuotes: !tsv });
	const recs = [...r.push(text), ...r.end()];
	const bad = recs.find((x) => x.problem);
	if (bad) throw new FormatError(file, bad.line, bad.problem as string);
	const [head, ...rest] = recs;
	if (!head) throw new FormatError(file, undefined, 'the file is empty');
	return { columns: head.fields, rows: rest.map((x) => x.fields) };
}

function jsonTable(text: string, file: string): SeriesTable {
	const trimmed = text.trimStart();
	if (/\.(jsonl|ndjson)$/i.test(file) || (!trimmed.startsWith('[') && trimmed.includes('}\n{'))) {
		const recs: unknown[] = [];
		for (const [i, line] of text.split('\n').entries()) {
			if (!line.trim()) continue;
			try {
				recs.push(JSON.parse(line));
			} catch (e) {
				throw new FormatError(file, i + 1, `not valid JSON (${jsonErrorDescribe(line, e).reason})`);
			}
		}
		return tableOfRecords(recs, file);
	}
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (e) {
		const d = jsonErrorDescribe(text, e);
		throw new FormatError(file, d.line, `not valid JSON (${d.reason})`);
	}
	const recs = jsonRecordsOf(doc);
	if (typeof recs === 'string') throw new FormatError(file, undefined, recs);
	return tableOfRecords(recs, file);
}

/** The table of a text file (CSV, TSV, JSON or JSON Lines, by name, else by content). */
export function seriesTableFromText(text: string, file: string): SeriesTable {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (/\.(json|jsonl|ndjson)$/i.test(file) || /^\s*[[{]/.test(body)) return jsonTable(body, file);
	return csvTable(body, file);
}

/** The table of a Parquet file. */
export async function seriesTableFromParquet(
	bytes: Uint8Array,
	file: string
): Promise<SeriesTable> {
	const { fields } = parquetInfo(bytes, file);
	const recs = await parquetRecords(bytes, file);
	return { columns: fields, rows: recs.map((r) => fields.map((f) => r[f] ?? '')) };
}
