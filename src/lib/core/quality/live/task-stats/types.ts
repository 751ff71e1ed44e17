// The shapes TaskStats takes and reports.

export interface LiveAnswer {
	item: string;
	annotator: string;
	/** The answer as one category (a label id, or a multi-label set's key). */
	label: string;
	savedAt: number;
	ms: number;
}

export type ConsensusStatus = 'pending' | 'accepted' | 'review';

export interface ItemConsensus {
	item: string;
	/** The majority label (first in label order among ties). */
	label: string;
	/** Share of the item's answers that gave `label`, 0–1. */
	agreement: number;
	answers: number;
	tie: boolean;
	status: ConsensusStatus;
}

export interface PairKappa {
	a: string;
	b: string;
	items: number;
	percent: number;
	kappa: number;
}

export interface AnnotatorFigures {
	annotator: string;
	answers: number;
	/** Answers that equal the item's majority label, among items with ≥ 2 answers. */
	agreeWithMajority: number;
	comparable: number;
	msTotal: number;
	first: number;
	last: number;
}

export interface TaskStatsOptions {
	/** Category order for tables (labels first seen later are appended). */
	labels?: readonly string[];
	overlap: number;
	threshold: number;
	/** What a tie for the top label does (see TaskConsensus.ties); default `review`. */
	ties?: 'review' | 'seed';
	/** Seed of the `seed` tie rule; default 0. */
	seed?: number;
}

/** Time-per-answer histogram bin edges in ms: ≤ 1 s, 2 s, 4 s … 256 s, more. */
export const MS_BINS: readonly number[] = [1e3, 2e3, 4e3, 8e3, 16e3, 32e3, 64e3, 128e3, 256e3];
