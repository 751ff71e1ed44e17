/**
 * Time series regions in Label Studio's shape, and back: one `timeserieslabels` result per
 * segment, `value: { start, end, instant, timeserieslabels: [label name] }`, with our segment id
 * as the result id and the channel, when set, as `value.channel`. Times are the series' own axis
 * values (see SeriesInfo.time), as Label Studio keeps the time column's values. Pure.
 */
import type { Label, LabelId, SeriesSegment, SeriesSegmentsValue } from '../types';

export interface LsSeriesResult {
	id: string;
	type: 'timeserieslabels';
	from_name: string;
	to_name: string;
	value: {
		start: number;
		end: number;
		instant: boolean;
		timeserieslabels: string[];
		channel?: string;
	};
}

/** The Label Studio results of a value; labels are written by name. */
export function seriesRegionsToLabelStudio(
	v: SeriesSegmentsValue,
	labels: readonly Label[],
	names: { from: string; to: string } = { from: 'label', to: 'ts' }
): LsSeriesResult[] {
	const byId = new Map(labels.map((l) => [l.id, l.name]));
	return v.segments.map((s) => ({
		id: s.id,
		type: 'timeserieslabels',
		from_name: names.from,
		to_name: names.to,
		value: {
			start: s.start,
			end: s.end,
			instant: s.start === s.end,
			timeserieslabels: [byId.get(s.label) ?? s.label],
			...(s.channel ? { channel: s.channel } : {})
		}
	}));
}

/**
 * The value of Label Studio results (other result types are ignored); a label name the task
 * lacks is returned in `unknown` and its region left out, so nothing is silently relabeled.
 */
export function seriesRegionsFromLabelStudio(
	results: readonly unknown[],
	labels: readonly Label[]
): { value: SeriesSegmentsValue; unknown: string[] } {
	const byName = new Map<string, LabelId>(labels.map((l) => [l.name, l.id]));
	const segments: SeriesSegment[] = [];
	const unknown: string[] = [];
	for (const r of results) {
		if (!r || typeof r !== 'object') continue;
		const o = r as Partial<LsSeriesResult>;
		const v = o.value;
		if (o.type !== 'timeserieslabels' || !v) continue;
		const name = v.timeserieslabels?.[0];
		if (typeof v.start !== 'number' || typeof v.end !== 'number' || typeof name !== 'string')
			continue;
		const label = byName.get(name);
		if (!label) {
			unknown.push(name);
			continue;
		}
		segments.push({
			id: typeof o.id === 'string' ? o.id : `ls${segments.length}`,
			start: Math.min(v.start, v.end),
			end: Math.max(v.start, v.end),
			label,
			...(typeof v.channel === 'string' ? { channel: v.channel } : {})
		});
	}
	return { value: { type: 'series-segments', segments }, unknown };
}
