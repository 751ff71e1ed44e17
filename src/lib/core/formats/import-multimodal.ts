/**
 * Multimodal rows: a CSV (with a header) or JSONL table whose rows hold a media URL and other
 * columns, e.g. `image,caption` or `{"audio": "https://…/a.wav", "text": "…"}`. Each row with a
 * media URL and at least one more non-empty column becomes one item with several fields; a row
 * with only a URL stays a plain media item. Column names become field names, which tasks pick
 * with their `field` key.
 */
import { itemIdFromText } from '../ids';
import { mediaKindFromUrl, mediaUrlName } from '../media';
import type { Item, ItemField } from '../types';
import { CsvReader } from './csv-reader';
import { csvHeaderNames, fieldValueSafe } from './import-fields';

export interface MultimodalRows {
	items: Item[];
	/** Rows that were left out, by 1-based line, with the reason. */
	problems: { line: number; reason: string }[];
}

const IS_URL = /^https?:\/\/\S+$/i;

/** The field of one cell: a media reference for a media URL, else text (undefined when blank). */
function fieldOf(value: string): ItemField | undefined {
	const v = value.trim();
	if (!v) return undefined;
	const kind = IS_URL.test(v) ? mediaKindFromUrl(v) : undefined;
	if (!kind) return { kind: 'text', text: value };
	const name = mediaUrlName(v);
	return { kind: kind.kind, media: { url: v, name, ...(kind.mime ? { mime: kind.mime } : {}) } };
}

function itemOf(cells: [string, string][], seq: number): Item | string {
	const fields: Record<string, ItemField> = {};
	for (const [k, v] of cells) {
		const f = fieldOf(v);
		if (f) fields[k] = f;
	}
	const entries = Object.entries(fields);
	const media = entries.find(([, f]) => f.kind !== 'text');
	if (!media) return 'no http(s) URL of an image, audio or video file';
	const key = JSON.stringify(entries.map(([k, f]) => [k, f.kind === 'text' ? f.text : f.media]));
	const id = itemIdFromText(`multimodal\n${key}`);
	const [name, f] = media;
	if (entries.length === 1 && f.kind !== 'text')
		return { id, kind: f.kind, media: f.media, seq, source: name };
	const text = entries.find(([, f]) => f.kind === 'text')?.[1];
	return {
		id,
		kind: 'multimodal',
		fields,
		seq,
		...(text?.kind === 'text' ? { text: text.text } : {})
	};
}

/**
 * The items of a multimodal table, or undefined when `text` is not one: JSONL objects with two or
 * more keys, or a CSV/TSV whose first line is a header of two or more names without URLs.
 * `seq0` orders the rows (row `i` gets `seq0 + i`).
 */
export function multimodalRowsParse(text: string, seq0: number): MultimodalRows | undefined {
	const lines = text.split(/\r?\n/);
	const first = lines.findIndex((l) => l.trim());
	if (first < 0) return undefined;
	const head = (lines[first] as string).trim();
	const out: MultimodalRows = { items: [], problems: [] };
	const push = (r: Item | string, line: number) => {
		if (typeof r === 'string') out.problems.push({ line, reason: r });
		else out.items.push(r);
	};
	if (head.startsWith('{')) {
		let wide = false;
		lines.forEach((raw, i) => {
			if (!raw.trim()) return;
			let rec: unknown;
			try {
				rec = JSON.parse(raw);
			} catch {
				out.problems.push({ line: i + 1, reason: 'not valid JSON' });
				return;
			}
			if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
				out.problems.push({ line: i + 1, reason: 'not a JSON object' });
				return;
			}
			const cells = Object.entries(rec).map(([k, v]): [string, string | undefined] => [
				k,
				fieldValueSafe(v)
			]);
			const deep = cells.find(([, v]) => v === undefined);
			if (deep) {
				out.problems.push({ line: i + 1, reason: `the field "${deep[0]}" is nested too deeply` });
				return;
			}
			wide ||= cells.length > 1;
			push(itemOf(cells as [string, string][], seq0 + i), i + 1);
		});
		return wide ? out : undefined;
	}
	const delimiter = head.includes('\t') ? '\t' : ',';
	const reader = new CsvReader({ delimiter, strictQuotes: delimiter === ',' });
	const records = [...reader.push(text), ...reader.end()];
	const header = records.find((r) => r.fields.some((f) => f.trim()));
	if (!header || header.fields.length < 2 || header.fields.some((f) => IS_URL.test(f.trim())))
		return undefined;
	const names = csvHeaderNames(header.fields);
	for (const [i, r] of records.entries()) {
		if (r === header || r.line < header.line || !r.fields.some((f) => f.trim())) continue;
		if (r.problem) push(r.problem, r.line);
		else if (r.fields.length !== names.length)
			push(`expected ${names.length} fields, found ${r.fields.length}`, r.line);
		else
			push(
				itemOf(
					names.map((n, k) => [n, r.fields[k] as string]),
					seq0 + i
				),
				r.line
			);
	}
	return out;
}
