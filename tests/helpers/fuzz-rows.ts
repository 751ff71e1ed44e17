/**
 * Fuzz cases for the row importers (CSV/TSV, JSONL, JSON, plain text, multimodal tables, media-URL
 * lists), shared by the tests and the bench: random bytes, truncations and one-byte mutations of
 * real files, huge fields, deep JSON, wrong encodings (Latin-1, UTF-16 with and without a BOM),
 * all streamed in chunks cut anywhere. Each case must end in a FormatError, or in a result whose
 * every row and problem is well formed (checked here); anything else is a bug.
 */
import fc from 'fast-check';
import { FormatError } from '../../src/lib/core/errors';
import { mediaKindFromUrl, mediaUrlName, mediaUrlsParse } from '../../src/lib/core/media';
import { itemsFromRows } from '../../src/lib/core/formats/import-items';
import { multimodalRowsParse } from '../../src/lib/core/formats/import-multimodal';
import { importRows } from '../../src/lib/core/formats/import-rows';
import {
	TEXT_MAX_CHARS,
	type ImportFormat,
	type ImportRow
} from '../../src/lib/core/formats/import-types';
import { fuzzAround, fuzzGrown } from './fuzz-interop';
import { textChunksDecode } from '../../src/lib/core/formats/text-decode';

const enc = new TextEncoder();

export interface RowsFuzzInput {
	bytes: Uint8Array;
	/** Chunk size the bytes are streamed in. */
	chunk: number;
}

export type RowsFuzzRun = (input: RowsFuzzInput, file: string) => Promise<unknown>;

/** A broken result: the importer returned something it should have reported or refused. */
export class FuzzInvariantError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FuzzInvariantError';
	}
}

function utf16(text: string, le: boolean, bom: boolean): Uint8Array {
	const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
	const s = bom ? '\uFEFF' + text : text;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		out[2 * i + (le ? 0 : 1)] = c & 0xff;
		out[2 * i + (le ? 1 : 0)] = c >> 8;
	}
	return out;
}

function latin1(text: string): Uint8Array {
	return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

/** Inputs built from a real file `sample` (which should hold some non-ASCII text). */
export function rowsFuzzInput(sample: string, deep: 'json' | 'text'): fc.Arbitrary<RowsFuzzInput> {
	const bytes = enc.encode(sample);
	const nest = (n: number) =>
		deep === 'json'
			? `[{"text":"a","review":"a","tags":${'['.repeat(n)}${']'.repeat(n)}}]\n`
			: `${'"'.repeat(n)}\n`;
	const data = fc.oneof(
		...fuzzAround(bytes),
		...fuzzGrown(sample, nest),
		fc.constant(Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes)),
		fc.boolean().map((le) => utf16(sample, le, true)),
		fc.boolean().map((le) => utf16(sample, le, false)),
		fc.constant(latin1(sample)),
		fc.constant(Uint8Array.of(0xff, 0xfe, ...bytes))
	);
	return fc.record({ bytes: data, chunk: fc.integer({ min: 1, max: 70_000 }) });
}

function* chunked(bytes: Uint8Array, size: number): Generator<Uint8Array> {
	if (bytes.length === 0) yield bytes;
	for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function textOfChunks(input: RowsFuzzInput, file: string): Promise<string> {
	const parts: string[] = [];
	for await (const t of textChunksDecode(chunked(input.bytes, input.chunk), file)) parts.push(t);
	return parts.join('');
}

const fail = (why: string): never => {
	throw new FuzzInvariantError(why);
};

function rowCheck(r: ImportRow, lastLine: number): void {
	if (!Number.isInteger(r.line) || r.line < 1) fail(`row at line ${r.line}`);
	if (r.line < lastLine) fail(`rows out of order (${r.line} after ${lastLine})`);
	if (typeof r.text !== 'string' || r.text.trim() === '') fail(`empty text at line ${r.line}`);
	if (r.text.length > TEXT_MAX_CHARS) fail(`text over the limit at line ${r.line}`);
	for (const v of Object.values(r.meta ?? {}))
		if (typeof v !== 'string') fail(`non-string metadata at line ${r.line}`);
}

/** Streams `input` through importRows and itemsFromRows, checking every row and problem. */
export async function rowsImportCheck(
	input: RowsFuzzInput,
	file: string,
	format: ImportFormat,
	onError: 'skip' | 'abort'
): Promise<{ rows: number; problems: number }> {
	let rows = 0;
	let problems = 0;
	let last = 1;
	const seen = new Set<string>();
	for await (const b of importRows({
		file,
		format,
		mapping: { textField: format === 'jsonl' ? 'review' : 'text', metaFields: ['id', 'tags'] },
		chunks: textChunksDecode(chunked(input.bytes, input.chunk), file),
		batchSize: 7,
		onError
	})) {
		for (const r of b.rows) {
			rowCheck(r, last);
			last = r.line;
		}
		for (const p of b.problems)
			if (p.file !== file || !(p.line >= 1) || !p.reason) fail(`problem without place or reason`);
		if (b.problemCount < b.problems.length) fail('problem count below the problems listed');
		const items = itemsFromRows(b.rows, { file, seqStart: rows, seen });
		for (const it of items.items)
			if (typeof it.id !== 'string' || it.id.length === 0) fail('item without an id');
		rows += b.rows.length;
		problems += b.problemCount;
	}
	return { rows, problems };
}

/** The row importers under fuzz, each with a real sample of its format. */
export function rowsFuzzTargets(samples: {
	csv: string;
	tsv: string;
	jsonl: string;
	json: string;
	text: string;
	multimodal: string;
	urls: string;
}): { name: string; run: RowsFuzzRun; input: fc.Arbitrary<RowsFuzzInput> }[] {
	const rowsTarget = (format: ImportFormat, onError: 'skip' | 'abort', sample: string) => ({
		name: `${format}-${onError}`,
		run: (i: RowsFuzzInput, f: string) => rowsImportCheck(i, f, format, onError),
		input: rowsFuzzInput(sample, format === 'json' || format === 'jsonl' ? 'json' : 'text')
	});
	return [
		rowsTarget('csv', 'skip', samples.csv),
		rowsTarget('csv', 'abort', samples.csv),
		rowsTarget('tsv', 'skip', samples.tsv),
		rowsTarget('jsonl', 'skip', samples.jsonl),
		rowsTarget('json', 'skip', samples.json),
		rowsTarget('text', 'skip', samples.text),
		{
			name: 'multimodal',
			run: async (i, f) => {
				const r = multimodalRowsParse(await textOfChunks(i, f), 0);
				for (const p of r?.problems ?? [])
					if (!(p.line >= 1) || !p.reason) fail('multimodal problem without line or reason');
				for (const it of r?.items ?? []) if (!it.id) fail('multimodal item without id');
				return r;
			},
			input: fc.oneof(
				rowsFuzzInput(samples.multimodal, 'text'),
				rowsFuzzInput(samples.multimodal.replace(/^.*\n/, ''), 'json')
			)
		},
		{
			name: 'media-urls',
			run: async (i, f) => {
				const r = mediaUrlsParse(await textOfChunks(i, f));
				for (const u of r.urls) {
					if (!mediaKindFromUrl(u.url)) fail(`not a media URL: ${u.url.slice(0, 80)}`);
					if (!mediaUrlName(u.url)) fail('media URL without a name');
				}
				return r;
			},
			input: rowsFuzzInput(samples.urls, 'text')
		}
	];
}

/** Runs one case: 'ok', 'format-error', or throws anything else. */
export async function rowsFuzzCase(
	run: RowsFuzzRun,
	input: RowsFuzzInput,
	file: string
): Promise<'ok' | 'format-error'> {
	try {
		await run(input, file);
		return 'ok';
	} catch (e) {
		if (e instanceof FormatError) {
			if (e.file !== file || !e.reason) throw new FuzzInvariantError('FormatError without a place');
			return 'format-error';
		}
		throw e;
	}
}

/** Samples (with non-ASCII text, quotes and line breaks inside fields) for the targets. */
export const ROWS_FUZZ_SAMPLES = {
	csv: 'id,text,tags\nr1,"Café au lait, très bon",a\nr2,"Line one\nline two, ""quoted""",b\nr3,Plain — dash,c\n',
	tsv: 'id\ttext\ttags\nr1\tCafé au lait\ta\nr2\t5" screen, naïve\tb\n',
	jsonl:
		'{"id":"r1","review":"Café au lait","tags":{"k":"ü"}}\n{"id":"r2","review":"Two\\nlines","tags":[1,2]}\n',
	json: '[{"id":"r1","text":"Café au lait","tags":{"k":"ü"}},\n {"id":"r2","text":"Zwei Größen"}]\n',
	text: 'Café au lait\nZwei Größen — naïve\n\nlast line',
	multimodal:
		'image,caption\nhttps://b.example/caf%C3%A9.jpg,"Un café, chaud"\nhttps://b.example/a%zz.png,bad escape\n',
	urls: 'url\nhttps://b.example/caf%C3%A9.jpg\nhttps://b.example/%E0%A4%A.wav?sig=1\nnot a url é\n'
};
