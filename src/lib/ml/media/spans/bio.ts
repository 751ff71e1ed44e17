/**
 * BIO (IOB2) tags for character spans over tokens: encode the labeled spans of a text as one tag
 * per token, and decode a tag sequence back into spans, repairing invalid sequences (an `I-X`
 * that follows `O` or another label starts a new `X` span, as conlleval does).
 */

export interface TokenBound {
	start: number;
	end: number;
}

/** `O`, `B-label` or `I-label`. */
export type BioTag = string;

export interface LabeledRange {
	start: number;
	end: number;
	label: string;
}

/**
 * One tag per token: a token belongs to a span when it overlaps it. Spans that overlap each other
 * keep the first (by start, longest first); the tagger models flat entities only.
 */
export function bioEncode(tokens: readonly TokenBound[], spans: readonly LabeledRange[]): BioTag[] {
	const tags: BioTag[] = tokens.map(() => 'O');
	const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
	for (const s of sorted) {
		const idx: number[] = [];
		tokens.forEach((t, i) => {
			if (t.start < s.end && s.start < t.end) idx.push(i);
		});
		if (idx.length === 0 || idx.some((i) => tags[i] !== 'O')) continue;
		idx.forEach((i, k) => (tags[i] = (k === 0 ? 'B-' : 'I-') + s.label));
	}
	return tags;
}

/** The label of a tag, or undefined for `O` (or anything that is not `B-`/`I-`). */
export function bioLabel(tag: BioTag): string | undefined {
	return tag.startsWith('B-') || tag.startsWith('I-') ? tag.slice(2) : undefined;
}

/**
 * Spans of a tag sequence, as `[first token, last token]` ranges with their label. An `I-X` that
 * does not continue an `X` span is read as `B-X` (repair); `B-X` always starts a new span.
 */
export function bioDecodeTokens(
	tags: readonly BioTag[]
): { first: number; last: number; label: string }[] {
	const out: { first: number; last: number; label: string }[] = [];
	let cur: { first: number; last: number; label: string } | undefined;
	tags.forEach((tag, i) => {
		const label = bioLabel(tag);
		if (label === undefined) {
			cur = undefined;
			return;
		}
		if (tag.startsWith('I-') && cur && cur.label === label && cur.last === i - 1) {
			cur.last = i;
			return;
		}
		cur = { first: i, last: i, label };
		out.push(cur);
	});
	return out;
}

/** Character spans of a tag sequence over `tokens` (same length), with invalid `I-` repaired. */
export function bioDecode(tokens: readonly TokenBound[], tags: readonly BioTag[]): LabeledRange[] {
	return bioDecodeTokens(tags).map((r) => ({
		start: (tokens[r.first] as TokenBound).start,
		end: (tokens[r.last] as TokenBound).end,
		label: r.label
	}));
}
