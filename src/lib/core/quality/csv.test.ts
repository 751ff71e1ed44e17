import { describe, expect, it } from 'vitest';
import { csvColumn, csvFormatRow, csvParse, FormatError } from './csv';

function formatError(fn: () => unknown): FormatError {
	try {
		fn();
	} catch (e) {
		if (e instanceof FormatError) return e;
		throw e;
	}
	throw new Error('expected a FormatError');
}

describe('csvParse', () => {
	it('reads a header, rows and the line of each row', () => {
		const t = csvParse('item,worker,label\r\na,w1,1\nb,w2,0\n', 'x.csv');
		expect(t.header).toEqual(['item', 'worker', 'label']);
		expect(t.rows).toEqual([
			['a', 'w1', '1'],
			['b', 'w2', '0']
		]);
		expect(t.lines).toEqual([2, 3]);
	});

	it('reads quoted fields with commas, doubled quotes and line breaks', () => {
		const t = csvParse('a,b\n"x, y","say ""hi""\nthere"\nz,\n', 'q.csv');
		expect(t.rows).toEqual([
			['x, y', 'say "hi"\nthere'],
			['z', '']
		]);
		expect(t.lines).toEqual([2, 4]);
	});

	it('strips a byte-order mark and accepts a missing final newline', () => {
		expect(csvParse('\uFEFFa\n1', 'b.csv').rows).toEqual([['1']]);
	});

	it('names the file and line of a ragged row', () => {
		const e = formatError(() => csvParse('item,worker,label\na,b,c\nd,e\n', 'answers.csv'));
		expect(e.file).toBe('answers.csv');
		expect(e.line).toBe(3);
		expect(e.message).toBe('answers.csv, line 3: expected 3 fields (item,worker,label), found 2');
	});

	it('rejects an empty file', () => {
		expect(formatError(() => csvParse('  \n', 'e.csv')).message).toBe('e.csv: empty file');
	});

	it('rejects stray and unterminated quotes with their lines', () => {
		expect(formatError(() => csvParse('a\nx"y\n', 'f')).line).toBe(2);
		expect(formatError(() => csvParse('a\n"x\n\n', 'f')).reason).toBe('unterminated quoted field');
		expect(formatError(() => csvParse('a\n"x"y\n', 'f')).line).toBe(2);
	});

	it('rejects blank lines between records but not at the end', () => {
		expect(formatError(() => csvParse('a\n1\n\n2\n', 'f')).line).toBe(3);
		expect(csvParse('a\n1\n\n\n', 'f').rows).toEqual([['1']]);
	});

	it('rejects duplicate and empty column names', () => {
		expect(formatError(() => csvParse('a,a\n1,2\n', 'f')).reason).toBe('duplicate column "a"');
		expect(formatError(() => csvParse('a,\n1,2\n', 'f')).line).toBe(1);
	});
});

describe('csvColumn', () => {
	it('finds a column or reports it missing on line 1', () => {
		const t = csvParse('item,label\nx,1\n', 'truth.csv');
		expect(csvColumn(t, 'label')).toBe(1);
		expect(formatError(() => csvColumn(t, 'worker')).message).toBe(
			'truth.csv, line 1: missing column "worker" (found: item, label)'
		);
	});
});

describe('csvFormatRow', () => {
	it('quotes only fields that need it and round-trips', () => {
		const row = csvFormatRow(['a', 'b,c', 'say "x"', 3]);
		expect(row).toBe('a,"b,c","say ""x""",3');
		expect(csvParse(`h1,h2,h3,h4\n${row}\n`, 'r').rows[0]).toEqual(['a', 'b,c', 'say "x"', '3']);
	});
});
