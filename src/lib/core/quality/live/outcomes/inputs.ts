// Inputs for Outcomes, from reviewers' decisions and an aggregation's result.
import type { AggregateResult } from '../../aggregate/types';
import type { Decided } from './types';

/** Latest decision per item (ties: the smaller reviewer id). */
export function latestDecisions(all: Iterable<Decided>): Map<string, Decided> {
	const out = new Map<string, Decided>();
	for (const d of all) {
		const cur = out.get(d.item);
		if (!cur || d.at > cur.at || (d.at === cur.at && d.by < cur.by)) out.set(d.item, d);
	}
	return out;
}

/** Maps an aggregate result to item → { label, confidence }. */
export function posteriorsByItem(r: AggregateResult): Map<string, { label: string; p: number }> {
	const out = new Map<string, { label: string; p: number }>();
	r.items.forEach((item, i) =>
		out.set(item, { label: r.labels[i] as string, p: r.confidence[i] as number })
	);
	return out;
}
