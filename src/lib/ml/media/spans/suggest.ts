/**
 * Span suggestions for one text: tagger, dictionary and pattern candidates merged into one
 * non-overlapping set (highest confidence first), as a `SpansValue` with an overall confidence.
 */
import { spansOverlap } from '$lib/core/geometry/spans';
import type { LabelId, SpansValue } from '$lib/core/types';
import { lexiconLearn, lexiconSuggest, type Lexicon } from './lexicon';
import {
	taggerPredict,
	taggerTrain,
	type TaggedSpan,
	type TaggerDoc,
	type TaggerModel
} from './tagger';

export interface SpanModel {
	tagger: TaggerModel;
	lexicon: Lexicon;
}

/** Trains the tagger and learns the lexicon from the same labeled documents. */
export function spanModelTrain(docs: readonly TaggerDoc[], seed = 1): SpanModel {
	return { tagger: taggerTrain(docs, { seed }), lexicon: lexiconLearn(docs) };
}

/**
 * Keeps the most confident candidates that do not overlap a kept one; the same range found by
 * several sources keeps the highest confidence. Sorted by start.
 */
export function spanCandidatesMerge(candidates: readonly TaggedSpan[]): TaggedSpan[] {
	const kept: TaggedSpan[] = [];
	const sorted = [...candidates].sort(
		(a, b) => b.confidence - a.confidence || a.start - b.start || b.end - a.end
	);
	for (const c of sorted) if (!kept.some((k) => spansOverlap(k, c))) kept.push(c);
	return kept.sort((a, b) => a.start - b.start);
}

export interface SpanSuggestion {
	value: SpansValue;
	/** Mean confidence of the suggested spans (1 when none are suggested). */
	confidence: number;
	/** Confidence of each span, in `value.spans` order. */
	spanConfidence: number[];
}

/** Suggested spans for `text`, dropping candidates below `threshold` (0–1). */
export function spanSuggest(model: SpanModel, text: string, threshold = 0): SpanSuggestion {
	const merged = spanCandidatesMerge(
		[...taggerPredict(model.tagger, text), ...lexiconSuggest(model.lexicon, text)].filter(
			(c) => c.confidence >= threshold
		)
	);
	return {
		value: {
			type: 'spans',
			spans: merged.map((s) => ({
				id: `m${s.start}-${s.end}`,
				start: s.start,
				end: s.end,
				label: s.label as LabelId
			}))
		},
		confidence: merged.length ? merged.reduce((a, s) => a + s.confidence, 0) / merged.length : 1,
		spanConfidence: merged.map((s) => s.confidence)
	};
}
