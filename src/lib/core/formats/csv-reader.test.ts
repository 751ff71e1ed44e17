import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvReaderOptions, type CsvRecord } from './csv-reader';

function readAll(chunks: readonly string[], opts: CsvReaderOptions = {}): CsvRecord[] {
	const r = new CsvReader(opts);
	const out: CsvRecord[] = [];
	for (const c of chunks) out.push(...r.push(c));
	out.push(...r.end());
	return out;
}

const rows = (recs: CsvRecord[]) => recs.map((r) => [r.line, ...r.fields]);

/** Cuts `text` at the given offsets (any order, repeats allowed). */
function cut(text: string, points: readonly number[]): string[] {
	const at = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
	const out: string[] = [];
	let prev = 0;
	for (const p of at) {
		out.push(text.slice(prev, p));
		prev = p;
	}
	out.push(text.slice(prev));
	return out;
}

const SAMPLE =
	'\uFEFFid,text\r\n1,"hello, world"\r\n2,"multi\nline ""quoted"""\n3,plain\r\n\r\n' +
	'4,"a\r\nb"\n5,"x\ry",\r6,"é😀"\n7,last';

describe('CsvReader', () => {
	it('reads quoted fields, escaped quotes, CRLF, CR, blank lines and embedded newlines with start lines', () => {
		const recs = readAll([SAMPLE]);
		expect(rows(recs)).toEqual([
			[1, 'id', 'text'],
			[2, '1', 'hello, world'],
			[3, '2', 'multi\nline "quoted"'],
			[5, '3', 'plain'],
			[7, '4', 'a\r\nb'],
			[9, '5', 'x\ry', ''],
			[11, '6', 'é😀'],
			[12, '7', 'last']
		]);
		expect(recs.every((r) => r.problem === undefined)).toBe(true);
	});

	it('gives the same records for every cut of a small file into two and three chunks', () => {
		const whole = readAll([SAMPLE]);
		for (let i = 0; i <= SAMPLE.length; i++) {
			expect(readAll([SAMPLE.slice(0, i), SAMPLE.slice(i)])).toEqual(whole);
			for (let j = i; j <= SAMPLE.length; j++)
				expect(readAll([SAMPLE.slice(0, i), SAMPLE.slice(i, j), SAMPLE.slice(j)])).toEqual(whole);
		}
	});

	it('reads one character at a time the same as whole', () => {
		expect(readAll([...SAMPLE.split('')])).toEqual(readAll([SAMPLE]));
	});

	it('matches the table it was written from, with start lines, for any chunking (seeded)', () => {
		const cell = fc.string({
			unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '\t'),
			maxLength: 6
		});
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 4 }).chain((width) =>
					fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
						minLength: 1,
						maxLength: 6
					})
				),
				fc.constantFrom('\n', '\r\n', '\r'),
				fc.boolean(),
				fc.array(fc.nat(), { maxLength: 6 }),
				(table, eol, trailingEol, cuts) => {
					// Quote every cell that needs it, and some that don't; a lone empty cell must be
					// quoted, or its row would be a blank line.
					const enc = (c: string, i: number) =>
						/[",\r\n]/.test(c) || c === '' || i % 2 === 1 ? `"${c.replaceAll('"', '""')}"` : c;
					const lines = table.map((r) => r.map(enc).join(','));
					const text = lines.join(eol) + (trailingEol ? eol : '');
					const breaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;
					let offset = 0;
					const starts = lines.map((l) => {
						const line = 1 + breaks(text.slice(0, offset));
						offset += l.length + eol.length;
						return line;
					});
					const recs = readAll(cut(text, cuts));
					expect(recs.map((r) => r.fields)).toEqual(table);
					expect(recs.map((r) => r.line)).toEqual(starts);
					expect(recs.every((r) => r.problem === undefined)).toBe(true);
				}
			),
			{ seed: 20261129, numRuns: 500 }
		);
	});

	it('gives the same records and problems for any chunking of arbitrary text (seeded)', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '\t', '😀'), maxLength: 40 }),
				fc.array(fc.nat(), { maxLength: 8 }),
				(text, cuts) => {
					expect(readAll(cut(text, cuts))).toEqual(readAll([text]));
					expect(readAll(cut(text, cuts), { delimiter: '\t', strictQuotes: false })).toEqual(
						readAll([text], { delimiter: '\t', strictQuotes: false })
					);
				}
			),
			{ seed: 4242, numRuns: 1000 }
		);
	});

	it('reports a stray quote, text after a closing quote and an unterminated quote, and keeps going', () => {
		const recs = readAll(['a,b\n1,x"y\n2,"q"z\n3,ok\n4,"open\n5,still inside']);
		expect(recs.map((r) => [r.line, r.problem])).toEqual([
			[1, undefined],
			[2, 'a quote (") inside a field that does not start with a quote'],
			[3, 'text after the closing quote of a field'],
			[4, undefined],
			[5, 'a quoted field is never closed (missing ")']
		]);
		expect(recs[4]?.fields).toEqual(['4', 'open\n5,still inside']);
	});

	it('reads TSV, with quotes inside unquoted fields as plain characters', () => {
		const recs = readAll(['a\tb\n"x\ty"\tz\n5" screen\tok\n'], {
			delimiter: '\t',
			strictQuotes: false
		});
		expect(recs.map((r) => r.fields)).toEqual([
			['a', 'b'],
			['x\ty', 'z'],
			['5" screen', 'ok']
		]);
		expect(recs.every((r) => r.problem === undefined)).toBe(true);
	});

	it('keeps empty fields, a trailing delimiter and a quoted empty record', () => {
		expect(readAll(['a,,\n""\n,']).map((r) => r.fields)).toEqual([['a', '', ''], [''], ['', '']]);
	});

	it('reads nothing from empty input, blank lines or a lone BOM', () => {
		expect(readAll([''])).toEqual([]);
		expect(readAll(['\n\r\n\r'])).toEqual([]);
		expect(readAll(['\uFEFF'])).toEqual([]);
	});

	it('strips the BOM only at the very start', () => {
		expect(readAll(['\uFEFFa,\uFEFFb']).map((r) => r.fields)).toEqual([['a', '\uFEFFb']]);
	});

	it('reports an overlong record and drops its text, then reads on', () => {
		const recs = readAll(['x,y\n"', 'a'.repeat(50), '\nb",c\nd,e\n'], { maxRecordChars: 20 });
		expect(recs[1]).toMatchObject({ line: 2, problem: expect.stringMatching(/longer than 20/) });
		expect(recs[1]?.fields.join('').length).toBeLessThanOrEqual(20);
		expect(recs[2]).toEqual({ line: 4, fields: ['d', 'e'] });
	});
});
