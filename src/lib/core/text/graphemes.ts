/**
 * Grapheme clusters (what a reader sees as one character: an emoji with its skin tone or ZWJ
 * family, a flag's two regional indicators, a letter with its marks) and code point offsets.
 * Span offsets are UTF-16 code units, as the DOM and String#slice count them; these helpers keep
 * a span from ever ending inside a cluster, and convert to code points, as Python (spaCy) counts.
 * Clusters come from Intl.Segmenter (UAX #29, the runtime's Unicode version).
 */

let segmenter: Intl.Segmenter | undefined;
const graphemes = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

/**
 * Text of only characters that are each a cluster of their own (no CR, marks, joiners, astral
 * code points): no boundary to fix, so no Segmenter call.
 */
const SIMPLE =
	/^[\u0000-\u000c\u000e-\u02ff\u0370-\u0482\u048a-\u058f\u2000-\u200c\u200e-\u20cf\u2100-\u2bff]*$/;

/** `[start, end)` of the cluster that holds the code unit at `i` (0 ≤ i < text.length). */
export function graphemeAt(text: string, i: number): { start: number; end: number } {
	const seg = graphemes().segment(text).containing(i);
	if (!seg) return { start: i, end: i + 1 };
	return { start: seg.index, end: seg.index + seg.segment.length };
}

/** Widens `[start, end)` so that both ends sit on cluster boundaries (never splits one). */
export function graphemeSnap(
	text: string,
	start: number,
	end: number
): { start: number; end: number } {
	let s = Math.max(0, Math.min(start, end, text.length));
	let e = Math.min(text.length, Math.max(start, end, 0));
	if (SIMPLE.test(text)) return { start: s, end: e };
	if (s > 0 && s < text.length) s = graphemeAt(text, s).start;
	if (e > 0 && e < text.length) {
		const g = graphemeAt(text, e - 1);
		if (g.end > e) e = g.end;
	}
	return { start: s, end: Math.max(s, e) };
}

/** Whether `i` is a cluster boundary of `text` (0 and text.length are). */
export function isGraphemeBoundary(text: string, i: number): boolean {
	if (i <= 0 || i >= text.length) return true;
	return graphemeAt(text, i).start === i;
}

/** Code point offsets of the UTF-16 offsets `offsets` (any order), in one pass over the text. */
export function toCodePoints(text: string, offsets: readonly number[]): number[] {
	const order = offsets
		.map((_, i) => i)
		.sort((a, b) => (offsets[a] as number) - (offsets[b] as number));
	const out = new Array<number>(offsets.length);
	let unit = 0;
	let cp = 0;
	for (const k of order) {
		const target = Math.min(offsets[k] as number, text.length);
		while (unit < target) {
			const c = text.charCodeAt(unit);
			unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length ? 2 : 1;
			cp++;
		}
		out[k] = cp;
	}
	return out;
}

/** UTF-16 offsets of the code point offsets `points` (any order), in one pass over the text. */
export function fromCodePoints(text: string, points: readonly number[]): number[] {
	const order = points
		.map((_, i) => i)
		.sort((a, b) => (points[a] as number) - (points[b] as number));
	const out = new Array<number>(points.length);
	let unit = 0;
	let cp = 0;
	for (const k of order) {
		const target = points[k] as number;
		while (cp < target && unit < text.length) {
			const c = text.charCodeAt(unit);
			unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length ? 2 : 1;
			cp++;
		}
		out[k] = unit;
	}
	return out;
}
