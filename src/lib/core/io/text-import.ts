/**
 * Streaming import of text items: CSV/TSV, JSONL, JSON and plain text lines. Chunks of decoded
 * text go in; batches of rows (with their file line) and row problems come out. With
 * `onError: 'abort'` the first problem throws a FormatError naming the file, line and reason.
 */
import { FormatError } from '../errors';
import { itemIdFromText } from '../ids';
import type { Item, ItemId } from '../types';
import { CsvReader } from './csv-stream';

export type ImportFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'text';

export interface ImportRow {
	line: number;
	text: string;
	meta?: Record<string, string>;
}

export interface RowProblem {
	file: string;
	line: number;
	reason: string;
}

export interface ImportMapping {
	textField: string;
	metaFields: string[];
}

export interface ImportBatch {
	rows: ImportRow[];
	problems: RowProblem[];
}

/** JSON files are parsed whole; past this size we ask for JSONL instead. */
export const JSON_MAX_CHARS = 200 * 1024 * 1024;
/** One text longer than this is a problem row (it would not be labelable anyway). */
export const TEXT_MAX_CHARS = 1024 * 1024;

export function importFormatDetect(fileName: string, head: string): ImportFormat {
	const ext = fileName.toLowerCase().split('.').pop() ?? '';
	if (ext === 'csv') return 'csv';
	if (ext === 'tsv' || ext === 'tab') return 'tsv';
	if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
	if (ext === 'json') {
		const t = head.replace(/^\uFEFF/, '').trimStart();
		if (t.startsWith('{') && /\}\s*\r?\n\s*\{/.test(t.slice(0, 4096))) return 'jsonl';
		return 'json';
	}
	if (ext === 'txt' || ext === 'text') return 'text';
	const t = head.replace(/^\uFEFF/, '').trimStart();
	if (t.startsWith('[')) return 'json';
	if (t.startsWith('{')) return 'jsonl';
	const first = t.split(/\r?\n/, 1)[0] ?? '';
	if (first.includes('\t')) return 'tsv';
	if (first.includes(',')) return 'csv';
	return 'text';
}

const asString = (v: unknown): string =>
	typeof v === 'string'
		? v
		: v === null || v === undefined
			? ''
			: typeof v === 'object'
				? JSON.stringify(v)
				: String(v);

const TEXT_NAMES = [
	'text',
	'content',
	'sentence',
	'body',
	'review',
	'comment',
	'message',
	'document'
];

function suggestText(fields: string[], sample: Record<string, string>[]): string | undefined {
	const byName = fields.find((f) => TEXT_NAMES.includes(f.toLowerCase()));
	if (byName) return byName;
	let best: string | undefined;
	let bestLen = -1;
	for (const f of fields) {
		const len = sample.reduce((n, r) => n + (r[f]?.length ?? 0), 0);
		if (len > bestLen) {
			bestLen = len;
			best = f;
		}
	}
	return best;
}

function objectsFromJsonHead(head: string, format: 'json' | 'jsonl'): Record<string, unknown>[] {
	if (format === 'jsonl') {
		const out: Record<string, unknown>[] = [];
		for (const line of head.split(/\r?\n/).slice(0, 20)) {
			try {
				const v: unknown = JSON.parse(line);
				if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v as Record<string, unknown>);
			} catch {
				// A cut-off last line in the head: skip it in the preview.
			}
		}
		return out;
	}
	try {
		return jsonRecords(JSON.parse(head.replace(/^\uFEFF/, '')) as unknown).slice(0, 20);
	} catch {
		return [];
	}
}

/** The fields a file offers and a few sample rows, from its first bytes. */
export function importPreview(
	fileName: string,
	head: string,
	format: ImportFormat
): { fields: string[]; sample: Record<string, string>[]; suggestedTextField?: string } {
	if (format === 'text') {
		const sample = head
			.replace(/^\uFEFF/, '')
			.split(/\r?\n/)
			.filter((l) => l.trim())
			.slice(0, 20)
			.map((text) => ({ text }));
		return { fields: ['text'], sample, suggestedTextField: 'text' };
	}
	if (format === 'csv' || format === 'tsv') {
		const reader = new CsvReader(format === 'tsv' ? '\t' : ',');
		const recs = reader.push(head).slice(0, 21);
		const header = recs[0]?.fields ?? [];
		if (header.length === 0) throw new FormatError(fileName, 1, 'the file is empty');
		const sample = recs
			.slice(1)
			.map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
		return { fields: header, sample, suggestedTextField: suggestText(header, sample) };
	}
	const objs = objectsFromJsonHead(head, format);
	const fields = [...new Set(objs.flatMap((o) => Object.keys(o)))];
	const sample = objs.map((o) =>
		Object.fromEntries(Object.entries(o).map(([k, v]) => [k, asString(v)]))
	);
	return { fields, sample, suggestedTextField: suggestText(fields, sample) };
}

/** The records of a parsed JSON file: an array of objects, or an object with one array field. */
function jsonRecords(v: unknown): Record<string, unknown>[] {
	if (Array.isArray(v)) return v as Record<string, unknown>[];
	if (v && typeof v === 'object') {
		const arrays = Object.values(v).filter(Array.isArray);
		if (arrays.length === 1) return arrays[0] as Record<string, unknown>[];
	}
	throw new Error('expected an array of objects, or an object with one array of objects');
}

/** Maps one record to a row, or returns the reason it cannot be imported. */
function rowFrom(rec: Record<string, unknown>, mapping: ImportMapping): string | ImportRow {
	if (!(mapping.textField in rec)) return `the field "${mapping.textField}" is missing`;
	const raw = rec[mapping.textField];
	if (typeof raw !== 'string' && typeof raw !== 'number')
		return `the field "${mapping.textField}" is ${raw === null ? 'null' : typeof raw}, not text`;
	const text = String(raw);
	if (!text.trim()) return `the field "${mapping.textField}" is empty`;
	if (text.length > TEXT_MAX_CHARS) return `the text is longer than ${TEXT_MAX_CHARS} characters`;
	const row: ImportRow = { line: 0, text };
	if (mapping.metaFields.length > 0) {
		const meta: Record<string, string> = {};
		for (const f of mapping.metaFields) if (f in rec) meta[f] = asString(rec[f]);
		row.meta = meta;
	}
	return row;
}

class Collector {
	rows: ImportRow[] = [];
	problems: RowProblem[] = [];
	constructor(
		private file: string,
		private onError: 'skip' | 'abort'
	) {}
	problem(line: number, reason: string): void {
		if (this.onError === 'abort') throw new FormatError(this.file, line, reason);
		this.problems.push({ file: this.file, line, reason });
	}
	take(): ImportBatch {
		const b = { rows: this.rows, problems: this.problems };
		this.rows = [];
		this.problems = [];
		return b;
	}
}

/**
 * Reads rows from a stream of text chunks, in batches of about `batchSize` rows.
 * @throws FormatError in abort mode at the first malformed row, or for a file that is unusable as a whole.
 */
export async function* importRows(opts: {
	file: string;
	format: ImportFormat;
	mapping?: ImportMapping;
	chunks: AsyncIterable<string>;
	batchSize?: number;
	onError: 'skip' | 'abort';
}): AsyncGenerator<ImportBatch> {
	const { file, format, chunks } = opts;
	const size = opts.batchSize ?? 1000;
	const mapping = opts.mapping ?? { textField: 'text', metaFields: [] };
	const out = new Collector(file, opts.onError);
	const add = (line: number, rec: Record<string, unknown>) => {
		const r = rowFrom(rec, mapping);
		if (typeof r === 'string') out.problem(line, r);
		else {
			r.line = line;
			out.rows.push(r);
		}
	};

	if (format === 'json') {
		let text = '';
		for await (const c of chunks) {
			text += c;
			if (text.length > JSON_MAX_CHARS)
				throw new FormatError(
					file,
					undefined,
					`JSON files over ${JSON_MAX_CHARS / 1048576} MB are not supported: use JSONL (one object per line)`
				);
		}
		let records: Record<string, unknown>[];
		try {
			records = jsonRecords(JSON.parse(text.replace(/^\uFEFF/, '')) as unknown);
		} catch (e) {
			const msg = e instanceof Error ? e.message : String(e);
			const pos = /position (\d+)/.exec(msg);
			const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
			throw new FormatError(file, line, `not valid JSON (${msg})`);
		}
		for (let i = 0; i < records.length; i++) {
			const rec = records[i];
			if (!rec || typeof rec !== 'object' || Array.isArray(rec))
				out.problem(i + 1, `record ${i + 1} is not an object`);
			else add(i + 1, rec);
			if (out.rows.length >= size) yield out.take();
		}
		yield out.take();
		return;
	}

	if (format === 'csv' || format === 'tsv') {
		const reader = new CsvReader(format === 'tsv' ? '\t' : ',');
		let header: string[] | undefined;
		let textIdx = -1;
		let metaIdx: [string, number][] = [];
		const onRecord = (r: { line: number; fields: string[]; problem?: string }) => {
			if (!header) {
				header = r.fields.map((h) => h.trim());
				if (r.problem)
					throw new FormatError(file, r.line, `the header row is malformed: ${r.problem}`);
				textIdx = header.indexOf(mapping.textField);
				if (textIdx < 0)
					throw new FormatError(
						file,
						1,
						`the header has no column "${mapping.textField}" (columns: ${header.join(', ')})`
					);
				metaIdx = mapping.metaFields
					.map((f) => [f, (header as string[]).indexOf(f)] as [string, number])
					.filter(([, i]) => i >= 0);
				return;
			}
			if (r.problem) return out.problem(r.line, r.problem);
			if (r.fields.length !== header.length)
				return out.problem(r.line, `expected ${header.length} fields, found ${r.fields.length}`);
			const text = r.fields[textIdx] ?? '';
			if (!text.trim()) return out.problem(r.line, `the column "${mapping.textField}" is empty`);
			if (text.length > TEXT_MAX_CHARS)
				return out.problem(r.line, `the text is longer than ${TEXT_MAX_CHARS} characters`);
			const row: ImportRow = { line: r.line, text };
			if (metaIdx.length)
				row.meta = Object.fromEntries(metaIdx.map(([f, i]) => [f, r.fields[i] ?? '']));
			out.rows.push(row);
		};
		for await (const c of chunks) {
			for (const r of reader.push(c)) onRecord(r);
			if (out.rows.length >= size) yield out.take();
		}
		for (const r of reader.end()) onRecord(r);
		if (!header) throw new FormatError(file, 1, 'the file is empty');
		yield out.take();
		return;
	}

	// Line formats: JSONL and plain text.
	let carry = '';
	let line = 0;
	let first = true;
	const onLine = (raw: string) => {
		line++;
		let l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (first) {
			first = false;
			if (l.charCodeAt(0) === 0xfeff) l = l.slice(1);
		}
		if (!l.trim()) return;
		if (format === 'text') {
			if (l.length > TEXT_MAX_CHARS)
				return out.problem(line, `the line is longer than ${TEXT_MAX_CHARS} characters`);
			out.rows.push({ line, text: l });
			return;
		}
		let v: unknown;
		try {
			v = JSON.parse(l);
		} catch (e) {
			return out.problem(line, `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
		}
		if (!v || typeof v !== 'object' || Array.isArray(v))
			return out.problem(line, 'the line is not a JSON object');
		add(line, v as Record<string, unknown>);
	};
	for await (const c of chunks) {
		const parts = (carry + c).split('\n');
		carry = parts.pop() ?? '';
		if (carry.length > TEXT_MAX_CHARS * 4) {
			out.problem(line + 1, 'a line is too long');
			carry = '';
		}
		for (const p of parts) onLine(p);
		if (out.rows.length >= size) yield out.take();
	}
	if (carry) onLine(carry);
	yield out.take();
}

/** Hashes rows into items, skipping ids already seen (in this import or in the project). */
export async function itemsFromRows(
	rows: readonly ImportRow[],
	opts: {
		file: string;
		seqStart: number;
		seen: { has(id: ItemId): boolean; add(id: ItemId): void };
	}
): Promise<{ items: Item[]; duplicates: number }> {
	const ids = rows.map((r) => itemIdFromText(r.text));
	const items: Item[] = [];
	let duplicates = 0;
	for (let i = 0; i < rows.length; i++) {
		const id = ids[i] as ItemId;
		const row = rows[i] as ImportRow;
		if (opts.seen.has(id)) {
			duplicates++;
			continue;
		}
		opts.seen.add(id);
		const item: Item = {
			id,
			kind: 'text',
			text: row.text,
			seq: opts.seqStart + i,
			source: opts.file
		};
		if (row.meta && Object.keys(row.meta).length) item.meta = row.meta;
		items.push(item);
	}
	return { items, duplicates };
}
