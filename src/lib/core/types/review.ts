// Review flags, reviewers' decisions and gold answers, with their keys in the doc's `reviews` map.
import type { AnnotatorId, EpochMs, ItemId, TaskId } from './ids';
import type { AnnotationValue } from './values';

/** Why an item was sent to review (issue 8's review queue). */
export type FlagReason = 'agreement' | 'rule' | 'label-error' | 'manual';

/**
 * A request to review one item's task, written by one member (key `flagKey`, one writer per key,
 * like annotations). `score` orders the review queue: higher is more suspicious.
 */
export interface ReviewFlag {
	item: ItemId;
	task: TaskId;
	reason: FlagReason;
	by: AnnotatorId;
	at: EpochMs;
	score?: number;
	/** Evidence a reviewer reads, e.g. "given spam, model suggests ham (p = 0.93)". */
	detail?: string;
}

/** Key of a review flag in the shared doc's `reviews` map. */
export function flagKey(f: Pick<ReviewFlag, 'item' | 'task' | 'reason' | 'by'>): string {
	return `flag/${f.item}/${f.task}/${f.reason}/${f.by}`;
}

/**
 * A reviewer's final value for an item's task (key `decisionKey`: one per reviewer). When several
 * reviewers decided, the latest wins (ties: the smaller reviewer id); every decision stays in the
 * doc and the history.
 */
export interface ReviewDecision {
	item: ItemId;
	task: TaskId;
	value: AnnotationValue;
	by: AnnotatorId;
	at: EpochMs;
	/** The annotator whose annotation the reviewer accepted, if they accepted one as it was. */
	from?: AnnotatorId;
}

export function decisionKey(d: Pick<ReviewDecision, 'item' | 'task' | 'by'>): string {
	return `final/${d.item}/${d.task}/${d.by}`;
}

/** A gold item's known answer for one task (key `goldKey`; set by an owner or reviewer). */
export interface GoldAnswer {
	item: ItemId;
	task: TaskId;
	value: AnnotationValue;
	by: AnnotatorId;
	at: EpochMs;
}

export function goldKey(g: Pick<GoldAnswer, 'item' | 'task'>): string {
	return `gold/${g.item}/${g.task}`;
}
