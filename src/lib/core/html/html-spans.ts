/**
 * Spans of an HTML item in Label Studio's HyperText shape, and back: one `hypertextlabels` result
 * per span, `value: { start, end, startOffset, endOffset, globalOffsets: { start, end }, text,
 * hypertextlabels: [label name] }`, with our span id as the result id. `start` and `end` are
 * XPaths of text nodes from the document's root, their offsets count UTF-16 code units in those
 * nodes; `globalOffsets` count them in the document's whole text content. Pure.
 */
import type { Label, LabelId, Span, SpansValue } from '../types';

export interface LsHyperTextResult {
	id: string;
	type: 'hypertextlabels';
	from_name: string;
	to_name: string;
	value: {
		start: string;
		end: string;
		startOffset: number;
		endOffset: number;
		globalOffsets: { start: number; end: number };
		/** The covered text, when the caller has the document's text content. */
		text?: string;
		hypertextlabels: string[];
	};
}

/**
 * The Label Studio results of a value; `text` is the document's text content, for each result's
 * covered `text` (left out without it, as the markup alone does not give it).
 */
export function htmlSpansToLabelStudio(
	v: SpansValue,
	labels: readonly Label[],
	text: string | undefined,
	names: { from: string; to: string } = { from: 'label', to: 'html' }
): LsHyperTextResult[] {
	const byId = new Map(labels.map((l) => [l.id, l.name]));
	return v.spans.flatMap((s) =>
		s.xpath
			? [
					{
						id: s.id,
						type: 'hypertextlabels' as const,
						from_name: names.from,
						to_name: names.to,
						value: {
							start: s.xpath.start,
							end: s.xpath.end,
							startOffset: s.xpath.startOffset,
							endOffset: s.xpath.endOffset,
							globalOffsets: { start: s.start, end: s.end },
							...(text === undefined ? {} : { text: text.slice(s.start, s.end) }),
							hypertextlabels: [byId.get(s.label) ?? s.label]
						}
					}
				]
			: []
	);
}

/**
 * The value of Label Studio HyperText results (other types are ignored). A result without global
 * offsets, or whose label the task lacks, is left out and counted in `skipped` with the reason.
 */
export function htmlSpansFromLabelStudio(
	results: readonly unknown[],
	labels: readonly Label[]
): { value: SpansValue; skipped: string[] } {
	const byName = new Map<string, LabelId>(labels.map((l) => [l.name, l.id]));
	const spans: Span[] = [];
	const skipped: string[] = [];
	for (const r of results) {
		if (!r || typeof r !== 'object') continue;
		const o = r as Partial<LsHyperTextResult>;
		const v = o.value;
		if (o.type !== 'hypertextlabels' || !v) continue;
		const name = v.hypertextlabels?.[0] ?? '';
		const label = byName.get(name);
		const g = v.globalOffsets;
		if (!label) skipped.push(`no label “${name}”`);
		else if (!g || !(g.end > g.start) || g.start < 0) skipped.push('no global offsets');
		else
			spans.push({
				id: typeof o.id === 'string' ? o.id : `ls${spans.length}`,
				start: g.start,
				end: g.end,
				label,
				xpath: {
					start: String(v.start),
					startOffset: Number(v.startOffset),
					end: String(v.end),
					endOffset: Number(v.endOffset)
				}
			});
	}
	spans.sort((a, b) => a.start - b.start || a.end - b.end);
	return { value: { type: 'spans', spans }, skipped };
}
