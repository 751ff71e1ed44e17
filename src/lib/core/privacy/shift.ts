/**
 * Character spans (NER, keywords) of a redacted text: each span moves with the text so it still
 * covers the same words. A span boundary inside a redacted range cannot keep its place (those
 * characters are gone): the span is widened to the whole placeholder, and counted as `widened`
 * so the caller can say so. A span entirely inside a redaction (e.g. `Garcia` of a redacted
 * `Maria Garcia`) becomes the placeholder itself. Pure.
 */
import type { Span } from '../types';
import type { RedactionEdit } from './redact';

/** Where offset `pos` of the original text is in the redacted one; `side` says which way to snap inside an edit. */
export function offsetShift(
	edits: readonly RedactionEdit[],
	pos: number,
	side: 'start' | 'end'
): { pos: number; inside: boolean } {
	let delta = 0;
	for (const e of edits) {
		if (pos <= e.start) break;
		if (pos < e.end) return { pos: side === 'start' ? e.to : e.toEnd, inside: true };
		delta = e.toEnd - e.end;
	}
	return { pos: pos + delta, inside: false };
}

export interface SpansShifted<S> {
	spans: S[];
	/** Spans whose offsets changed. */
	moved: number;
	/** Spans with a boundary inside a redacted range: widened to the whole placeholder. */
	widened: number;
}

/** The spans of a text after `edits` (sorted, non-overlapping, as `redactEdits` gives them). */
export function spansShift<S extends Pick<Span, 'start' | 'end'>>(
	spans: readonly S[],
	edits: readonly RedactionEdit[]
): SpansShifted<S> {
	if (edits.length === 0) return { spans: [...spans], moved: 0, widened: 0 };
	let moved = 0;
	let widened = 0;
	const out = spans.map((s) => {
		const a = offsetShift(edits, s.start, 'start');
		const b = offsetShift(edits, s.end, 'end');
		if (a.inside || b.inside) widened++;
		if (a.pos === s.start && b.pos === s.end) return s;
		moved++;
		return { ...s, start: a.pos, end: b.pos };
	});
	return { spans: out, moved, widened };
}
