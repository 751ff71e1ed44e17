import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import type { ItemId } from '../types';
import {
	importFormatDetect,
	importPreview,
	importRows,
	itemsFromRows,
	type ImportBatch,
	type ImportFormat,
	type ImportMapping
} from './text-import';

const FIX = 'tests/fixtures/import';
const read = (name: string) => readFileSync(`${FIX}/${name}`, 'utf8');

async function* chunked(text: string, size: number): AsyncGenerator<string> {
	for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect(
	file: string,
	text: string,
	format: ImportFormat,
	opts: { mapping?: ImportMapping; onError?: 'skip' | 'abort'; size?: number } = {}
) {
	const batches: ImportBatch[] = [];
	for await (const b of importRows({
		file,
		format,
		mapping: opts.mapping,
		chunks: chunked(text, opts.size ?? 7),
		batchSize: 4,
		onError: opts.onError ?? 'skip'
	}))
		batches.push(b);
	return { rows: batches.flatMap((b) => b.rows), problems: batches.flatMap((b) => b.problems) };
}

describe('format detection and preview', () => {
	it('detects formats by extension, then by content', () => {
		expect(importFormatDetect('a.csv', '')).toBe('csv');
		expect(importFormatDetect('a.TSV', '')).toBe('tsv');
		expect(importFormatDetect('a.ndjson', '')).toBe('jsonl');
		expect(importFormatDetect('a.json', '{"a":1}\n{"a":2}\n')).toBe('jsonl');
		expect(importFormatDetect('a.json', '[{"a":1}]')).toBe('json');
		expect(importFormatDetect('data', 'x\ty\n')).toBe('tsv');
		expect(importFormatDetect('data', 'just words\n')).toBe('text');
	});

	it('offers fields and suggests the text column', () => {
		const p = importPreview('reviews.csv', read('reviews.csv'), 'csv');
		expect(p.fields).toEqual(['id', 'text', 'rating', 'product']);
		expect(p.suggestedTextField).toBe('text');
		expect(p.sample[0]).toMatchObject({ id: 'r1', rating: '5' });
		const j = importPreview('reviews.jsonl', read('reviews.jsonl'), 'jsonl');
		expect(j.suggestedTextField).toBe('review');
		expect(j.sample[0]?.tags).toBe('{"product":"headphones"}');
	});
});

describe('importRows', () => {
	it('reads CSV with metadata columns and file lines', async () => {
		const { rows, problems } = await collect('reviews.csv', read('reviews.csv'), 'csv', {
			mapping: { textField: 'text', metaFields: ['rating', 'product'] }
		});
		expect(problems).toEqual([]);
		expect(rows).toHaveLength(42);
		expect(rows[0]).toEqual({
			line: 2,
			text: 'Arrived two days early and works perfectly. Very happy with it.',
			meta: { rating: '5', product: 'headphones' }
		});
		expect(rows[10]?.text).toContain('"retina" quality');
	});

	it('reads TSV, JSONL (nested values as JSON), JSON with one array field, and text lines', async () => {
		const tsv = await collect('reviews.tsv', read('reviews.tsv'), 'tsv', {
			mapping: { textField: 'text', metaFields: [] }
		});
		expect(tsv.rows).toHaveLength(10);
		const jsonl = await collect('reviews.jsonl', read('reviews.jsonl'), 'jsonl', {
			mapping: { textField: 'review', metaFields: ['tags', 'rating'] }
		});
		expect(jsonl.rows[0]?.meta).toEqual({ tags: '{"product":"headphones"}', rating: '5' });
		const json = await collect('reviews.json', read('reviews.json'), 'json', {
			mapping: { textField: 'text', metaFields: ['id'] }
		});
		expect(json.rows.map((r) => r.meta?.id)).toEqual(
			Array.from({ length: 10 }, (_, i) => `r${i + 1}`)
		);
		const text = await collect('lines.txt', read('lines.txt'), 'text');
		expect(text.rows).toHaveLength(8);
		expect(text.rows[0]?.text.charCodeAt(0)).not.toBe(0xfeff);
		expect(text.rows[7]?.line).toBe(8);
	});

	it('reports each malformed row with its file, line and reason, and keeps the good rows', async () => {
		const { rows, problems } = await collect('malformed.csv', read('malformed.csv'), 'csv', {
			mapping: { textField: 'text', metaFields: [] }
		});
		expect(rows.map((r) => [r.line, r.text])).toEqual([
			[2, 'A fine first row'],
			[4, 'Multi\nline, quoted text'],
			[8, 'Last good row']
		]);
		expect(problems).toEqual([
			{ file: 'malformed.csv', line: 3, reason: 'expected 3 fields, found 4' },
			{ file: 'malformed.csv', line: 6, reason: 'the column "text" is empty' },
			{ file: 'malformed.csv', line: 7, reason: expect.stringMatching(/quote/) },
			{ file: 'malformed.csv', line: 9, reason: expect.stringMatching(/never closed/) }
		]);
	});

	it('throws a FormatError at the first malformed row in abort mode', async () => {
		const run = collect('malformed.csv', read('malformed.csv'), 'csv', {
			mapping: { textField: 'text', metaFields: [] },
			onError: 'abort'
		});
		await expect(run).rejects.toThrow(FormatError);
		await expect(run).rejects.toThrow('malformed.csv, line 3: expected 3 fields, found 4');
	});

	it('explains bad JSONL lines, wrong field types, empty files and missing columns', async () => {
		const jsonl = '{"text":"ok"}\n{"text": 5}\n{broken\n[1,2]\n{"text":null}\n{"other":"x"}\n';
		const { rows, problems } = await collect('x.jsonl', jsonl, 'jsonl');
		expect(rows.map((r) => r.text)).toEqual(['ok', '5']);
		expect(problems.map((p) => [p.line, p.reason])).toEqual([
			[3, expect.stringMatching(/not valid JSON/)],
			[4, 'the line is not a JSON object'],
			[5, 'the field "text" is null, not text'],
			[6, 'the field "text" is missing']
		]);
		await expect(collect('e.csv', '', 'csv')).rejects.toThrow('e.csv, line 1: the file is empty');
		await expect(
			collect('h.csv', 'a,b\n1,2\n', 'csv', { mapping: { textField: 'text', metaFields: [] } })
		).rejects.toThrow(/no column "text" \(columns: a, b\)/);
		await expect(collect('bad.json', '{"a": [1,', 'json')).rejects.toThrow(
			/bad.json.*not valid JSON/
		);
	});

	it('handles a header-only CSV and a BOM', async () => {
		const { rows } = await collect('h.csv', '\uFEFFtext\n', 'csv');
		expect(rows).toEqual([]);
	});
});

describe('itemsFromRows', () => {
	it('gives content-hash ids and skips duplicates within and across imports', async () => {
		const seen = new Set<ItemId>();
		const rows = [
			{ line: 2, text: 'a' },
			{ line: 3, text: 'b' },
			{ line: 4, text: 'a' }
		];
		const first = await itemsFromRows(rows, { file: 'f', seqStart: 10, seen });
		expect(first.items.map((i) => [i.text, i.seq])).toEqual([
			['a', 10],
			['b', 11]
		]);
		expect(first.duplicates).toBe(1);
		expect(first.items[0]?.id).toMatch(/^[0-9a-f]{32}$/);
		const again = await itemsFromRows(rows, { file: 'f', seqStart: 20, seen });
		expect(again).toEqual({ items: [], duplicates: 3 });
	});
});
