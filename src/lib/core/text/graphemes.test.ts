import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spanSnap, tokenBounds } from '../geometry/spans';
import { rngFrom } from '../quality/rng';
import { fromCodePoints, graphemeSnap, isGraphemeBoundary, toCodePoints } from './graphemes';

interface Case {
	text: string;
	/** UTF-16 offsets where the Unicode file allows a break. */
	breaks: Set<number>;
	comment: string;
}

/** The 602 cases of Unicode 15.0's GraphemeBreakTest.txt (tests/fixtures/unicode/README.md). */
const CASES: Case[] = readFileSync('tests/fixtures/unicode/GraphemeBreakTest.txt', 'utf8')
	.split('\n')
	.filter((l) => l.startsWith('÷'))
	.map((line) => {
		const [body = '', comment = ''] = line.split('#');
		let text = '';
		const breaks = new Set<number>();
		for (const t of body.trim().split(/\s+/)) {
			if (t === '÷') breaks.add(text.length);
			else if (t !== '×') text += String.fromCodePoint(parseInt(t, 16));
		}
		return { text, breaks, comment };
	});

/**
 * The one case where this runtime's Unicode (newer than 15.0) breaks differently: U+2701 UPPER
 * BLADE SCISSORS is no longer Extended_Pictographic, so rule GB11 no longer joins it after a ZWJ.
 */
const CHANGED = (c: Case) => c.comment.includes('UPPER BLADE SCISSORS (Other) × [9.0] ZERO WIDTH');

describe('grapheme clusters', () => {
	it("the runtime's clusters are Unicode's, case for case (602 cases, one changed since 15.0)", () => {
		expect(CASES).toHaveLength(602);
		const differ = CASES.filter((c) => {
			for (let i = 0; i <= c.text.length; i++)
				if (isGraphemeBoundary(c.text, i) !== c.breaks.has(i)) return true;
			return false;
		});
		expect(differ.map((c) => c.comment.trim().slice(0, 60))).toEqual(
			CASES.filter(CHANGED).map((c) => c.comment.trim().slice(0, 60))
		);
	});

	it('no span end and no token boundary ever falls inside a cluster', () => {
		// Every case on its own line: a line feed always breaks (GB4, GB5) except after a CR (GB3),
		// so the file's breaks hold in the joined text.
		const parts = CASES.filter((c) => !CHANGED(c));
		let text = '';
		const breaks = new Set<number>([0]);
		for (const c of parts) {
			for (const b of c.breaks) breaks.add(text.length + b);
			text += c.text;
			if (!text.endsWith('\r')) breaks.add(text.length);
			text += '\nword\n';
			for (let i = text.length - 5; i <= text.length; i++) breaks.add(i);
		}
		const rng = rngFrom(23);
		let checked = 0;
		for (let k = 0; k < 3000; k++) {
			const a = Math.floor(rng() * (text.length + 1));
			const b = Math.min(text.length, a + Math.floor(rng() * 12));
			const g = graphemeSnap(text, a, b);
			expect(g.start <= a && g.end >= b).toBe(true);
			for (const r of [g, spanSnap(text, a, b)]) {
				if (!r) continue;
				expect(
					breaks.has(r.start) && breaks.has(r.end),
					`[${a}, ${b}) → [${r.start}, ${r.end})`
				).toBe(true);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(5000);
		for (const t of tokenBounds(text)) {
			expect(breaks.has(t.start) && breaks.has(t.end)).toBe(true);
		}
	});

	it('keeps an emoji family, a flag, a skin tone and Hebrew points whole', () => {
		const text = 'hi 👩‍👩‍👧 🇫🇷 👍🏽 שָׁלוֹם!';
		expect(tokenBounds(text).map((t) => text.slice(t.start, t.end))).toEqual([
			'hi',
			'👩‍👩‍👧',
			'🇫🇷',
			'👍🏽',
			'שָׁלוֹם',
			'!'
		]);
		// A selection ending inside the family widens to all of it.
		expect(graphemeSnap(text, 3, 5)).toEqual({ start: 3, end: 3 + '👩‍👩‍👧'.length });
	});

	it('converts UTF-16 offsets to code points and back', () => {
		const text = 'a😀b👩‍👩‍👧c';
		const units = [0, 1, 3, 4, 12, 13];
		const points = toCodePoints(text, units);
		expect(points).toEqual([0, 1, 2, 3, 8, 9]);
		expect(points.map((p) => [...text].slice(0, p).join('').length)).toEqual(units);
		expect(fromCodePoints(text, [9, 0, 2])).toEqual([13, 0, 3]);
	});
});

describe('grapheme clusters on a long text', () => {
	it('tokenizes 100 KB of emoji, Arabic and Hebrew without a pass over the text per token', () => {
		const line = 'ذهبت 👩‍👩‍👧 إلى 🇫🇷 שָׁלוֹם 👍🏽 ok.\n';
		const big = line.repeat(Math.ceil(100_000 / line.length));
		const t0 = performance.now();
		const tokens = tokenBounds(big);
		const ms = performance.now() - t0;
		// ذهبت · 👩‍👩‍👧 · إلى · 🇫🇷 · שָׁלוֹם · 👍🏽 · ok · . per line
		expect(tokens.length).toBe((big.length / line.length) * 8);
		// About 0.5 s alone; one Segmenter pass per token over the whole text took 50 s.
		expect(ms).toBeLessThan(3000);
	});
});
