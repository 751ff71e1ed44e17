import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { importRows } from './import-rows';
import type { ImportBatch, ImportFormat, ImportMapping } from './import-types';

const FIX = 'tests/fixtures/import';
const read = (name: string) => readFileSync(`${FIX}/${name}`, 'utf8');

async function* asyncChunks(chunks: readonly string[]): AsyncGenerator<string> {
	for (const c of chunks) yield c;
}

/** Encodes `text`, cuts the bytes at `cuts` and decodes them as a browser file stream would. */
function byteChunks(text: string, cuts: readonly number[]): string[] {
	const bytes = new TextEncoder().encode(text);
	const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
	const decoder = new TextDecoder('utf-8');
	const out: string[] = [];
	let prev = 0;
	for (const p of [...at, bytes.length]) {
		out.push(decoder.decode(bytes.subarray(prev, p), { stream: true }));
		prev = p;
	}
	out.push(decoder.decode());
	return out;
}

interface RunOptions {
	mapping?: ImportMapping;
	onError?: 'skip' | 'abort';
	batchSize?: number;
	maxProblems?: number;
}

async function batchesOf(
	file: string,
	format: ImportFormat,
	chunks: readonly string[],
	opts: RunOptions = {}
): Promise<ImportBatch[]> {
	const out: ImportBatch[] = [];
	for await (const b of importRows({
		file,
		format,
		chunks: asyncChunks(chunks),
		onError: opts.onError ?? 'skip',
		...(opts.mapping && { mapping: opts.mapping }),
		...(opts.batchSize && { batchSize: opts.batchSize }),
		...(opts.maxProblems !== undefined && { maxProblems: opts.maxProblems })
	}))
		out.push(b);
	return out;
}

async function run(file: string, format: ImportFormat, text: string, opts: RunOptions = {}) {
	const batches = await batchesOf(file, format, [text], opts);
	return {
		rows: batches.flatMap((b) => b.rows),
		problems: batches.flatMap((b) => b.problems),
		problemCount: batches.reduce((n, b) => n + b.problemCount, 0)
	};
}

const CSV_MAP = { textField: 'text', metaFields: ['rating', 'product'] };

describe('importRows: correct files', () => {
	it('reads CSV with its metadata columns and file lines', async () => {
		const { rows, problems } = await run('reviews.csv', 'csv', read('reviews.csv'), {
			mapping: CSV_MAP
		});
		expect(problems).toEqual([]);
		expect(rows).toHaveLength(42);
		expect(rows[0]).toEqual({
			line: 2,
			text: 'Arrived two days early and works perfectly. Very happy with it.',
			meta: { rating: '5', product: 'headphones' }
		});
		expect(rows[10]).toEqual({
			line: 12,
			text: 'The screen is bright and sharp, "retina" quality for real.',
			meta: { rating: '5', product: 'tablet' }
		});
		expect(rows.at(-1)?.line).toBe(43);
	});

	it('reads TSV the same as the matching CSV rows', async () => {
		const tsv = await run('reviews.tsv', 'tsv', read('reviews.tsv'), { mapping: CSV_MAP });
		const csv = await run('reviews.csv', 'csv', read('reviews.csv'), { mapping: CSV_MAP });
		expect(tsv.problems).toEqual([]);
		expect(tsv.rows).toEqual(csv.rows.slice(0, tsv.rows.length));
		expect(tsv.rows).toHaveLength(10);
	});

	it('reads JSONL, stringifying nested and non-string metadata', async () => {
		const { rows, problems } = await run('reviews.jsonl', 'jsonl', read('reviews.jsonl'), {
			mapping: { textField: 'review', metaFields: ['rating', 'tags', 'absent'] }
		});
		expect(problems).toEqual([]);
		expect(rows).toHaveLength(10);
		expect(rows[0]).toEqual({
			line: 1,
			text: 'Arrived two days early and works perfectly. Very happy with it.',
			meta: { rating: '5', tags: '{"product":"headphones"}' }
		});
	});

	it('reads a JSON object with one array field, with the line each record starts on', async () => {
		const { rows, problems } = await run('reviews.json', 'json', read('reviews.json'), {
			mapping: { textField: 'text', metaFields: ['id'] }
		});
		expect(problems).toEqual([]);
		expect(rows.map((r) => r.meta?.id)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i + 1}`));
		expect(rows.slice(0, 3).map((r) => r.line)).toEqual([3, 8, 13]);
	});

	it('reads a JSON array of objects', async () => {
		const { rows } = await run('a.json', 'json', '\uFEFF[\n {"text": "one"},\n {"text": "two"}\n]');
		expect(rows).toEqual([
			{ line: 2, text: 'one' },
			{ line: 3, text: 'two' }
		]);
	});

	it('reads text lines, skipping blank lines and the BOM, counting lines', async () => {
		const { rows, problems } = await run('lines.txt', 'text', read('lines.txt'));
		expect(problems).toEqual([]);
		expect(rows).toHaveLength(8);
		expect(rows[0]?.text).toBe('Arrived two days early and works perfectly. Very happy with it.');
		expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		const crlf = await run('x.txt', 'text', 'a\r\n\r\n  \r\nb\r\nc');
		expect(crlf.rows).toEqual([
			{ line: 1, text: 'a' },
			{ line: 4, text: 'b' },
			{ line: 5, text: 'c' }
		]);
	});
});

describe('importRows: malformed files', () => {
	it('reports each bad CSV row with its file, line and reason, and keeps the good rows', async () => {
		const { rows, problems } = await run('malformed.csv', 'csv', read('malformed.csv'));
		expect(rows.map((r) => [r.line, r.text])).toEqual([
			[2, 'A fine first row'],
			[4, 'Multi\nline, quoted text'],
			[8, 'Last good row']
		]);
		expect(problems).toEqual([
			{ file: 'malformed.csv', line: 3, reason: 'expected 3 fields, found 4' },
			{ file: 'malformed.csv', line: 6, reason: 'the text field "text" is empty' },
			{
				file: 'malformed.csv',
				line: 7,
				reason: 'a quote (") inside a field that does not start with a quote'
			},
			{ file: 'malformed.csv', line: 9, reason: 'a quoted field is never closed (missing ")' }
		]);
	});

	it('reports each bad JSONL line: invalid JSON, not an object, missing, non-string or empty text', async () => {
		const { rows, problems } = await run('malformed.jsonl', 'jsonl', read('malformed.jsonl'), {
			mapping: { textField: 'text', metaFields: ['rating', 'tags'] }
		});
		expect(rows).toEqual([
			{ line: 1, text: 'A fine first line', meta: { rating: '5' } },
			{ line: 8, text: 'Last good line', meta: { rating: '1', tags: '{"color":"red"}' } }
		]);
		expect(problems.map((p) => [p.file, p.line, p.reason])).toEqual([
			['malformed.jsonl', 2, expect.stringMatching(/^not valid JSON \(.+\)$/)],
			['malformed.jsonl', 4, 'expected a JSON object, found an array'],
			['malformed.jsonl', 5, 'the text field "text" is missing'],
			['malformed.jsonl', 6, 'the text field "text" is a number, not a string'],
			['malformed.jsonl', 7, 'the text field "text" is empty']
		]);
		// V8 quotes the whole line in some messages; the reason must not.
		expect(problems[0]?.reason).not.toContain('rating');
	});

	it('reports bad JSON records by the line they start on', async () => {
		const json =
			'[\n {"text": "ok"},\n {"text": null},\n "just a string",\n {\n  "other": 1\n }\n]';
		const { rows, problems } = await run('r.json', 'json', json);
		expect(rows).toEqual([{ line: 2, text: 'ok' }]);
		expect(problems.map((p) => [p.line, p.reason])).toEqual([
			[3, 'the text field "text" is null, not a string'],
			[4, 'record 3: expected a JSON object, found a string'],
			[5, 'the text field "text" is missing']
		]);
	});

	it('throws a FormatError at the first bad row in abort mode', async () => {
		const csv = run('malformed.csv', 'csv', read('malformed.csv'), { onError: 'abort' });
		await expect(csv).rejects.toThrow(FormatError);
		await expect(csv).rejects.toMatchObject({
			file: 'malformed.csv',
			line: 3,
			reason: 'expected 3 fields, found 4',
			message: 'malformed.csv, line 3: expected 3 fields, found 4'
		});
		await expect(
			run('malformed.jsonl', 'jsonl', read('malformed.jsonl'), { onError: 'abort' })
		).rejects.toMatchObject({ name: 'FormatError', file: 'malformed.jsonl', line: 2 });
		await expect(
			run('t.txt', 'text', `ok\n${'x'.repeat(1024 * 1024 + 1)}\n`, { onError: 'abort' })
		).rejects.toMatchObject({ line: 2, reason: 'the line is too long' });
	});

	it('reports an unterminated quote at the line it opens, in abort mode too', async () => {
		await expect(
			run('q.csv', 'csv', 'text,n\nfine,1\n"runs on,2\nand on,3\n', { onError: 'abort' })
		).rejects.toMatchObject({ line: 3, reason: 'a quoted field is never closed (missing ")' });
	});

	it('throws for files that cannot be read at all, whatever the policy', async () => {
		await expect(run('e.csv', 'csv', '')).rejects.toThrow('e.csv, line 1: the file is empty');
		await expect(run('e.csv', 'csv', '\uFEFF\r\n')).rejects.toThrow(/the file is empty/);
		await expect(run('h.csv', 'csv', 'a,b\n1,2\n')).rejects.toThrow(
			'h.csv, line 1: the header has no column "text" (columns: a, b)'
		);
		await expect(run('h.csv', 'csv', 'text,"b\n')).rejects.toThrow(/header row is malformed/);
		await expect(run('b.json', 'json', '[\n{"text": "a"},\n{"text": }\n]')).rejects.toMatchObject({
			file: 'b.json',
			reason: expect.stringMatching(/^not valid JSON/)
		});
		await expect(run('b.json', 'json', '[{"text": "a"},\n{"text" "b"}]')).rejects.toMatchObject({
			line: 2
		});
		await expect(run('b.json', 'json', '{"a": [], "b": []}')).rejects.toThrow(
			'several array fields (a, b)'
		);
		await expect(run('b.json', 'json', '42')).rejects.toThrow(/expected an array of objects/);
	});

	it('refuses a JSON document past the size limit, before reading the rest', async () => {
		let pulled = 0;
		async function* big(): AsyncGenerator<string> {
			for (let i = 0; i < 100; i++) {
				pulled++;
				yield i === 0 ? '[' : '{"text": "a"},'.repeat(100000);
			}
		}
		await expect(
			(async () => {
				for await (const b of importRows({
					file: 'big.json',
					format: 'json',
					chunks: big(),
					onError: 'skip',
					jsonMaxChars: 3 * 1048576
				}))
					expect(b).toBeDefined();
			})()
		).rejects.toThrow(
			'big.json: JSON files over 3 MB are not supported: use JSONL (one object per line)'
		);
		expect(pulled).toBe(4);
	});

	it('reads a header-only CSV, an empty text file and an empty JSONL file as no rows', async () => {
		expect((await run('h.csv', 'csv', '\uFEFFtext,rating\r\n')).rows).toEqual([]);
		expect((await run('e.txt', 'text', '')).rows).toEqual([]);
		expect((await run('e.jsonl', 'jsonl', '\n\n')).rows).toEqual([]);
		expect((await run('e.json', 'json', '[]')).rows).toEqual([]);
	});

	it('reads CRLF CSV with a BOM, embedded newlines and delimiters', async () => {
		const csv = '\uFEFFid,text\r\n1,"a, b\r\nc"\r\n2,"x ""y"""\r\n';
		const { rows } = await run('c.csv', 'csv', csv, {
			mapping: { textField: 'text', metaFields: ['id'] }
		});
		expect(rows).toEqual([
			{ line: 2, text: 'a, b\r\nc', meta: { id: '1' } },
			{ line: 4, text: 'x "y"', meta: { id: '2' } }
		]);
	});

	it('names blank and repeated header cells so they can be picked', async () => {
		const { rows } = await run('d.csv', 'csv', 'text,,text\nhello,x,y\n', {
			mapping: { textField: 'text', metaFields: ['column_2', 'text_2'] }
		});
		expect(rows).toEqual([{ line: 2, text: 'hello', meta: { column_2: 'x', text_2: 'y' } }]);
	});

	it('keeps at most maxProblems problems but counts them all', async () => {
		const text =
			'text,n\n' + Array.from({ length: 30 }, (_, i) => `row ${i},${i},extra\n`).join('');
		const batches = await batchesOf('many.csv', 'csv', [text], { maxProblems: 5 });
		expect(batches.flatMap((b) => b.problems)).toHaveLength(5);
		expect(batches.reduce((n, b) => n + b.problemCount, 0)).toBe(30);
	});
});

describe('importRows: batches and progress', () => {
	it('yields batches of batchSize rows with the characters read so far', async () => {
		const text = read('reviews.csv');
		const chunks = byteChunks(text, [100, 900, 2000]);
		const batches = await batchesOf('reviews.csv', 'csv', chunks, { batchSize: 10 });
		expect(batches.map((b) => b.rows.length)).toEqual([10, 10, 10, 10, 2]);
		const chars = batches.map((b) => b.charsRead);
		expect(chars).toEqual([...chars].sort((a, b) => a - b));
		expect(chars.at(-1)).toBe(text.length);
	});

	it('always ends with a batch, even for a file without rows', async () => {
		const batches = await batchesOf('h.csv', 'csv', ['text\n']);
		expect(batches).toEqual([{ rows: [], problems: [], problemCount: 0, charsRead: 5 }]);
	});

	it('stops reading when the consumer stops (cancel)', async () => {
		let pulled = 0;
		async function* counting(): AsyncGenerator<string> {
			for (let i = 0; i < 100; i++) {
				pulled++;
				yield i === 0 ? 'text\n' : `row ${i}\n`;
			}
		}
		for await (const b of importRows({
			file: 'x.csv',
			format: 'csv',
			chunks: counting(),
			batchSize: 3,
			onError: 'skip'
		})) {
			expect(b.rows).toHaveLength(3);
			break;
		}
		expect(pulled).toBe(4);
	});
});

describe('importRows: chunk boundaries', () => {
	const cases: [string, ImportFormat, ImportMapping | undefined][] = [
		['reviews.csv', 'csv', CSV_MAP],
		['reviews.tsv', 'tsv', CSV_MAP],
		['malformed.csv', 'csv', undefined],
		['reviews.jsonl', 'jsonl', { textField: 'review', metaFields: ['tags'] }],
		['malformed.jsonl', 'jsonl', undefined],
		['reviews.json', 'json', { textField: 'text', metaFields: ['id', 'rating'] }],
		['lines.txt', 'text', undefined]
	];
	const tricky =
		'\uFEFFtext,note\r\n"Crème brûlée 😀, ""great""\r\nreally",a\r\n' +
		'"日本語のレビュー",b\n"x\ry",c\r\nbad,"open\r\n';

	it.each(cases)(
		'gives the same rows and problems for any byte chunking of %s (seeded)',
		async (name, format, mapping) => {
			const text = read(name);
			const whole = await batchesOf(name, format, [text], { mapping, batchSize: 7 });
			const flat = (bs: ImportBatch[]) => ({
				rows: bs.flatMap((b) => b.rows),
				problems: bs.flatMap((b) => b.problems)
			});
			await fc.assert(
				fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
					const got = await batchesOf(name, format, byteChunks(text, cuts), {
						mapping,
						batchSize: 7
					});
					expect(flat(got)).toEqual(flat(whole));
				}),
				{ seed: 7331, numRuns: 150 }
			);
		}
	);

	it('gives the same CSV rows for every cut of a file with multi-byte characters and CRLF', async () => {
		const opts = { mapping: { textField: 'text', metaFields: ['note'] } };
		const whole = await run('t.csv', 'csv', tricky, opts);
		expect(whole.rows.map((r) => [r.line, r.text])).toEqual([
			[2, 'Crème brûlée 😀, "great"\r\nreally'],
			[4, '日本語のレビュー'],
			[5, 'x\ry']
		]);
		expect(whole.problems.map((p) => p.line)).toEqual([7]);
		const bytes = new TextEncoder().encode(tricky).length;
		for (let i = 0; i <= bytes; i++) {
			const batches = await batchesOf('t.csv', 'csv', byteChunks(tricky, [i]), opts);
			expect(batches.flatMap((b) => b.rows)).toEqual(whole.rows);
			expect(batches.flatMap((b) => b.problems)).toEqual(whole.problems);
		}
	});
});
