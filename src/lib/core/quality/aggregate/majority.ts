/**
 * Majority vote: each item's label is its most frequent answer. The posterior is the share of
 * votes per class; ties are reported and broken by the seed, never silently by class order.
 * Each worker's confusion matrix is estimated against the vote shares (Laplace-free, with a tiny
 * pseudo-count so that rows for unseen classes are uniform).
 */
import { emConfusion, emSoftCounts, emVoteShares } from './em';
import { answersEncode, posteriorsDecide } from './encode';
import type { AggregateOptions, AggregateResult, Answer, EncodedAnswers } from './types';

/** Majority vote over encoded answers. */
export function majorityVoteEncoded(
	enc: EncodedAnswers,
	options: Pick<AggregateOptions, 'seed' | 'tieBreak'> = {}
): AggregateResult {
	const K = enc.classes.length;
	const posteriors = emVoteShares(enc);
	const decided = posteriorsDecide(
		posteriors,
		enc.items,
		enc.classes,
		options.seed ?? 0,
		options.tieBreak
	);
	return {
		method: 'mv',
		items: enc.items,
		classes: enc.classes,
		workers: enc.workers,
		posteriors,
		...decided,
		priors: new Float64Array(K).fill(1 / K),
		confusion: emConfusion(emSoftCounts(enc, posteriors), enc.workers.length, K, 1e-9),
		iterations: 0,
		converged: true
	};
}

/** Majority vote over answers. See {@link AggregateOptions} for `classes` and `seed`. */
export function majorityVote(
	answers: readonly Answer[],
	options: AggregateOptions = {}
): AggregateResult {
	return majorityVoteEncoded(answersEncode(answers, options.classes), options);
}
