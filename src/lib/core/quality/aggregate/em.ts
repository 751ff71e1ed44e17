/**
 * Building blocks shared by the confusion-matrix family of EM aggregators (Dawid & Skene 1979 and
 * its one-coin special case): the E-step over a table of log answer probabilities, and the soft
 * answer counts of the M-step. Tables are laid out [worker][answer][truth] so that the K truth
 * values for one answer are contiguous in both steps.
 */
import type { EncodedAnswers } from './types';

/**
 * E-step: posterior over the true class of every item, given log priors (length K) and
 * `logTable[(w * K + l) * K + t] = log P(worker w answers l | truth t)`.
 * Writes into `posteriors` (items × K) and returns the log-likelihood of the answers.
 */
export function emPosteriors(
	enc: EncodedAnswers,
	logPriors: Float64Array,
	logTable: Float64Array,
	posteriors: Float64Array
): number {
	const K = enc.classes.length;
	const I = enc.items.length;
	for (let i = 0; i < I; i++) posteriors.set(logPriors, i * K);
	const { item, worker, label } = enc;
	for (let a = 0; a < item.length; a++) {
		const row = (item[a] as number) * K;
		const base = ((worker[a] as number) * K + (label[a] as number)) * K;
		for (let t = 0; t < K; t++) {
			posteriors[row + t] = (posteriors[row + t] as number) + (logTable[base + t] as number);
		}
	}
	return emRowsNormalize(posteriors, I, K);
}

/**
 * Soft answer counts: `counts[(w * K + l) * K + t]` = Σ over w's answers l of P(item's truth = t).
 * Returns a new array.
 */
/**
 * Turns each item's row of unnormalized log-probabilities into probabilities, in place, with the
 * max-shift for stability; returns the sum over items of each row's log-sum-exp, plus `extra(i)`.
 */
export function emRowsNormalize(
	posteriors: Float64Array,
	I: number,
	K: number,
	extra?: (i: number) => number
): number {
	let logLik = 0;
	for (let i = 0; i < I; i++)
		logLik += emRowNormalize(posteriors, i * K, K) + (extra ? extra(i) : 0);
	return logLik;
}

/** One row of `emRowsNormalize`: the K values from `row` on, in place; returns their log-sum-exp. */
export function emRowNormalize(posteriors: Float64Array, row: number, K: number): number {
	let max = -Infinity;
	for (let t = 0; t < K; t++) max = Math.max(max, posteriors[row + t] as number);
	let sum = 0;
	for (let t = 0; t < K; t++) {
		const e = Math.exp((posteriors[row + t] as number) - max);
		posteriors[row + t] = e;
		sum += e;
	}
	for (let t = 0; t < K; t++) posteriors[row + t] = (posteriors[row + t] as number) / sum;
	return max + Math.log(sum);
}

export function emSoftCounts(enc: EncodedAnswers, posteriors: Float64Array): Float64Array {
	const K = enc.classes.length;
	const counts = new Float64Array(enc.workers.length * K * K);
	const { item, worker, label } = enc;
	for (let a = 0; a < item.length; a++) {
		const row = (item[a] as number) * K;
		const base = ((worker[a] as number) * K + (label[a] as number)) * K;
		for (let t = 0; t < K; t++) {
			counts[base + t] = (counts[base + t] as number) + (posteriors[row + t] as number);
		}
	}
	return counts;
}

/** Class prior from posteriors with a symmetric Dirichlet pseudo-count `smoothing` per class. */
export function emPriors(posteriors: Float64Array, K: number, smoothing: number): Float64Array {
	const priors = new Float64Array(K).fill(smoothing);
	for (let j = 0; j < posteriors.length; j++) {
		const t = j % K;
		priors[t] = (priors[t] as number) + (posteriors[j] as number);
	}
	let total = 0;
	for (let t = 0; t < K; t++) total += priors[t] as number;
	for (let t = 0; t < K; t++) priors[t] = total > 0 ? (priors[t] as number) / total : 1 / K;
	return priors;
}

/**
 * Per-worker confusion matrices in the public layout (entry [t * K + l] = P(answer l | truth t))
 * from soft counts in the internal [w][l][t] layout, with Dirichlet pseudo-count `smoothing`.
 */
export function emConfusion(
	counts: Float64Array,
	workers: number,
	K: number,
	smoothing: number
): Float64Array[] {
	const out: Float64Array[] = [];
	for (let w = 0; w < workers; w++) {
		const m = new Float64Array(K * K);
		for (let t = 0; t < K; t++) {
			let total = 0;
			for (let l = 0; l < K; l++) total += (counts[(w * K + l) * K + t] as number) + smoothing;
			for (let l = 0; l < K; l++) {
				const c = (counts[(w * K + l) * K + t] as number) + smoothing;
				m[t * K + l] = total > 0 ? c / total : 1 / K;
			}
		}
		out.push(m);
	}
	return out;
}

/** Item posteriors from majority vote: the share of each class among the item's answers. */
export function emVoteShares(enc: EncodedAnswers): Float64Array {
	const K = enc.classes.length;
	const shares = new Float64Array(enc.items.length * K);
	const totals = new Float64Array(enc.items.length);
	for (let a = 0; a < enc.item.length; a++) {
		const i = enc.item[a] as number;
		const idx = i * K + (enc.label[a] as number);
		shares[idx] = (shares[idx] as number) + 1;
		totals[i] = (totals[i] as number) + 1;
	}
	for (let j = 0; j < shares.length; j++) {
		const total = totals[Math.floor(j / K)] as number;
		shares[j] = total > 0 ? (shares[j] as number) / total : 1 / K;
	}
	return shares;
}
