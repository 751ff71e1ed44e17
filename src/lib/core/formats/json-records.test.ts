import { describe, expect, it } from 'vitest';
import { jsonElementsScan, jsonErrorDescribe, jsonRecordsOf } from './json-records';

describe('jsonElementsScan', () => {
	it('finds each element of a root array with its line and text', () => {
		const text = '[\n  {"a": "x]\\"},{"},\n  [1, 2],\n\n  "s", 3 ]';
		const els = jsonElementsScan(text);
		expect(els.map((e) => [e.line, text.slice(e.start, e.end)])).toEqual([
			[2, '{"a": "x]\\"},{"}'],
			[3, '[1, 2]'],
			[5, '"s"'],
			[5, '3']
		]);
	});

	it('finds the elements of the array field of a root object, not nested arrays', () => {
		const text = '{"meta": {"tags": [1, 2]},\n "rows": [\n  {"t": [3]},\n  {"t": 4}\n ]}';
		expect(jsonElementsScan(text).map((e) => e.line)).toEqual([3, 4]);
	});

	it('returns only whole elements of a cut-off text', () => {
		const text = '[{"a": 1}, {"a": 2}, {"a": ';
		expect(jsonElementsScan(text).map((e) => text.slice(e.start, e.end))).toEqual([
			'{"a": 1}',
			'{"a": 2}'
		]);
		expect(jsonElementsScan('[]')).toEqual([]);
		expect(jsonElementsScan('')).toEqual([]);
	});
});

describe('jsonRecordsOf', () => {
	it('takes a root array or the one array field of an object', () => {
		expect(jsonRecordsOf([1])).toEqual([1]);
		expect(jsonRecordsOf({ n: 1, rows: [2] })).toEqual([2]);
		expect(jsonRecordsOf({ a: [], b: [] })).toMatch(/several array fields \(a, b\)/);
		expect(jsonRecordsOf({ a: 1 })).toMatch(/expected an array/);
		expect(jsonRecordsOf('x')).toMatch(/expected an array/);
	});
});

describe('jsonErrorDescribe', () => {
	const describeParse = (text: string) => {
		try {
			JSON.parse(text);
		} catch (e) {
			return jsonErrorDescribe(text, e);
		}
		throw new Error('parsed');
	};

	it('gives the line of errors V8 locates, and a reason without the input quoted', () => {
		expect(describeParse('[1,\n2,\n{"a" 1}]')).toEqual({
			reason: "Expected ':' after property name",
			line: 3
		});
		// V8 gives no position for an unexpected token: no line rather than a wrong one.
		expect(describeParse('[1,\n2,\n,]').line).toBeUndefined();
		const r = describeParse('{"secret": }');
		expect(r.reason).not.toContain('secret');
		expect(r.reason.length).toBeGreaterThan(0);
	});

	it('reads the line from a "(line N column M)" message as newer V8 writes it', () => {
		expect(
			jsonErrorDescribe(
				'',
				new SyntaxError('Unexpected token in JSON at position 9 (line 4 column 2)')
			)
		).toEqual({ reason: 'Unexpected token', line: 4 });
	});
});
