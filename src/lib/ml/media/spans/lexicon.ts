/**
 * Dictionary and pattern suggestions learned from the spans already labeled. A dictionary entry
 * is a labeled surface form (case-folded, whole tokens); a pattern is the token-shape sequence of
 * labeled spans (e.g. `d-d-d` for ISO dates, `x @ x.x` for e-mails). Each keeps its precision on
 * the labeled documents (how often a match there was labeled so), and only reliable ones are kept.
 */
import { tokenBounds } from '$lib/core/geometry/spans';
import type { LabeledRange } from './bio';
import { tokenShape } from './features';
import type { TaggedSpan, TaggerDoc } from './tagger';

export interface LexiconEntry {
	/** Case-folded tokens joined by one space (dictionary), or shapes joined by one space (pattern). */
	key: string;
	tokens: number;
	label: string;
	/** Share of the key's matches in labeled documents that carried `label`, 0–1. */
	precision: number;
	support: number;
}

export interface Lexicon {
	kind: 'span-lexicon';
	dictionary: LexiconEntry[];
	patterns: LexiconEntry[];
}

export interface LexiconOptions {
	/** Keep entries at least this precise (default 0.5 for words, 0.8 for patterns). */
	minPrecision?: number;
	minPatternPrecision?: number;
	/** Patterns need this many labeled examples (default 3). */
	minPatternSupport?: number;
	/** Longest entry in tokens (default 6). */
	maxTokens?: number;
}

type Key = (words: readonly string[]) => string;
const wordKey: Key = (ws) => ws.map((w) => w.toLowerCase()).join(' ');
const shapeKey: Key = (ws) => ws.map(tokenShape).join(' ');

interface Tokenized {
	words: string[];
	bounds: { start: number; end: number }[];
}

function tokenize(text: string): Tokenized {
	const bounds = tokenBounds(text);
	return { bounds, words: bounds.map((b) => text.slice(b.start, b.end)) };
}

/** Token index range `[first, last]` a character span covers exactly, or undefined. */
function tokenRange(t: Tokenized, s: LabeledRange): [number, number] | undefined {
	const first = t.bounds.findIndex((b) => b.start === s.start);
	const last = t.bounds.findIndex((b) => b.end === s.end);
	return first >= 0 && last >= first ? [first, last] : undefined;
}

function learn(
	docs: readonly Tokenized[],
	spans: readonly (readonly LabeledRange[])[],
	key: Key,
	maxTokens: number
): { key: string; tokens: number; label: string; hits: number }[] {
	const counts = new Map<string, { key: string; tokens: number; label: string; hits: number }>();
	docs.forEach((t, d) => {
		for (const s of spans[d] ?? []) {
			const r = tokenRange(t, s);
			if (!r || r[1] - r[0] + 1 > maxTokens) continue;
			const k = key(t.words.slice(r[0], r[1] + 1));
			const id = k + '\u0000' + s.label;
			const c = counts.get(id) ?? { key: k, tokens: r[1] - r[0] + 1, label: s.label, hits: 0 };
			c.hits++;
			counts.set(id, c);
		}
	});
	return [...counts.values()];
}

/** How many times each `(key, tokens)` occurs as a token window in the documents. */
function occurrences(
	docs: readonly Tokenized[],
	wanted: ReadonlySet<string>,
	lengths: ReadonlySet<number>,
	key: Key
): Map<string, number> {
	const out = new Map<string, number>();
	for (const t of docs)
		for (const n of lengths)
			for (let i = 0; i + n <= t.words.length; i++) {
				const k = key(t.words.slice(i, i + n));
				if (wanted.has(k)) out.set(k, (out.get(k) ?? 0) + 1);
			}
	return out;
}

function entriesFrom(
	docs: readonly Tokenized[],
	spans: readonly (readonly LabeledRange[])[],
	key: Key,
	o: { maxTokens: number; minPrecision: number; minSupport: number }
): LexiconEntry[] {
	const learned = learn(docs, spans, key, o.maxTokens);
	const occ = occurrences(
		docs,
		new Set(learned.map((e) => e.key)),
		new Set(learned.map((e) => e.tokens)),
		key
	);
	return learned
		.map((e) => ({
			key: e.key,
			tokens: e.tokens,
			label: e.label,
			support: e.hits,
			precision: Math.min(1, e.hits / Math.max(1, occ.get(e.key) ?? e.hits))
		}))
		.filter((e) => e.precision >= o.minPrecision && e.support >= o.minSupport)
		.sort((a, b) => b.tokens - a.tokens || b.precision - a.precision);
}

/** Learns a dictionary and shape patterns from labeled documents. */
export function lexiconLearn(docs: readonly TaggerDoc[], options: LexiconOptions = {}): Lexicon {
	const tok = docs.map((d) => tokenize(d.text));
	const spans = docs.map((d) => d.spans);
	const maxTokens = options.maxTokens ?? 6;
	return {
		kind: 'span-lexicon',
		dictionary: entriesFrom(tok, spans, wordKey, {
			maxTokens,
			minPrecision: options.minPrecision ?? 0.5,
			minSupport: 1
		}),
		patterns: entriesFrom(tok, spans, shapeKey, {
			maxTokens,
			minPrecision: options.minPatternPrecision ?? 0.8,
			minSupport: options.minPatternSupport ?? 3
		})
	};
}

function match(
	t: Tokenized,
	entries: readonly LexiconEntry[],
	key: Key,
	weight: number
): TaggedSpan[] {
	const byKey = new Map<string, LexiconEntry>();
	for (const e of entries) {
		const k = e.tokens + '\u0000' + e.key;
		const had = byKey.get(k);
		if (!had || had.precision < e.precision) byKey.set(k, e);
	}
	const lengths = [...new Set(entries.map((e) => e.tokens))].sort((a, b) => b - a);
	const out: TaggedSpan[] = [];
	for (let i = 0; i < t.words.length;) {
		let hit: LexiconEntry | undefined;
		for (const n of lengths) {
			if (i + n > t.words.length) continue;
			hit = byKey.get(n + '\u0000' + key(t.words.slice(i, i + n)));
			if (hit) break;
		}
		if (!hit) {
			i++;
			continue;
		}
		out.push({
			start: (t.bounds[i] as { start: number }).start,
			end: (t.bounds[i + hit.tokens - 1] as { end: number }).end,
			label: hit.label,
			// Shrink toward 0 for entries seen once: one example is weak evidence.
			confidence: weight * hit.precision * (hit.support / (hit.support + 1))
		});
		i += hit.tokens;
	}
	return out;
}

/** Dictionary matches (longest first, left to right) and pattern matches in `text`. */
export function lexiconSuggest(lexicon: Lexicon, text: string): TaggedSpan[] {
	const t = tokenize(text);
	return [
		...match(t, lexicon.dictionary, wordKey, 1),
		...match(t, lexicon.patterns, shapeKey, 0.9)
	];
}
