/**
 * Dawid–Skene truth inference by EM: every worker has a full confusion matrix, every item a
 * latent true class.
 *
 * A. P. Dawid, A. M. Skene. Maximum Likelihood Estimation of Observer Error-Rates Using the EM
 * Algorithm. Journal of the Royal Statistical Society C 28(1):20–28, 1979.
 *
 * Differences from the plain MLE: a symmetric Dirichlet pseudo-count on every confusion row and on
 * the class prior (so workers with few answers, and classes nobody used, keep finite
 * log-probabilities), initialization from majority-vote shares (as in the paper and crowd-kit),
 * and convergence on the change of the mean per-answer log-likelihood. The default pseudo-count
 * (0.3) was chosen once over the seven shared crowd datasets (0.01–1 were tried); see
 * datasets.test.ts for the accuracies it gives.
 */
import { emConfusion, emPosteriors, emPriors, emSoftCounts, emVoteShares } from './em';
import { answersEncode, posteriorsDecide } from './encode';
import type { AggregateOptions, AggregateResult, Answer, EncodedAnswers } from './types';

export interface DawidSkeneOptions extends AggregateOptions {
	/** Dirichlet pseudo-count added to every confusion-matrix cell. Default 0.3. */
	smoothing?: number;
	/** Pseudo-counts per confusion row spread like the pooled matrix of all workers. Default 0. */
	pooling?: number;
	/** Dirichlet pseudo-count added to every class of the prior. Default 1. */
	priorSmoothing?: number;
}

export const DS_DEFAULTS = {
	maxIterations: 100,
	tolerance: 1e-7,
	smoothing: 0.3,
	pooling: 0,
	priorSmoothing: 1
} as const;

/**
 * Pseudo-counts for every worker's confusion rows: `smoothing` spread uniformly plus `pooling`
 * spread like the pooled confusion matrix of all workers (an empirical-Bayes Dirichlet prior).
 * Returned in the [l][t] layout of one worker's block.
 */
function dsPseudoCounts(counts: Float64Array, W: number, K: number, o: DsTuning): Float64Array {
	const pooled = new Float64Array(K * K);
	for (let w = 0; w < W; w++) {
		for (let j = 0; j < K * K; j++)
			pooled[j] = (pooled[j] as number) + (counts[w * K * K + j] as number);
	}
	const rowTotals = new Float64Array(K);
	for (let j = 0; j < K * K; j++)
		rowTotals[j % K] = (rowTotals[j % K] as number) + (pooled[j] as number);
	const pseudo = new Float64Array(K * K);
	for (let j = 0; j < K * K; j++) {
		const total = rowTotals[j % K] as number;
		const share = total > 0 ? (pooled[j] as number) / total : 1 / K;
		pseudo[j] = o.smoothing + o.pooling * share;
	}
	return pseudo;
}

interface DsTuning {
	smoothing: number;
	pooling: number;
	priorSmoothing: number;
}

/** M-step: log priors and the log answer table ([w][l][t]) from posteriors. */
function dsMStep(
	enc: EncodedAnswers,
	posteriors: Float64Array,
	o: DsTuning
): { logPriors: Float64Array; logTable: Float64Array; priors: Float64Array; pseudo: Float64Array } {
	const K = enc.classes.length;
	const W = enc.workers.length;
	const priors = emPriors(posteriors, K, o.priorSmoothing);
	const logPriors = priors.map(Math.log);
	const counts = emSoftCounts(enc, posteriors);
	const pseudo = dsPseudoCounts(counts, W, K, o);
	const logTable = new Float64Array(W * K * K);
	const totals = new Float64Array(K);
	for (let w = 0; w < W; w++) {
		totals.fill(0);
		const wBase = w * K * K;
		for (let j = 0; j < K * K; j++) {
			const t = j % K;
			totals[t] = (totals[t] as number) + (counts[wBase + j] as number) + (pseudo[j] as number);
		}
		for (let j = 0; j < K * K; j++) {
			const c = (counts[wBase + j] as number) + (pseudo[j] as number);
			logTable[wBase + j] = Math.log(Math.max(c / (totals[j % K] as number), 1e-300));
		}
	}
	return { logPriors, logTable, priors, pseudo };
}

/** Dawid–Skene over encoded answers. */
export function dawidSkeneEncoded(
	enc: EncodedAnswers,
	options: DawidSkeneOptions = {}
): AggregateResult {
	const maxIterations = options.maxIterations ?? DS_DEFAULTS.maxIterations;
	const tolerance = options.tolerance ?? DS_DEFAULTS.tolerance;
	const tuning: DsTuning = {
		smoothing: options.smoothing ?? DS_DEFAULTS.smoothing,
		pooling: options.pooling ?? DS_DEFAULTS.pooling,
		priorSmoothing: options.priorSmoothing ?? DS_DEFAULTS.priorSmoothing
	};
	const K = enc.classes.length;
	const n = Math.max(enc.item.length, 1);
	let posteriors = emVoteShares(enc);
	const next = new Float64Array(posteriors.length);
	let params = dsMStep(enc, posteriors, tuning);
	let previous = -Infinity;
	let iterations = 0;
	let converged = false;
	while (iterations < maxIterations) {
		iterations++;
		const logLik = emPosteriors(enc, params.logPriors, params.logTable, next);
		posteriors = next.slice();
		params = dsMStep(enc, posteriors, tuning);
		if (Math.abs(logLik - previous) / n < tolerance) {
			converged = true;
			break;
		}
		previous = logLik;
	}
	return {
		method: 'ds',
		items: enc.items,
		classes: enc.classes,
		workers: enc.workers,
		posteriors,
		...posteriorsDecide(posteriors, enc.items, enc.classes, options.seed ?? 0, options.tieBreak),
		priors: params.priors,
		confusion: emConfusion(emSoftCounts(enc, posteriors), enc.workers.length, K, tuning.smoothing),
		iterations,
		converged
	};
}

/**
 * Dawid–Skene EM over answers.
 * @returns item posteriors, labels (ties reported), class prior and per-worker confusion matrices
 */
export function dawidSkene(
	answers: readonly Answer[],
	options: DawidSkeneOptions = {}
): AggregateResult {
	return dawidSkeneEncoded(answersEncode(answers, options.classes), options);
}
