/**
 * Parquet tables (read with hyparquet): the column names, a sample for the preview, and rows as
 * import rows (a text column, metadata columns), so a Parquet file imports like CSV or JSONL: one
 * item per row, identified by a hash of its text. Values become strings: null → '' (an empty text
 * is a problem row), big integers in full, dates as ISO 8601, lists and structs as JSON. Pure.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { FormatError } from '../errors';
import type { ImportMapping, ImportRow, RowProblem } from './import-types';
import { PROBLEMS_KEPT, TEXT_MAX_CHARS } from './import-types';

export interface ParquetTable {
	fields: string[];
	rows: number;
}

const MAGIC = [0x50, 0x41, 0x52, 0x31];

function bufferOf(bytes: Uint8Array): ArrayBuffer {
	return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
		? (bytes.buffer as ArrayBuffer)
		: (bytes.slice().buffer as ArrayBuffer);
}

/** Column names and row count; a file that is not Parquet is a FormatError naming it. */
export function parquetInfo(bytes: Uint8Array, file: string): ParquetTable {
	const n = bytes.length;
	if (
		n < 12 ||
		!MAGIC.every((b, i) => bytes[i] === b) ||
		!MAGIC.every((b, i) => bytes[n - 4 + i] === b)
	)
		throw new FormatError(
			file,
			undefined,
			n >= 4 && MAGIC.every((b, i) => bytes[i] === b)
				? 'the Parquet file is truncated (no footer)'
				: 'not a Parquet file (it does not start and end with PAR1)'
		);
	try {
		const meta = parquetMetadata(bufferOf(bytes));
		const fields = parquetSchema(meta).children.map((c) => c.element.name);
		return { fields, rows: Number(meta.num_rows) };
	} catch (e) {
		throw new FormatError(
			file,
			undefined,
			`the Parquet footer cannot be read (${(e as Error).message})`
		);
	}
}

/** A cell as the string an item keeps. */
export function parquetCell(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
	if (v instanceof Uint8Array) return new TextDecoder().decode(v);
	return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

/**
 * Every row, as strings (a sample: `limit` rows), read one row group at a time; `progress` hears
 * the rows read so far after each. A row group that gives other than the rows its footer counts
 * (a damaged file) is a FormatError naming the group.
 */
export async function parquetRecords(
	bytes: Uint8Array,
	file: string,
	limit?: number,
	progress?: (rows: number) => void
): Promise<Record<string, string>[]> {
	const info = parquetInfo(bytes, file);
	const buf = bufferOf(bytes);
	const meta = parquetMetadata(buf);
	const end = limit === undefined ? info.rows : Math.min(limit, info.rows);
	const out: Record<string, string>[] = [];
	let start = 0;
	for (const [g, group] of meta.row_groups.entries()) {
		if (start >= end) break;
		const n = Number(group.num_rows);
		const stop = Math.min(start + n, end);
		let rows: Record<string, unknown>[];
		try {
			rows = await parquetReadObjects({ file: buf, metadata: meta, rowStart: start, rowEnd: stop });
		} catch (e) {
			throw new FormatError(
				file,
				undefined,
				`the Parquet data cannot be read (row group ${g + 1}, rows ${start + 1}–${stop}: ${(e as Error).message})`
			);
		}
		if (rows.length !== stop - start)
			throw new FormatError(
				file,
				undefined,
				`the Parquet data is damaged (row group ${g + 1} gave ${rows.length} rows where its footer counts ${stop - start})`
			);
		for (const r of rows) {
			const o: Record<string, string> = {};
			for (const f of info.fields) o[f] = parquetCell(r[f]);
			out.push(o);
		}
		start += n;
		progress?.(out.length);
	}
	if (out.length !== end)
		throw new FormatError(
			file,
			undefined,
			`the Parquet data is damaged (its row groups hold ${out.length} rows, its footer counts ${end})`
		);
	return out;
}

/** Import rows of a table (line = 1-based row number) and the rows that cannot be items. */
export function parquetRows(
	records: readonly Record<string, string>[],
	mapping: ImportMapping,
	file: string
): { rows: ImportRow[]; problems: RowProblem[]; problemCount: number } {
	const rows: ImportRow[] = [];
	const problems: RowProblem[] = [];
	let problemCount = 0;
	const problem = (line: number, reason: string) => {
		problemCount++;
		if (problems.length < PROBLEMS_KEPT) problems.push({ file, line, reason });
	};
	records.forEach((r, i) => {
		const line = i + 1;
		const text = r[mapping.textField] ?? '';
		if (!text.trim()) return problem(line, `row ${line}: "${mapping.textField}" is empty`);
		if (text.length > TEXT_MAX_CHARS)
			return problem(
				line,
				`row ${line}: "${mapping.textField}" is longer than ${TEXT_MAX_CHARS} characters`
			);
		const row: ImportRow = { line, text };
		const meta: Record<string, string> = {};
		for (const f of mapping.metaFields) {
			const v = r[f];
			if (v !== undefined && v !== '' && f !== mapping.textField) meta[f] = v;
		}
		if (Object.keys(meta).length) row.meta = meta;
		rows.push(row);
	});
	return { rows, problems, problemCount };
}

/** The column that most likely holds the text: the longest average string, by name hints first. */
export function parquetTextField(
	records: readonly Record<string, string>[],
	fields: string[]
): string {
	const hint = fields.find((f) =>
		/^(text|content|body|review|sentence|document|caption)$/i.test(f)
	);
	if (hint) return hint;
	let best = fields[0] ?? '';
	let bestLen = -1;
	for (const f of fields) {
		const len = records.reduce(
			(n, r) => n + (/^-?[\d.e+]+$/i.test(r[f] ?? '') ? 0 : (r[f] ?? '').length),
			0
		);
		if (len > bestLen) {
			best = f;
			bestLen = len;
		}
	}
	return best;
}
