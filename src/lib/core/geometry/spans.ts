/**
 * Character spans of a text: token boundaries, snapping a selection to whole tokens, overlap
 * rules. Offsets are UTF-16 code units, as the DOM's Selection and String#slice use; no span end
 * falls inside a grapheme cluster (core/text/graphemes.ts).
 */
import { graphemeSnap } from '../text/graphemes';
import type { Span } from '../types';

/** Tokens: runs of letters/digits (with inner apostrophes, hyphens or dots), or one other non-space char. */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;

/**
 * `[start, end)` of every token, in order. A token never splits a grapheme cluster: an emoji's
 * ZWJ sequence, skin tone or flag pair is one token. Linear in the text length.
 */
export function tokenBounds(text: string): { start: number; end: number }[] {
	const out: { start: number; end: number }[] = [];
	for (const m of text.matchAll(TOKEN)) {
		const { start, end } = graphemeSnap(text, m.index, m.index + m[0].length);
		const last = out[out.length - 1];
		if (last && start < last.end) last.end = Math.max(last.end, end);
		else out.push({ start, end });
	}
	return out;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/**
 * Widens `[start, end)` to whole tokens and trims surrounding whitespace. A selection that
 * touches part of a word takes the whole word; one of only whitespace gives undefined.
 * Scans outward from the selection, so it stays fast on 100 KB documents.
 */
export function spanSnap(
	text: string,
	start: number,
	end: number
): { start: number; end: number } | undefined {
	let s = Math.max(0, Math.min(start, end));
	let e = Math.min(text.length, Math.max(start, end));
	while (s < e && isSpace(text[s])) s++;
	while (e > s && isSpace(text[e - 1])) e--;
	if (s >= e) return undefined;
	const word = /[\p{L}\p{N}\p{M}]/u;
	const joiner = /['’.-]/u;
	const inWord = (i: number) => {
		const c = text[i];
		if (c === undefined) return false;
		if (word.test(c)) return true;
		return joiner.test(c) && word.test(text[i - 1] ?? '') && word.test(text[i + 1] ?? '');
	};
	if (inWord(s)) while (s > 0 && inWord(s - 1)) s--;
	if (inWord(e - 1)) while (e < text.length && inWord(e)) e++;
	return graphemeSnap(text, s, e);
}

export function spansOverlap(
	a: { start: number; end: number },
	b: { start: number; end: number }
): boolean {
	return a.start < b.end && b.start < a.end;
}

/** Spans sorted by start, then longest first (so nested spans follow their parent). */
export function spansSorted<S extends { start: number; end: number }>(spans: readonly S[]): S[] {
	return [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
}

export type SpanAddResult =
	{ ok: true; spans: Span[] } | { ok: false; reason: 'overlap' | 'duplicate' };

/**
 * Adds a span unless it duplicates one (same range and label) or, when overlap is not allowed,
 * overlaps any. Returns a new array.
 */
export function spanAdd(spans: readonly Span[], span: Span, allowOverlap: boolean): SpanAddResult {
	if (spans.some((s) => s.start === span.start && s.end === span.end && s.label === span.label))
		return { ok: false, reason: 'duplicate' };
	if (!allowOverlap && spans.some((s) => spansOverlap(s, span)))
		return { ok: false, reason: 'overlap' };
	return { ok: true, spans: [...spans, span] };
}

/**
 * Splits the text into pieces at every span boundary, each with the spans covering it: what a
 * view renders as nested marks. O((n + k) log k) for k spans, independent of the text length
 * beyond the slices.
 */
export function spanPieces<S extends Span>(
	text: string,
	spans: readonly S[],
	extraCuts: Iterable<number> = []
): { start: number; end: number; spans: S[] }[] {
	const cuts = new Set<number>([0, text.length, ...extraCuts]);
	for (const s of spans) {
		cuts.add(Math.min(s.start, text.length));
		cuts.add(Math.min(s.end, text.length));
	}
	const points = [...cuts].sort((a, b) => a - b);
	const sorted = spansSorted(spans);
	const out: { start: number; end: number; spans: S[] }[] = [];
	let active: S[] = [];
	let k = 0;
	for (let i = 0; i < points.length - 1; i++) {
		const start = points[i] as number;
		const end = points[i + 1] as number;
		while (k < sorted.length && (sorted[k] as S).start <= start) active.push(sorted[k++] as S);
		active = active.filter((s) => s.end > start);
		out.push({ start, end, spans: active.slice() });
	}
	return out;
}

export interface Paragraph<S extends Span> {
	start: number;
	end: number;
	/** True for the second and later blocks of a paragraph cut because it was too long. */
	cont: boolean;
	pieces: { start: number; end: number; spans: S[] }[];
}

/** Paragraphs longer than this many characters are shown as several blocks. */
export const PARAGRAPH_MAX_CHARS = 2000;

/**
 * Where to cut `text[start, end)` into blocks of at most `max` characters: after a sentence end
 * (`. `, `! `, `? `) in the second half of each block, else after the last space, else at `max`.
 */
function paragraphCuts(text: string, start: number, end: number, max: number): number[] {
	const cuts: number[] = [];
	let from = start;
	while (end - from > max) {
		const limit = from + max;
		let cut = -1;
		for (let i = limit - 1; i > from + max / 2 && cut < 0; i--)
			if (text[i] === ' ' && /[.!?]/.test(text[i - 1] ?? '')) cut = i + 1;
		if (cut < 0) {
			const sp = text.lastIndexOf(' ', limit - 1);
			cut = sp > from ? sp + 1 : limit;
		}
		cuts.push(cut);
		from = cut;
	}
	return cuts;
}

/**
 * The text as paragraphs (each ends after its newline) of pieces. Views render one block per
 * paragraph, so a new span re-lays out one paragraph instead of a whole 100 KB document, and
 * off-screen paragraphs can skip layout entirely. A paragraph longer than `max` characters is
 * cut into blocks (marked `cont`), so one long paragraph is as cheap to update as short ones.
 */
export function spanParagraphs<S extends Span>(
	text: string,
	spans: readonly S[],
	max = PARAGRAPH_MAX_CHARS
): Paragraph<S>[] {
	const ends: number[] = [];
	const cont = new Set<number>();
	let from = 0;
	const close = (end: number) => {
		for (const c of paragraphCuts(text, from, end, max)) {
			ends.push(c);
			cont.add(c);
		}
		ends.push(end);
		from = end;
	};
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) close(i + 1);
	if (from !== text.length || ends.length === 0) close(text.length);
	const pieces = spanPieces(text, spans, ends);
	const out: Paragraph<S>[] = [];
	let k = 0;
	let start = 0;
	for (const end of ends) {
		const own: Paragraph<S>['pieces'] = [];
		while (k < pieces.length && (pieces[k] as { end: number }).end <= end)
			own.push(pieces[k++] as Paragraph<S>['pieces'][number]);
		out.push({ start, end, cont: cont.has(start), pieces: own });
		start = end;
	}
	return out;
}
