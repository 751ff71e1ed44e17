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
 * (1) is chosen by leave-one-dataset-out cross-validation over the public crowd datasets, so no
 * dataset's own accuracy picks the value it is scored with (docs/decisions/006-aggregation-defaults.md;
 * the check is in defaults-cv.test.ts).
 */
import { emConfusion, emRowNormalize } from './em';
import { answersEncode, posteriorsDecide } from './encode';
import type { AggregateOptions, AggregateResult, Answer, EncodedAnswers } from './types';

export interface DawidSkeneOptions extends AggregateOptions {
	/** Dirichlet pseudo-count added to every confusion-matrix cell. Default 1. */
	smoothing?: number;
	/** Pseudo-counts per confusion row spread like the pooled matrix of all workers. Default 0. */
	pooling?: number;
	/** Dirichlet pseudo-count added to every class of the prior. Default 1. */
	priorSmoothing?: number;
}

export const DS_DEFAULTS = {
	maxIterations: 100,
	tolerance: 1e-7,
	smoothing: 1,
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

/**
 * Answers grouped by item (a counting sort, once per run): answers of item i are
 * `cell[start[i]] … cell[start[i + 1] - 1]`, each the offset `(worker * K + label) * K` of its
 * row of K truth values in the [w][l][t] tables.
 */
function dsByItem(enc: EncodedAnswers): { start: Int32Array; cell: Int32Array } {
	const K = enc.classes.length;
	const I = enc.items.length;
	const n = enc.item.length;
	const start = new Int32Array(I + 1);
	for (let a = 0; a < n; a++) start[(enc.item[a] as number) + 1]!++;
	for (let i = 0; i < I; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
	const fill = start.slice(0, I);
	const cell = new Int32Array(n);
	for (let a = 0; a < n; a++) {
		const i = enc.item[a] as number;
		cell[fill[i]!++] = ((enc.worker[a] as number) * K + (enc.label[a] as number)) * K;
	}
	return { start, cell };
}

/**
 * M-step: the class prior and the answer table P(worker w answers l | truth t), laid out
 * [w][l][t], from soft counts (same layout) and per-class posterior sums. Probabilities are
 * clamped at 1e-300 (so their logs stay finite, as in the log-space E-step).
 */
function dsMStep(
	counts: Float64Array,
	classTotals: Float64Array,
	W: number,
	K: number,
	o: DsTuning,
	table: Float64Array,
	priors: Float64Array
): Float64Array {
	let total = 0;
	for (let t = 0; t < K; t++) total += (classTotals[t] as number) + o.priorSmoothing;
	for (let t = 0; t < K; t++)
		priors[t] = total > 0 ? ((classTotals[t] as number) + o.priorSmoothing) / total : 1 / K;
	const pseudo = dsPseudoCounts(counts, W, K, o);
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
			table[wBase + j] = Math.max(c / (totals[j % K] as number), 1e-300);
		}
	}
	return pseudo;
}

/**
 * E-step fused with the next M-step's sums: every item's posterior ∝ prior × Π P(answer | truth),
 * computed in probability space (no exp per class; an item whose every product underflows is
 * redone in log space), then added into the soft counts and class totals. Returns the
 * log-likelihood of the answers.
 */
function dsEStep(
	byItem: { start: Int32Array; cell: Int32Array },
	K: number,
	priors: Float64Array,
	table: Float64Array,
	posteriors: Float64Array,
	counts: Float64Array,
	classTotals: Float64Array
): number {
	const { start, cell } = byItem;
	const I = start.length - 1;
	counts.fill(0);
	classTotals.fill(0);
	let logLik = 0;
	// Π of the items' evidences (each ≤ 1), folded into logLik before it underflows.
	let evidence = 1;
	for (let i = 0; i < I; i++) {
		const row = i * K;
		const a0 = start[i] as number;
		const a1 = start[i + 1] as number;
		for (let t = 0; t < K; t++) posteriors[row + t] = priors[t] as number;
		for (let a = a0; a < a1; a++) {
			const c = cell[a] as number;
			for (let t = 0; t < K; t++)
				posteriors[row + t] = (posteriors[row + t] as number) * (table[c + t] as number);
		}
		let z = 0;
		for (let t = 0; t < K; t++) z += posteriors[row + t] as number;
		if (z >= 1e-250 && z < Infinity) {
			const inv = 1 / z;
			for (let t = 0; t < K; t++) posteriors[row + t] = (posteriors[row + t] as number) * inv;
			evidence *= z;
			if (evidence < 1e-200 || evidence > 1e200) {
				logLik += Math.log(evidence);
				evidence = 1;
			}
		} else {
			logLik += dsItemLog(row, a0, a1, cell, K, priors, table, posteriors);
		}
		for (let a = a0; a < a1; a++) {
			const c = cell[a] as number;
			for (let t = 0; t < K; t++)
				counts[c + t] = (counts[c + t] as number) + (posteriors[row + t] as number);
		}
		for (let t = 0; t < K; t++)
			classTotals[t] = (classTotals[t] as number) + (posteriors[row + t] as number);
	}
	return logLik + Math.log(evidence);
}

/** One item's posterior in log space (for items with many answers); returns its log-evidence. */
function dsItemLog(
	row: number,
	a0: number,
	a1: number,
	cell: Int32Array,
	K: number,
	priors: Float64Array,
	table: Float64Array,
	posteriors: Float64Array
): number {
	for (let t = 0; t < K; t++) posteriors[row + t] = Math.log(priors[t] as number);
	for (let a = a0; a < a1; a++) {
		const c = cell[a] as number;
		for (let t = 0; t < K; t++)
			posteriors[row + t] = (posteriors[row + t] as number) + Math.log(table[c + t] as number);
	}
	return emRowNormalize(posteriors, row, K);
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
	const W = enc.workers.length;
	const I = enc.items.length;
	const n = Math.max(enc.item.length, 1);
	const byItem = dsByItem(enc);
	// Start from majority-vote shares: their soft counts and class totals feed the first M-step.
	const posteriors = new Float64Array(I * K);
	const counts = new Float64Array(W * K * K);
	const classTotals = new Float64Array(K);
	for (let i = 0; i < I; i++) {
		const a0 = byItem.start[i] as number;
		const a1 = byItem.start[i + 1] as number;
		const row = i * K;
		if (a1 === a0) {
			for (let t = 0; t < K; t++) posteriors[row + t] = 1 / K;
		} else {
			const share = 1 / (a1 - a0);
			for (let a = a0; a < a1; a++) {
				const l = ((byItem.cell[a] as number) / K) % K;
				posteriors[row + l] = (posteriors[row + l] as number) + share;
			}
		}
		for (let a = a0; a < a1; a++) {
			const c = byItem.cell[a] as number;
			for (let t = 0; t < K; t++)
				counts[c + t] = (counts[c + t] as number) + (posteriors[row + t] as number);
		}
		for (let t = 0; t < K; t++)
			classTotals[t] = (classTotals[t] as number) + (posteriors[row + t] as number);
	}
	const table = new Float64Array(W * K * K);
	const priors = new Float64Array(K);
	dsMStep(counts, classTotals, W, K, tuning, table, priors);
	let previous = -Infinity;
	let iterations = 0;
	let converged = false;
	while (iterations < maxIterations) {
		iterations++;
		const logLik = dsEStep(byItem, K, priors, table, posteriors, counts, classTotals);
		dsMStep(counts, classTotals, W, K, tuning, table, priors);
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
		priors,
		confusion: emConfusion(counts, W, K, tuning.smoothing),
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
