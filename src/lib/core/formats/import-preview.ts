/**
 * Before an import: guess a file's format from its name and first characters, and show its
 * fields with a few sample rows so the user can pick the text field and the metadata to keep.
 */
import { FormatError } from '../errors';
import { CsvReader } from './csv-reader';
import { csvHeaderNames, fieldValueSafe, recordFromJson } from './import-fields';
import type { ImportFormat } from './import-types';
import { jsonElementsScan } from './json-records';

export interface ImportPreview {
	fields: string[];
	/** Up to `sampleSize` rows, values as strings (nested JSON values stringified). */
	sample: Record<string, string>[];
	suggestedTextField?: string;
}

/** Field names that usually hold the text, in order of preference. */
const TEXT_NAMES = [
	'text',
	'content',
	'sentence',
	'body',
	'review',
	'comment',
	'message',
	'document',
	'title'
];

const stripBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/** The format of a file: by extension first, then by its first characters. */
export function importFormatDetect(fileName: string, head: string): ImportFormat {
	const dot = fileName.lastIndexOf('.');
	const ext = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
	const t = stripBom(head).trimStart();
	if (ext === 'csv') return 'csv';
	if (ext === 'tsv' || ext === 'tab') return 'tsv';
	if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
	// Many "JSON" files are really JSON Lines: an object, a line break, another object.
	if (ext === 'json')
		return t.startsWith('{') && /\}[ \t]*\r?\n[ \t\r\n]*\{/.test(t) ? 'jsonl' : 'json';
	if (ext === 'txt' || ext === 'text') return 'text';
	if (t.startsWith('[')) return 'json';
	if (t.startsWith('{')) return /\}[ \t]*\r?\n[ \t\r\n]*\{/.test(t) ? 'jsonl' : 'json';
	const first = t.split(/\r?\n/, 1)[0] ?? '';
	if (first.includes('\t')) return 'tsv';
	if (first.includes(',')) return 'csv';
	return 'text';
}

/** The text field: a usual name, else the field with the longest sample values. */
function suggestTextField(fields: string[], sample: Record<string, string>[]): string | undefined {
	for (const name of TEXT_NAMES) {
		const f = fields.find((x) => x.toLowerCase() === name);
		if (f !== undefined) return f;
	}
	let best: string | undefined;
	let bestChars = -1;
	for (const f of fields) {
		const chars = sample.reduce((n, r) => n + (r[f]?.length ?? 0), 0);
		if (chars > bestChars) [best, bestChars] = [f, chars];
	}
	return best;
}

function csvPreview(head: string, delimiter: ',' | '\t', complete: boolean, n: number) {
	const reader = new CsvReader({ delimiter, strictQuotes: delimiter === ',' });
	// Without `end()`, a record cut off by the end of the head is left out.
	const recs = reader.push(head);
	if (complete) recs.push(...reader.end());
	const first = recs[0];
	if (!first) return undefined;
	const fields = csvHeaderNames(first.fields);
	const sample = recs
		.slice(1, n + 1)
		.map((r) => Object.fromEntries(fields.map((f, i) => [f, r.fields[i] ?? ''])));
	return { fields, sample };
}

function jsonObjects(head: string, format: 'json' | 'jsonl', n: number): Record<string, unknown>[] {
	const texts =
		format === 'jsonl'
			? stripBom(head)
					.split('\n')
					.slice(0, n + 1)
			: jsonElementsScan(stripBom(head))
					.slice(0, n)
					.map((e) => stripBom(head).slice(e.start, e.end));
	const out: Record<string, unknown>[] = [];
	for (const t of texts) {
		if (out.length >= n) break;
		try {
			const rec = recordFromJson(JSON.parse(t));
			if (typeof rec !== 'string') out.push(rec);
		} catch {
			// A line cut off by the end of the head, or a bad line: the import will report it.
		}
	}
	return out;
}

/**
 * Fields and sample rows from the first characters of a file (`head`). Pass `complete: true`
 * when `head` is the whole file, so its last record counts even without a final line break.
 * @throws FormatError for a CSV/TSV head without a header row.
 */
export function importPreview(
	fileName: string,
	head: string,
	format: ImportFormat,
	opts: { sampleSize?: number; complete?: boolean } = {}
): ImportPreview {
	const n = opts.sampleSize ?? 20;
	if (format === 'text') {
		const sample = stripBom(head)
			.split('\n')
			.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
			.filter((l) => l.trim() !== '')
			.slice(0, n)
			.map((text) => ({ text }));
		return { fields: ['text'], sample, suggestedTextField: 'text' };
	}
	if (format === 'csv' || format === 'tsv') {
		const p = csvPreview(head, format === 'tsv' ? '\t' : ',', opts.complete ?? false, n);
		if (!p) throw new FormatError(fileName, 1, 'the file is empty (no header row)');
		return { ...p, suggestedTextField: suggestTextField(p.fields, p.sample) };
	}
	const objects = jsonObjects(head, format, n);
	const fields = [...new Set(objects.flatMap((o) => Object.keys(o)))];
	const sample = objects.map((o) =>
		Object.fromEntries(
			Object.entries(o).map(([k, v]) => [k, fieldValueSafe(v) ?? '(nested too deeply to show)'])
		)
	);
	// Only string fields can hold the text.
	const stringFields = fields.filter((f) => objects.some((o) => typeof o[f] === 'string'));
	return { fields, sample, suggestedTextField: suggestTextField(stringFields, sample) };
}
