import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineReader, type TextLine } from './line-reader';

function readAll(chunks: readonly string[], max?: number): TextLine[] {
	const r = new LineReader(max);
	return [...chunks.flatMap((c) => r.push(c)), ...r.end()];
}

describe('LineReader', () => {
	it('splits on LF and CR LF, numbers lines, strips a leading BOM and keeps blank lines', () => {
		expect(readAll(['\uFEFFa\r\n\nb\nc'])).toEqual([
			{ line: 1, text: 'a' },
			{ line: 2, text: '' },
			{ line: 3, text: 'b' },
			{ line: 4, text: 'c' }
		]);
		expect(readAll(['a\n'])).toEqual([{ line: 1, text: 'a' }]);
		expect(readAll([''])).toEqual([]);
	});

	it('gives the same lines for any chunking (seeded)', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: fc.constantFrom('a', '\n', '\r', '😀', '\uFEFF'), maxLength: 30 }),
				fc.array(fc.nat(), { maxLength: 6 }),
				(text, cuts) => {
					const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
					const chunks = [0, ...at].map((p, i) => text.slice(p, [...at, text.length][i]));
					expect(readAll(chunks)).toEqual(readAll([text]));
					expect(readAll(chunks, 3)).toEqual(readAll([text], 3));
				}
			),
			{ seed: 99, numRuns: 1000 }
		);
	});

	it('reports a line longer than the limit without keeping its text, then reads on', () => {
		expect(readAll(['ok\n', 'x'.repeat(10), 'y'.repeat(10), '\nok2\r\n'], 15)).toEqual([
			{ line: 1, text: 'ok' },
			{ line: 2, text: '', overlong: true },
			{ line: 3, text: 'ok2' }
		]);
		expect(readAll(['abc\r', '\n'], 3)).toEqual([{ line: 1, text: 'abc' }]);
	});
});
