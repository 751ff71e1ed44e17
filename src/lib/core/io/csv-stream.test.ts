import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvRecord } from './csv-stream';

function readAll(chunks: string[], delim: ',' | '\t' = ','): CsvRecord[] {
	const r = new CsvReader(delim);
	const out: CsvRecord[] = [];
	for (const c of chunks) out.push(...r.push(c));
	out.push(...r.end());
	return out;
}

const SAMPLE =
	'\uFEFFid,text\r\n1,"hello, world"\r\n2,"multi\nline ""quoted"""\n3,plain\r\n\r\n4,"a\r\nb"\n5,last';

describe('CsvReader', () => {
	it('reads quoted fields, escaped quotes, CRLF and embedded newlines with start lines', () => {
		const recs = readAll([SAMPLE]);
		expect(recs.map((r) => [r.line, ...r.fields])).toEqual([
			[1, 'id', 'text'],
			[2, '1', 'hello, world'],
			[3, '2', 'multi\nline "quoted"'],
			[5, '3', 'plain'],
			[7, '4', 'a\r\nb'],
			[9, '5', 'last']
		]);
		expect(recs.every((r) => !r.problem)).toBe(true);
	});

	it('gives the same records for every way of cutting the input into chunks', () => {
		const whole = readAll([SAMPLE]);
		for (let i = 0; i <= SAMPLE.length; i++)
			for (const j of [i, Math.min(SAMPLE.length, i + 1), Math.min(SAMPLE.length, i + 3)])
				expect(readAll([SAMPLE.slice(0, i), SAMPLE.slice(i, j), SAMPLE.slice(j)])).toEqual(whole);
	});

	it('matches a reference parse on random tables cut at random places (seeded)', () => {
		const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é') });
		fc.assert(
			fc.property(
				fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
				fc.array(fc.nat(), { maxLength: 5 }),
				(table, cuts) => {
					const text = table
						.map((row) => row.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))
						.join('\r\n');
					const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
					const chunks: string[] = [];
					let prev = 0;
					for (const p of points) {
						chunks.push(text.slice(prev, p));
						prev = p;
					}
					chunks.push(text.slice(prev));
					const recs = readAll(chunks);
					expect(recs.map((r) => r.fields)).toEqual(table);
				}
			),
			{ seed: 20261128, numRuns: 300 }
		);
	});

	it('reports malformed records without stopping', () => {
		const recs = readAll(['a,b\n1,x"y\n2,"q"z\n3,"open\n4,ok']);
		expect(recs[1]).toMatchObject({ line: 2, problem: expect.stringMatching(/quote/) });
		expect(recs[2]).toMatchObject({
			line: 3,
			problem: expect.stringMatching(/after the closing quote/)
		});
		expect(recs[3]).toMatchObject({ line: 4, problem: expect.stringMatching(/never closed/) });
	});

	it('reads TSV', () => {
		expect(readAll(['a\tb\n"x\ty"\tz\n'], '\t').map((r) => r.fields)).toEqual([
			['a', 'b'],
			['x\ty', 'z']
		]);
	});
});
