import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { importFormatDetect, importPreview } from './import-preview';

const read = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');

describe('importFormatDetect', () => {
	it('goes by extension first', () => {
		expect(importFormatDetect('a.csv', '')).toBe('csv');
		expect(importFormatDetect('a.TSV', '')).toBe('tsv');
		expect(importFormatDetect('a.tab', '')).toBe('tsv');
		expect(importFormatDetect('a.ndjson', '')).toBe('jsonl');
		expect(importFormatDetect('a.jsonl', '')).toBe('jsonl');
		expect(importFormatDetect('a.txt', '{"a":1}')).toBe('text');
	});

	it('tells JSON Lines from JSON in a .json file', () => {
		expect(importFormatDetect('a.json', '{"a":1}\n{"a":2}\n')).toBe('jsonl');
		expect(importFormatDetect('a.json', '\uFEFF{"a":1}\r\n{"a":2}')).toBe('jsonl');
		expect(importFormatDetect('a.json', '[{"a":1}]')).toBe('json');
		expect(importFormatDetect('a.json', '{\n "rows": [\n  {"a": 1}\n ]\n}')).toBe('json');
	});

	it('sniffs the content without a known extension', () => {
		expect(importFormatDetect('data', '[1]')).toBe('json');
		expect(importFormatDetect('data', '{"a":1}\n{"a":2}')).toBe('jsonl');
		expect(importFormatDetect('data', 'x\ty\n1\t2')).toBe('tsv');
		expect(importFormatDetect('data', 'x,y\n1,2')).toBe('csv');
		expect(importFormatDetect('data', 'just words\n')).toBe('text');
	});
});

describe('importPreview', () => {
	it('offers CSV columns with sample rows and suggests the text column', () => {
		const p = importPreview('reviews.csv', read('reviews.csv'), 'csv', { sampleSize: 3 });
		expect(p.fields).toEqual(['id', 'text', 'rating', 'product']);
		expect(p.suggestedTextField).toBe('text');
		expect(p.sample).toHaveLength(3);
		expect(p.sample[0]).toMatchObject({ id: 'r1', rating: '5', product: 'headphones' });
	});

	it('leaves out a record cut off by the end of the head unless told the head is complete', () => {
		const head = 'id,body\n1,first\n2,"second, cut';
		expect(importPreview('a.csv', head, 'csv').sample).toEqual([{ id: '1', body: 'first' }]);
		const whole = 'id,body\n1,first\n2,last';
		expect(importPreview('a.csv', whole, 'csv', { complete: true }).sample).toHaveLength(2);
	});

	it('suggests the column with the longest values when no name fits', () => {
		const p = importPreview('a.tsv', 'k\tlong\tn\nx\tsome long words here\t1\n', 'tsv');
		expect(p.suggestedTextField).toBe('long');
	});

	it('offers JSONL and JSON fields, nested values as JSON, and only string fields for text', () => {
		const j = importPreview('reviews.jsonl', read('reviews.jsonl'), 'jsonl');
		expect(j.fields).toEqual(['id', 'review', 'rating', 'tags']);
		expect(j.suggestedTextField).toBe('review');
		expect(j.sample[0]?.tags).toBe('{"product":"headphones"}');
		const cut = read('reviews.json').slice(0, 300);
		const p = importPreview('reviews.json', cut, 'json');
		expect(p.fields).toEqual(['id', 'text', 'rating']);
		expect(p.sample.length).toBeGreaterThan(0);
		expect(p.sample.length).toBeLessThan(10);
		const nums = importPreview('n.jsonl', '{"n": 12345678901234, "s": "a"}\n', 'jsonl');
		expect(nums.suggestedTextField).toBe('s');
	});

	it('offers one text field for plain text', () => {
		const p = importPreview('lines.txt', read('lines.txt'), 'text', { sampleSize: 2 });
		expect(p).toEqual({
			fields: ['text'],
			sample: [
				{ text: 'Arrived two days early and works perfectly. Very happy with it.' },
				{ text: 'The battery died after a week. Returned it.' }
			],
			suggestedTextField: 'text'
		});
	});

	it('throws a FormatError for a CSV without a header row', () => {
		expect(() => importPreview('e.csv', '', 'csv')).toThrow(FormatError);
	});
});
