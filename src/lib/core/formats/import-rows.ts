/**
 * Streaming import of text rows: chunks of decoded text go in (the caller decodes with
 * `TextDecoder` and `stream: true`), batches of rows and row problems come out, with progress.
 *
 * Errors come at two levels. A malformed row (ragged CSV row, bad quote, invalid JSONL line,
 * missing, non-string or empty text) follows `onError`: 'skip' reports it in the batch, 'abort'
 * throws a FormatError at the first one. A file that cannot be read at all (an empty CSV, a text
 * column the header lacks, a JSON document that does not parse or is too big) always throws.
 */
import { FormatError } from '../errors';
import { CsvReader, type CsvRecord } from './csv-reader';
import { csvHeaderNames, recordFromJson, rowFromObject, textProblem } from './import-fields';
import {
	BATCH_ROWS,
	JSON_MAX_CHARS,
	PROBLEMS_KEPT,
	TEXT_MAX_CHARS,
	type ImportBatch,
	type ImportErrorPolicy,
	type ImportFormat,
	type ImportMapping,
	type ImportRow,
	type RowProblem
} from './import-types';
import { jsonElementsScan, jsonErrorDescribe, jsonRecordsOf } from './json-records';
import { LineReader, type TextLine } from './line-reader';

export interface ImportRowsOptions {
	/** The file's name, for problems and errors. */
	file: string;
	format: ImportFormat;
	/** Text and metadata fields; ignored for 'text'. Default: text in `text`, no metadata. */
	mapping?: ImportMapping;
	chunks: AsyncIterable<string> | Iterable<string>;
	/** Rows per batch (default 1000). */
	batchSize?: number;
	onError: ImportErrorPolicy;
	/** Problems kept for this file (default 1000); all are counted in `problemCount`. */
	maxProblems?: number;
	/** Largest JSON document read whole, in characters (default JSON_MAX_CHARS, 200 MiB). */
	jsonMaxChars?: number;
}

/** Rows and problems found so far, handed out in batches. */
class Sink {
	rows: ImportRow[] = [];
	#taken = 0;
	problems: RowProblem[] = [];
	problemCount = 0;
	#kept = 0;
	constructor(
		readonly file: string,
		readonly onError: ImportErrorPolicy,
		readonly maxProblems: number
	) {}

	problem(line: number, reason: string): void {
		if (this.onError === 'abort') throw new FormatError(this.file, line, reason);
		this.problemCount++;
		if (this.#kept >= this.maxProblems) return;
		this.#kept++;
		this.problems.push({ file: this.file, line, reason });
	}

	pending(): number {
		return this.rows.length - this.#taken;
	}

	take(n: number, charsRead: number): ImportBatch {
		const end = Math.min(this.rows.length, this.#taken + n);
		const rows = this.rows.slice(this.#taken, end);
		this.#taken = end;
		if (this.#taken === this.rows.length) {
			this.rows = [];
			this.#taken = 0;
		}
		const batch = { rows, problems: this.problems, problemCount: this.problemCount, charsRead };
		this.problems = [];
		this.problemCount = 0;
		return batch;
	}
}

/** A format's parser: consumes chunks, adds rows and problems to the sink. */
interface RowSource {
	push(chunk: string): void;
	end(): void;
}

function csvSource(
	file: string,
	delimiter: ',' | '\t',
	mapping: ImportMapping,
	sink: Sink
): RowSource {
	const reader = new CsvReader({
		delimiter,
		strictQuotes: delimiter === ',',
		maxRecordChars: TEXT_MAX_CHARS * 4
	});
	let header: string[] | undefined;
	let textAt = -1;
	let metaAt: [string, number][] = [];
	const onHeader = (r: CsvRecord): void => {
		if (r.problem) throw new FormatError(file, r.line, `the header row is malformed: ${r.problem}`);
		const names = csvHeaderNames(r.fields);
		header = names;
		textAt = names.indexOf(mapping.textField);
		if (textAt < 0)
			throw new FormatError(
				file,
				r.line,
				`the header has no column "${mapping.textField}" (columns: ${names.join(', ')})`
			);
		metaAt = mapping.metaFields.flatMap((f): [string, number][] => {
			const i = names.indexOf(f);
			return i < 0 ? [] : [[f, i]];
		});
	};
	const onRecord = (r: CsvRecord): void => {
		if (!header) return onHeader(r);
		if (r.problem) return sink.problem(r.line, r.problem);
		if (r.fields.length !== header.length)
			return sink.problem(r.line, `expected ${header.length} fields, found ${r.fields.length}`);
		const text = r.fields[textAt] as string;
		const problem = textProblem(text, mapping.textField);
		if (problem) return sink.problem(r.line, problem);
		const row: ImportRow = { line: r.line, text };
		if (metaAt.length > 0) {
			const meta: Record<string, string> = {};
			for (const [f, i] of metaAt) meta[f] = r.fields[i] as string;
			row.meta = meta;
		}
		sink.rows.push(row);
	};
	return {
		push: (chunk) => {
			for (const r of reader.push(chunk)) onRecord(r);
		},
		end: () => {
			for (const r of reader.end()) onRecord(r);
			if (!header) throw new FormatError(file, 1, 'the file is empty (no header row)');
		}
	};
}

function lineSource(format: 'text' | 'jsonl', mapping: ImportMapping, sink: Sink): RowSource {
	const reader = new LineReader(format === 'text' ? TEXT_MAX_CHARS : TEXT_MAX_CHARS * 4);
	const onLine = ({ line, text, overlong }: TextLine): void => {
		if (overlong) return sink.problem(line, 'the line is too long');
		if (text.trim() === '') return;
		if (format === 'text') {
			sink.rows.push({ line, text });
			return;
		}
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (e) {
			return sink.problem(line, `not valid JSON (${jsonErrorDescribe(text, e).reason})`);
		}
		const rec = recordFromJson(value);
		if (typeof rec === 'string') return sink.problem(line, rec);
		const row = rowFromObject(rec, mapping, line);
		if (typeof row === 'string') sink.problem(line, row);
		else sink.rows.push(row);
	};
	return {
		push: (chunk) => {
			for (const l of reader.push(chunk)) onLine(l);
		},
		end: () => {
			for (const l of reader.end()) onLine(l);
		}
	};
}

/** JSON is read whole (up to JSON_MAX_CHARS), then its records are checked one by one. */
function jsonSource(file: string, mapping: ImportMapping, sink: Sink, max: number): RowSource {
	const parts: string[] = [];
	let chars = 0;
	return {
		push: (chunk) => {
			chars += chunk.length;
			if (chars > max)
				throw new FormatError(
					file,
					undefined,
					`JSON files over ${Math.round(max / 1048576)} MB are not supported: use JSONL (one object per line)`
				);
			parts.push(chunk);
		},
		end: () => {
			const text = parts.join('').replace(/^\uFEFF/, '');
			let doc: unknown;
			try {
				doc = JSON.parse(text);
			} catch (e) {
				const { reason, line } = jsonErrorDescribe(text, e);
				throw new FormatError(file, line, `not valid JSON (${reason})`);
			}
			const records = jsonRecordsOf(doc);
			if (typeof records === 'string') throw new FormatError(file, 1, records);
			const elements = jsonElementsScan(text);
			records.forEach((value, i) => {
				const line = elements[i]?.line ?? 1;
				const rec = recordFromJson(value);
				if (typeof rec === 'string') return sink.problem(line, `record ${i + 1}: ${rec}`);
				const row = rowFromObject(rec, mapping, line);
				if (typeof row === 'string') sink.problem(line, row);
				else sink.rows.push(row);
			});
		}
	};
}

/**
 * Reads a file's rows from a stream of text chunks, in batches of `batchSize` rows (the last batch
 * may be smaller or empty; there is always at least one). Stop iterating to cancel.
 * @throws FormatError at the first malformed row with `onError: 'abort'`, and for a file that
 *   cannot be read at all with either policy.
 */
export async function* importRows(opts: ImportRowsOptions): AsyncGenerator<ImportBatch> {
	const size = Math.max(1, opts.batchSize ?? BATCH_ROWS);
	const mapping = opts.mapping ?? { textField: 'text', metaFields: [] };
	const sink = new Sink(opts.file, opts.onError, opts.maxProblems ?? PROBLEMS_KEPT);
	const source =
		opts.format === 'csv' || opts.format === 'tsv'
			? csvSource(opts.file, opts.format === 'tsv' ? '\t' : ',', mapping, sink)
			: opts.format === 'json'
				? jsonSource(opts.file, mapping, sink, opts.jsonMaxChars ?? JSON_MAX_CHARS)
				: lineSource(opts.format, mapping, sink);
	let chars = 0;
	for await (const chunk of opts.chunks) {
		chars += chunk.length;
		source.push(chunk);
		while (sink.pending() >= size) yield sink.take(size, chars);
	}
	source.end();
	while (sink.pending() > size) yield sink.take(size, chars);
	yield sink.take(size, chars);
}
