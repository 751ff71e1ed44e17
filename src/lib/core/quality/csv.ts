/**
 * Strict CSV reading (RFC 4180: comma separator, `"` quoting with `""` escapes, LF or CRLF line
 * ends) that keeps the line number of every record, so that bad input can be reported as
 * "file, line N: problem". Unlike a forgiving parser it refuses ragged rows, stray quotes, blank
 * lines between records and duplicate header names instead of guessing.
 */
import { FormatError } from '../errors';

export { FormatError };

/** A parsed CSV file: the header, the data rows and the 1-based line on which each row starts. */
export interface CsvTable {
	file: string;
	header: string[];
	rows: string[][];
	lines: number[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

interface RawRecord {
	fields: string[];
	line: number;
}

/** Splits text into records; throws FormatError on quoting errors. */
function csvRecords(text: string, file: string): RawRecord[] {
	const records: RawRecord[] = [];
	let fields: string[] = [];
	let line = 1;
	let recordLine = 1;
	let i = 0;
	const n = text.length;
	while (i <= n) {
		if (i === n) {
			if (fields.length > 0) records.push({ fields, line: recordLine });
			break;
		}
		let value: string;
		if (text.charCodeAt(i) === QUOTE) {
			const openLine = line;
			let parts = '';
			let start = ++i;
			for (;;) {
				if (i >= n) throw new FormatError(file, openLine, 'unterminated quoted field');
				const c = text.charCodeAt(i);
				if (c === QUOTE) {
					if (text.charCodeAt(i + 1) === QUOTE) {
						parts += text.slice(start, i + 1);
						i += 2;
						start = i;
						continue;
					}
					parts += text.slice(start, i);
					i++;
					break;
				}
				if (c === LF) line++;
				i++;
			}
			value = parts;
			const next = i < n ? text.charCodeAt(i) : LF;
			if (next !== COMMA && next !== LF && next !== CR) {
				throw new FormatError(file, line, 'unexpected character after a closing quote');
			}
		} else {
			const start = i;
			while (i < n) {
				const c = text.charCodeAt(i);
				if (c === COMMA || c === LF || c === CR) break;
				if (c === QUOTE) {
					throw new FormatError(file, line, 'quote inside an unquoted field');
				}
				i++;
			}
			value = text.slice(start, i);
		}
		fields.push(value);
		if (i >= n) continue;
		const c = text.charCodeAt(i);
		if (c === COMMA) {
			i++;
			if (i === n) fields.push('');
			continue;
		}
		if (c === CR) {
			if (text.charCodeAt(i + 1) !== LF) throw new FormatError(file, line, 'bare carriage return');
			i++;
		}
		i++;
		records.push({ fields, line: recordLine });
		fields = [];
		line++;
		recordLine = line;
		// A line break right after a record is a blank line: only allowed at the end of the file.
		while (i < n && (text.charCodeAt(i) === LF || text.charCodeAt(i) === CR)) {
			const blankLine = line;
			if (text.charCodeAt(i) === CR) {
				if (text.charCodeAt(i + 1) !== LF) {
					throw new FormatError(file, blankLine, 'bare carriage return');
				}
				i++;
			}
			i++;
			line++;
			recordLine = line;
			if (i < n && text.slice(i).trim() !== '') {
				throw new FormatError(file, blankLine, 'blank line between records');
			}
		}
	}
	return records;
}

/**
 * Parses CSV text with a header row. Every row must have as many fields as the header.
 * @param file name used in error messages (usually the path as the user typed it)
 * @throws FormatError naming the file, the line and the problem
 */
export function csvParse(text: string, file: string): CsvTable {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (body.trim() === '') throw new FormatError(file, undefined, 'empty file');
	const records = csvRecords(body, file);
	const first = records[0];
	if (first === undefined) throw new FormatError(file, undefined, 'empty file');
	const header = first.fields.map((h) => h.trim());
	const seen = new Set<string>();
	for (const name of header) {
		if (name === '') throw new FormatError(file, first.line, 'empty column name in the header');
		if (seen.has(name)) throw new FormatError(file, first.line, `duplicate column "${name}"`);
		seen.add(name);
	}
	const rows: string[][] = [];
	const lines: number[] = [];
	for (let r = 1; r < records.length; r++) {
		const rec = records[r] as RawRecord;
		if (rec.fields.length !== header.length) {
			throw new FormatError(
				file,
				rec.line,
				`expected ${header.length} fields (${header.join(',')}), found ${rec.fields.length}`
			);
		}
		rows.push(rec.fields);
		lines.push(rec.line);
	}
	return { file, header, rows, lines };
}

/**
 * The index of a required column.
 * @throws FormatError on the header line when the column is missing
 */
export function csvColumn(table: CsvTable, name: string): number {
	const index = table.header.indexOf(name);
	if (index < 0) {
		throw new FormatError(
			table.file,
			1,
			`missing column "${name}" (found: ${table.header.join(', ')})`
		);
	}
	return index;
}

/** Formats one CSV record (no line end), quoting fields that need it. */
export function csvFormatRow(fields: readonly (string | number)[]): string {
	return fields
		.map((f) => {
			const s = String(f);
			return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
		})
		.join(',');
}
