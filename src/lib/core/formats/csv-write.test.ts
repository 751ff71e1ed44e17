import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader } from './csv-reader';
import { csvCell, csvCellUnguard, csvRow } from './csv-write';

describe('csv-write', () => {
	it('quotes cells only when they hold a quote, comma or line break', () => {
		expect(csvCell('plain text')).toBe('plain text');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell('cr\r')).toBe('"cr\r"');
		expect(csvCell('')).toBe('');
	});

	it('guards cells a spreadsheet would run as a formula', () => {
		expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
		expect(csvCell('+1')).toBe("'+1");
		expect(csvCell('-1')).toBe("'-1");
		expect(csvCell('@cmd')).toBe("'@cmd");
		expect(csvCell('\tx')).toBe("'\tx");
		expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
		expect(csvCell("'=already")).toBe("''=already");
		expect(csvCell("it's = fine")).toBe("it's = fine");
		expect(csvCell('-1', false)).toBe('-1');
	});

	it('writes rows that read back to the same cells, guard undone (seeded)', () => {
		const cell = fc.string({
			unit: fc.constantFrom('a', ',', '"', '\n', '\r', "'", '=', '+', '-', '@', '\t', ' ', 'é'),
			maxLength: 8
		});
		fc.assert(
			fc.property(fc.array(cell, { minLength: 2, maxLength: 5 }), fc.boolean(), (cells, guard) => {
				const r = new CsvReader();
				const recs = [...r.push(csvRow(cells, guard) + '\r\n'), ...r.end()];
				expect(recs).toHaveLength(1);
				const back = recs[0]?.fields.map((c) => (guard ? csvCellUnguard(c) : c));
				expect(back).toEqual(cells);
			}),
			{ seed: 1234, numRuns: 1000 }
		);
	});
});
