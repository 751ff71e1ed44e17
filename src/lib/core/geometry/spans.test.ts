import { describe, expect, it } from 'vitest';
import type { LabelId, Span } from '../types';
import { spanAdd, spanParagraphs, spanPieces, spanSnap, tokenBounds } from './spans';

const L = 'per' as LabelId;
const span = (id: string, start: number, end: number, label = L): Span => ({
	id,
	start,
	end,
	label
});

describe('spans', () => {
	const text = 'Ada Lovelace met Charles Babbage in London, 1833.';

	it('finds token boundaries', () => {
		const t = tokenBounds("It's e-mail, 3.5 kg!");
		expect(t.map((b) => "It's e-mail, 3.5 kg!".slice(b.start, b.end))).toEqual([
			"It's",
			'e-mail',
			',',
			'3.5',
			'kg',
			'!'
		]);
	});

	it('snaps a partial selection out to whole words and trims spaces', () => {
		// "velace me" → "Lovelace met"
		const s = spanSnap(text, 6, 15);
		expect(s && text.slice(s.start, s.end)).toBe('Lovelace met');
		const t = spanSnap(text, 3, 5);
		expect(t && text.slice(t.start, t.end)).toBe('Lovelace');
		expect(spanSnap(text, 3, 4)).toBeUndefined();
		const c = spanSnap(text, 36, 43);
		expect(c && text.slice(c.start, c.end)).toBe('London,');
	});

	it('is fast on a 100 KB document', () => {
		const big = 'word '.repeat(20_000);
		const t0 = performance.now();
		for (let i = 0; i < 1000; i++) spanSnap(big, 50_001 + i, 50_010 + i);
		expect(performance.now() - t0).toBeLessThan(200);
	});

	it('refuses overlaps unless allowed, and duplicates always', () => {
		const spans = [span('a', 0, 12)];
		expect(spanAdd(spans, span('b', 4, 12), false)).toEqual({ ok: false, reason: 'overlap' });
		expect(spanAdd(spans, span('b', 4, 12), true).ok).toBe(true);
		expect(spanAdd(spans, span('c', 0, 12), true)).toEqual({ ok: false, reason: 'duplicate' });
		expect(spanAdd(spans, span('d', 13, 16), false).ok).toBe(true);
	});

	it('cuts text into pieces with the spans covering each, nested spans included', () => {
		const pieces = spanPieces('abcdefgh', [span('outer', 1, 7), span('inner', 3, 5)]);
		expect(pieces.map((p) => [p.start, p.end, p.spans.map((s) => s.id).join('+')])).toEqual([
			[0, 1, ''],
			[1, 3, 'outer'],
			[3, 5, 'outer+inner'],
			[5, 7, 'outer'],
			[7, 8, '']
		]);
	});

	it('cuts a long paragraph into blocks after sentences or spaces, keeping spans whole', () => {
		const sentence = 'The cat sat on the mat. ';
		const long = sentence.repeat(20);
		const paras = spanParagraphs(`${long}\nend`, [span('x', 95, 110)], 100);
		const blocks = paras.slice(0, -1);
		// Every block but the last ends after a sentence, within the limit.
		for (const b of blocks.slice(0, -1)) {
			expect(b.end - b.start).toBeLessThanOrEqual(100);
			expect(long.slice(b.end - 2, b.end)).toBe('. ');
		}
		expect(paras.map((p) => p.cont)).toEqual([false, ...blocks.slice(1).map(() => true), false]);
		expect(paras.map((p) => p.end).at(-1)).toBe(long.length + 4);
		// The span crossing the first cut (at 96) shows in two pieces, one per block.
		const withX = paras.flatMap((p) => p.pieces).filter((p) => p.spans.some((s) => s.id === 'x'));
		expect(withX.map((p) => [p.start, p.end])).toEqual([
			[95, 96],
			[96, 110]
		]);
		// No spaces at all: hard cuts at the limit.
		expect(spanParagraphs('x'.repeat(250), [], 100).map((p) => p.end)).toEqual([100, 200, 250]);
	});

	it('groups pieces into paragraphs, splitting spans that cross a newline', () => {
		const paras = spanParagraphs('ab\ncd\n\nef', [span('x', 1, 4)]);
		expect(paras.map((p) => [p.start, p.end])).toEqual([
			[0, 3],
			[3, 6],
			[6, 7],
			[7, 9]
		]);
		expect(paras[0]?.pieces.map((p) => [p.start, p.end, p.spans.length])).toEqual([
			[0, 1, 0],
			[1, 3, 1]
		]);
		expect(paras[1]?.pieces.map((p) => [p.start, p.end, p.spans.length])).toEqual([
			[3, 4, 1],
			[4, 6, 0]
		]);
		expect(spanParagraphs('', [])).toEqual([{ start: 0, end: 0, cont: false, pieces: [] }]);
	});
});
