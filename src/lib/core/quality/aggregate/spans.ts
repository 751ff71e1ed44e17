/**
 * Consensus spans by token-level Dawid–Skene over BIO tags: each annotator's spans become one
 * tag per token of the text (`B-label` on a span's first token, `I-label` on the rest, `O`
 * elsewhere); every (text, token) is an item, every tag a class, and Dawid–Skene learns each
 * annotator's confusion between tags over all texts (so a habit such as starting spans one
 * token late is learned once); the tags with the highest posterior are read back into spans,
 * an `I-x` that does not follow a `B-x` or `I-x` starting a span of its own (the usual repair).
 *
 * Token-level crowd sequence labelling with per-annotator confusion: Nguyen, Wallace, Li, Nenkova
 * and Lease. Aggregating and Predicting Sequence Labels from Crowd Annotations. ACL 2017 (their
 * "token-wise" Dawid–Skene baseline); BIO tags: Ramshaw and Marcus, 1995.
 */
import { tokenBounds } from '../../geometry/spans';
import type { Span } from '../rules/types';
import { dawidSkene } from './dawid-skene';
import { majorityVote } from './majority';
import type { Answer } from './types';

export interface SpanText {
	text: string;
	/** Each annotator's spans on this text (an empty list: saw it, marked nothing). */
	spans: ReadonlyMap<string, readonly Span[]>;
}

/** BIO tag of every token for one annotator's spans (a token overlapping a span is in it). */
export function bioTags(
	tokens: readonly { start: number; end: number }[],
	spans: readonly Span[]
): string[] {
	const tags = tokens.map(() => 'O');
	for (const [start, end, label] of [...spans].sort((a, b) => a[0] - b[0])) {
		let first = true;
		tokens.forEach((t, i) => {
			if (t.end <= start || t.start >= end) return;
			tags[i] = `${first ? 'B' : 'I'}-${label}`;
			first = false;
		});
	}
	return tags;
}

/** Spans (character offsets) from one tag per token; a stray `I-x` starts a span. */
export function bioSpans(
	tokens: readonly { start: number; end: number }[],
	tags: readonly string[]
): Span[] {
	const out: Span[] = [];
	let open: [number, number, string] | undefined;
	tags.forEach((tag, i) => {
		const t = tokens[i] as { start: number; end: number };
		const label = tag.slice(2);
		if (tag.startsWith('I-') && open && open[2] === label) {
			open[1] = t.end;
			return;
		}
		if (open) out.push(open);
		open = tag === 'O' ? undefined : [t.start, t.end, label];
	});
	if (open) out.push(open);
	return out;
}

/** Consensus spans per text (see the header); `method: 'mv'` votes each token's tag instead. */
export function spansAggregate(
	texts: ReadonlyMap<string, SpanText>,
	options: { method?: 'ds' | 'mv'; seed?: number } = {}
): Map<string, Span[]> {
	const tokensOf = new Map<string, { start: number; end: number }[]>();
	const answers: Answer[] = [];
	for (const [id, t] of texts) {
		const tokens = tokenBounds(t.text);
		tokensOf.set(id, tokens);
		for (const [annotator, spans] of t.spans)
			bioTags(tokens, spans).forEach((tag, i) =>
				answers.push({ item: `${id}\u0000${i}`, worker: annotator, label: tag })
			);
	}
	const out = new Map<string, Span[]>([...texts.keys()].map((id) => [id, []]));
	if (answers.length === 0) return out;
	const run = options.method === 'mv' ? majorityVote : dawidSkene;
	const r = run(answers, { classes: ['O'], seed: options.seed ?? 0 });
	const tags = new Map<string, string[]>();
	r.items.forEach((item, k) => {
		const cut = item.lastIndexOf('\u0000');
		const id = item.slice(0, cut);
		const list = tags.get(id) ?? (tokensOf.get(id) ?? []).map(() => 'O');
		list[Number(item.slice(cut + 1))] = r.labels[k] as string;
		tags.set(id, list);
	});
	for (const [id, list] of tags) out.set(id, bioSpans(tokensOf.get(id) ?? [], list));
	return out;
}
