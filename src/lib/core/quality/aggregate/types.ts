/**
 * Shared shapes for truth inference: answers in, posteriors and annotator models out. Answers are
 * encoded once into dense integer arrays so that every method runs over typed arrays.
 */

/** One annotator's answer for one item (a crowd `item,worker,label` row). */
export interface Answer {
	item: string;
	worker: string;
	label: string;
}

/** Answers as dense indices: answer `a` is worker `worker[a]` giving class `label[a]` to item `item[a]`. */
export interface EncodedAnswers {
	items: string[];
	workers: string[];
	classes: string[];
	item: Int32Array;
	worker: Int32Array;
	label: Int32Array;
}

/** An item whose top posterior was shared by several classes, and how the tie was broken. */
export interface Tie {
	item: string;
	candidates: string[];
	chosen: string;
}

/** What every aggregation method returns. Matrices are row-major Float64Arrays. */
export interface AggregateResult {
	method: AggregateMethod;
	items: string[];
	classes: string[];
	workers: string[];
	/** items × classes; row i is the posterior over the true class of item i (sums to 1). */
	posteriors: Float64Array;
	/** The chosen class per item: the posterior's argmax, ties broken by the seed. */
	labels: string[];
	/** The posterior probability of the chosen class per item, in [0, 1]. */
	confidence: Float64Array;
	/** Items with a tied top posterior (never broken silently). */
	ties: Tie[];
	/** Class prior, length = classes (uniform for methods that do not estimate one). */
	priors: Float64Array;
	/**
	 * Per worker, a classes × classes confusion matrix: entry [t * K + l] is P(answer l | truth t).
	 * Present for majority vote (empirical against its own labels), Dawid–Skene and one-coin DS.
	 */
	confusion?: Float64Array[];
	/**
	 * Per worker skill: accuracy (one-coin; against the vote for Wawa and zero-based skill), ability
	 * α (GLAD) or competence θ (MACE).
	 */
	skills?: Float64Array;
	/** GLAD only: per item inverse difficulty β > 0. */
	easiness?: Float64Array;
	iterations: number;
	converged: boolean;
}

/** See {@link AggregateOptions.tieBreak}. */
export type TieBreak = 'seed' | 'first';

export type AggregateMethod = 'mv' | 'wawa' | 'zbs' | 'ds' | 'onecoin' | 'glad' | 'mace' | 'kos';

/** Options every method accepts. */
export interface AggregateOptions {
	/** Extra classes that no annotator may have used (they get posterior mass from priors only). */
	classes?: readonly string[];
	/** Seed for tie-breaking and random restarts. Default 0. */
	seed?: number;
	/**
	 * How tied top posteriors are broken: `seed` (default) picks among the tied classes with a
	 * generator seeded by `seed` and the item id; `first` takes the first tied class in class order
	 * (crowd-kit's rule). Either way every tie is listed in the result's `ties`.
	 */
	tieBreak?: TieBreak;
	/** Maximum EM iterations. */
	maxIterations?: number;
	/** Convergence tolerance (method-specific meaning, see each method). */
	tolerance?: number;
}
