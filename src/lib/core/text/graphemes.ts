/**
 * Grapheme clusters (what a reader sees as one character: an emoji with its skin tone or ZWJ
 * family, a flag's two regional indicators, a letter with its marks) and code point offsets.
 * Span offsets are UTF-16 code units, as the DOM and String#slice count them; these helpers keep
 * a span from ever ending inside a cluster, and convert to code points, as Python (spaCy) counts.
 * Clusters come from Intl.Segmenter (UAX #29, the runtime's Unicode version).
 */

let segmenter: Intl.Segmenter | undefined;
const graphemes = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));

const MARK = /\p{M}/u;
const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

/**
 * Whether a cluster can go on after the code unit `c` (UAX #29): CR (before LF), ZWJ (emoji
 * sequences), surrogates (emoji, modifiers, flags), marks (Indic conjuncts), Hangul syllables
 * and leading jamo, and prepended signs.
 */
function joinsNext(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	if (c === 0x0d || c === 0x200d || isSurrogate(c)) return true;
	if (c < 0x0300) return false;
	if ((c >= 0x1100 && c <= 0x11ff) || (c >= 0xa960 && c <= 0xa97f) || (c >= 0xac00 && c <= 0xd7a3))
		return true;
	// Prepend (GB9b) in the BMP: Arabic and Syriac number signs, Malayalam dot reph.
	if ((c >= 0x0600 && c <= 0x0605) || c === 0x06dd || c === 0x070f) return true;
	if (c === 0x0890 || c === 0x0891 || c === 0x08e2 || c === 0x0d4e) return true;
	return MARK.test(text[i] as string);
}

/**
 * Whether the code unit `c` can continue the cluster before it: marks (extend, spacing), ZWNJ,
 * ZWJ, surrogates, and Hangul vowel and trailing jamo.
 */
function joinsPrevious(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	if (c === 0x200c || c === 0x200d || isSurrogate(c)) return true;
	if (c < 0x0300) return false;
	if ((c >= 0x1160 && c <= 0x11ff) || (c >= 0xd7b0 && c <= 0xd7ff)) return true;
	return MARK.test(text[i] as string);
}

/** Whether offset `i` might fall inside a cluster (0 < i < text.length). */
const mightSplit = (text: string, i: number) => joinsNext(text, i - 1) || joinsPrevious(text, i);

/**
 * `[start, end)` of the cluster that holds the code unit at `i` (0 ≤ i < text.length). Segments
 * a window around `i`, widened while the cluster reaches its edge, so a long text costs no more
 * than a short one.
 */
export function graphemeAt(text: string, i: number): { start: number; end: number } {
	for (let half = 32; ; half *= 4) {
		const from = Math.max(0, i - half);
		const to = Math.min(text.length, i + half);
		const seg = graphemes()
			.segment(text.slice(from, to))
			.containing(i - from);
		if (!seg) return { start: i, end: i + 1 };
		const start = from + seg.index;
		const end = start + seg.segment.length;
		if ((start > from || from === 0) && (end < to || to === text.length)) return { start, end };
	}
}

/** Widens `[start, end)` so that both ends sit on cluster boundaries (never splits one). */
export function graphemeSnap(
	text: string,
	start: number,
	end: number
): { start: number; end: number } {
	let s = Math.max(0, Math.min(start, end, text.length));
	let e = Math.min(text.length, Math.max(start, end, 0));
	if (s > 0 && s < text.length && mightSplit(text, s)) s = graphemeAt(text, s).start;
	if (e > 0 && e < text.length && mightSplit(text, e)) {
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
