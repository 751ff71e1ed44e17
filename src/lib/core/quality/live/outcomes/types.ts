// The shapes Outcomes takes and reports.
import type { ConsensusMethod } from '../../../types';
import type { AggregateResult } from '../../aggregate/types';
import type { TaskStats } from '../task-stats/task-stats';
import type { ConsensusStatus } from '../task-stats/types';

export type OutcomeMethod = ConsensusMethod | 'review' | 'gold';
export type OutcomeStatus = ConsensusStatus | 'reviewed';
export type ReviewReason = 'agreement' | 'rule' | 'label-error' | 'manual';

export interface ItemOutcome {
	item: string;
	/** The final answer as a category key (label id, or a multi-label set's key); '' if none. */
	label: string;
	confidence: number;
	/** Share of the item's answers equal to `label`. */
	agreement: number;
	answers: number;
	status: OutcomeStatus;
	method: OutcomeMethod;
	/** Why the item is in the review queue (empty when it is not). */
	reasons: ReviewReason[];
	/** Higher is more suspicious; orders the review queue. */
	suspicion: number;
}

/** A reason from outside consensus: a review flag or a rule finding. */
export interface ExternalReason {
	item: string;
	reason: Exclude<ReviewReason, 'agreement'>;
	at: number;
	/** 0–1; defaults: manual 1, rule 0.5. */
	score?: number;
	detail?: string;
}

export interface Decided {
	item: string;
	label: string;
	at: number;
	by: string;
}

export interface OutcomeInputs {
	stats: TaskStats;
	method: ConsensusMethod;
	/** The method's result over the task's answers (ignored for `mv`); may lag one debounce. */
	aggregate?: AggregateResult;
	decisions: ReadonlyMap<string, Decided>;
	gold: ReadonlyMap<string, string>;
	reasons: ReadonlyMap<string, ExternalReason[]>;
}
