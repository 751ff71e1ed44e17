/**
 * The text of a PDF page as spans count it: pdf.js's text items (`getTextContent()`, one per run
 * of text) in order, each followed by a line break when pdf.js marks it as ending a line
 * (`hasEOL`). Offsets are UTF-16 code units in that text, so a span is (page, start, end) and
 * the text it covers can be read back without the PDF. Pure.
 */

/** The part of a text item spans need (pdf.js's `TextItem` has more). */
export interface PdfTextRun {
	str: string;
	hasEOL: boolean;
}

export interface PageText {
	text: string;
	/** Where each run starts in `text` (one per run, in order). */
	starts: number[];
}

/** The page's text and where each run of it starts. Marked-content entries (no `str`) are skipped. */
export function pageText(items: readonly (PdfTextRun | { str?: undefined })[]): PageText {
	let text = '';
	const starts: number[] = [];
	for (const it of items) {
		if (typeof it.str !== 'string') continue;
		starts.push(text.length);
		text += it.str;
		if ((it as PdfTextRun).hasEOL) text += '\n';
	}
	return { text, starts };
}

/** The page offset of character `offset` in run `run` (clamped to the run's text). */
export function pageOffset(
	p: PageText,
	runs: readonly string[],
	run: number,
	offset: number
): number {
	const at = p.starts[run];
	if (at === undefined) return p.text.length;
	return at + Math.max(0, Math.min(offset, runs[run]?.length ?? 0));
}

/** The pieces of runs that `[start, end)` covers: run index and the range in that run's text. */
export function pageRunRanges(
	p: PageText,
	runs: readonly string[],
	start: number,
	end: number
): { run: number; from: number; to: number }[] {
	const out: { run: number; from: number; to: number }[] = [];
	for (let i = 0; i < runs.length; i++) {
		const s = p.starts[i] as number;
		const len = (runs[i] as string).length;
		const from = Math.max(start, s) - s;
		const to = Math.min(end, s + len) - s;
		if (to > from) out.push({ run: i, from, to });
	}
	return out;
}

/** `[start, end)` moved inwards past white space; empty (start === end) when only space is left. */
export function pageRangeTrim(text: string, start: number, end: number): [number, number] {
	let a = Math.max(0, Math.min(start, end));
	let b = Math.min(text.length, Math.max(start, end));
	while (a < b && /\s/.test(text[a] as string)) a++;
	while (b > a && /\s/.test(text[b - 1] as string)) b--;
	return [a, b];
}
