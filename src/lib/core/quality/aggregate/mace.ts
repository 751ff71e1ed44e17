/**
 * MACE: Multi-Annotator Competence Estimation. Worker j either knows the answer (probability θ_j)
 * and gives the true class, or spams and draws a class from their own strategy ξ_j. The true class
 * is uniform a priori.
 *
 * D. Hovy, T. Berg-Kirkpatrick, A. Vaswani, E. Hovy. Learning Whom to Trust with MACE.
 * NAACL-HLT 2013, 1120–1130.
 *
 * Trained by variational Bayes with a Beta(0.5, 0.5) prior on θ and a symmetric Dirichlet(10)
 * prior on ξ (crowd-kit's defaults), from several random restarts that keep the best marginal
 * log-likelihood. Restarts are drawn from a generator seeded by `seed`, so results repeat exactly.
 *
 * Against crowd-kit 1.4 (commit 35f0661): same model, priors, initial range and E/M steps, but
 * crowd-kit pairs each worker's expected strategy counts (grouped, so sorted by worker and label)
 * with parameters indexed in first-appearance order, so strategies land on other workers and, when
 * the first answer is not the smallest label, on other labels. With that pairing aligned, crowd-kit
 * gives our labels item for item (tests/fixtures/crowdkit/); its published MACE column differs.
 * Every result here is independent of answer order.
 */
import { rngFrom, seedFor } from '../rng';
import { digamma } from './digamma';
import { emPriors } from './em';
import { answersEncode, posteriorsDecide } from './encode';
import type { AggregateOptions, AggregateResult, Answer, EncodedAnswers } from './types';

export interface MaceOptions extends AggregateOptions {
	/** Random restarts. Default 10. */
	restarts?: number;
	/** Beta prior (knowing, spamming) on θ. Default [0.5, 0.5]. */
	competencePrior?: readonly [number, number];
	/** Dirichlet prior on each strategy ξ. Default 10. */
	strategyPrior?: number;
	/** Learn the class prior (Dirichlet(1) smoothed) instead of keeping it uniform. Default false. */
	learnPriors?: boolean;
}

interface MaceParams {
	/** P(knows) per worker (variational, so know + spam need not sum to 1). */
	know: Float64Array;
	spam: Float64Array;
	/** workers × K strategy. */
	strategy: Float64Array;
}

interface MaceExpectations {
	logMarginal: number;
	posteriors: Float64Array;
	knowCounts: Float64Array;
	spamCounts: Float64Array;
	strategyCounts: Float64Array;
}

/** Random starting point; each worker's draw depends on the seed and their id, not their order. */
function maceInit(workers: readonly string[], K: number, seed: number): MaceParams {
	const W = workers.length;
	const know = new Float64Array(W);
	const spam = new Float64Array(W);
	const strategy = new Float64Array(W * K);
	for (let w = 0; w < W; w++) {
		const rng = rngFrom(seedFor(seed, workers[w] as string));
		const k = 1 + rng();
		const s = 1 + rng();
		know[w] = k / (k + s);
		spam[w] = s / (k + s);
		let total = 0;
		for (let l = 0; l < K; l++) {
			const v = 1 + rng();
			strategy[w * K + l] = v;
			total += v;
		}
		for (let l = 0; l < K; l++) strategy[w * K + l] = (strategy[w * K + l] as number) / total;
	}
	return { know, spam, strategy };
}

/** E-step: posteriors over true classes, marginal log-likelihood and expected counts. */
function maceEStep(enc: EncodedAnswers, p: MaceParams, logPriors: Float64Array): MaceExpectations {
	const K = enc.classes.length;
	const I = enc.items.length;
	const W = enc.workers.length;
	const n = enc.item.length;
	// Per (worker, answer): log P(answer | spam) and the log-gain when the answer is the truth.
	const logSpam = new Float64Array(W * K);
	const logGain = new Float64Array(W * K);
	for (let w = 0; w < W; w++) {
		for (let l = 0; l < K; l++) {
			const s = (p.spam[w] as number) * (p.strategy[w * K + l] as number);
			logSpam[w * K + l] = Math.log(s);
			logGain[w * K + l] = Math.log(s + (p.know[w] as number)) - Math.log(s);
		}
	}
	const post = new Float64Array(I * K);
	for (let i = 0; i < I; i++) post.set(logPriors, i * K);
	const base = new Float64Array(I);
	for (let a = 0; a < n; a++) {
		const i = enc.item[a] as number;
		const wl = (enc.worker[a] as number) * K + (enc.label[a] as number);
		base[i] = (base[i] as number) + (logSpam[wl] as number);
		post[i * K + (enc.label[a] as number)] =
			(post[i * K + (enc.label[a] as number)] as number) + (logGain[wl] as number);
	}
	let logMarginal = 0;
	for (let i = 0; i < I; i++) {
		let max = -Infinity;
		for (let t = 0; t < K; t++) max = Math.max(max, post[i * K + t] as number);
		let sum = 0;
		for (let t = 0; t < K; t++) {
			const e = Math.exp((post[i * K + t] as number) - max);
			post[i * K + t] = e;
			sum += e;
		}
		for (let t = 0; t < K; t++) post[i * K + t] = (post[i * K + t] as number) / sum;
		logMarginal += max + Math.log(sum) + (base[i] as number);
	}
	const knowCounts = new Float64Array(W);
	const spamCounts = new Float64Array(W);
	const strategyCounts = new Float64Array(W * K);
	for (let a = 0; a < n; a++) {
		const w = enc.worker[a] as number;
		const l = enc.label[a] as number;
		const s = (p.spam[w] as number) * (p.strategy[w * K + l] as number);
		const k = p.know[w] as number;
		const knowing = ((post[(enc.item[a] as number) * K + l] as number) * k) / (s + k);
		knowCounts[w] = (knowCounts[w] as number) + knowing;
		spamCounts[w] = (spamCounts[w] as number) + 1 - knowing;
		strategyCounts[w * K + l] = (strategyCounts[w * K + l] as number) + 1 - knowing;
	}
	return { logMarginal, posteriors: post, knowCounts, spamCounts, strategyCounts };
}

/** Variational M-step: exp(ψ(count + prior)) / exp(ψ(total + priors)). */
function maceVbStep(
	e: MaceExpectations,
	K: number,
	competencePrior: readonly [number, number],
	strategyPrior: number
): MaceParams {
	const W = e.knowCounts.length;
	const know = new Float64Array(W);
	const spam = new Float64Array(W);
	const strategy = new Float64Array(W * K);
	for (let w = 0; w < W; w++) {
		const kc = (e.knowCounts[w] as number) + competencePrior[0];
		const sc = (e.spamCounts[w] as number) + competencePrior[1];
		const norm = digamma(kc + sc);
		know[w] = Math.exp(digamma(kc) - norm);
		spam[w] = Math.exp(digamma(sc) - norm);
		let total = 0;
		for (let l = 0; l < K; l++) total += (e.strategyCounts[w * K + l] as number) + strategyPrior;
		const sNorm = digamma(total);
		for (let l = 0; l < K; l++) {
			const c = (e.strategyCounts[w * K + l] as number) + strategyPrior;
			strategy[w * K + l] = Math.exp(digamma(c) - sNorm);
		}
	}
	return { know, spam, strategy };
}

/** MACE over encoded answers. `maxIterations` is per restart (default 50). */
export function maceEncoded(enc: EncodedAnswers, options: MaceOptions = {}): AggregateResult {
	const restarts = Math.max(1, options.restarts ?? 10);
	const maxIterations = options.maxIterations ?? 50;
	const tolerance = options.tolerance ?? 1e-7;
	const competencePrior = options.competencePrior ?? [0.5, 0.5];
	const strategyPrior = options.strategyPrior ?? 10;
	const seed = options.seed ?? 0;
	const K = enc.classes.length;
	const n = Math.max(enc.item.length, 1);
	let best: {
		params: MaceParams;
		logPriors: Float64Array;
		logMarginal: number;
		iterations: number;
		converged: boolean;
	} | null = null;
	for (let r = 0; r < restarts; r++) {
		let params = maceInit(enc.workers, K, seed * 7919 + r);
		const logPriors = new Float64Array(K).fill(-Math.log(K));
		let e = maceEStep(enc, params, logPriors);
		let iterations = 0;
		let converged = false;
		while (iterations < maxIterations) {
			iterations++;
			params = maceVbStep(e, K, competencePrior, strategyPrior);
			if (options.learnPriors) logPriors.set(emPriors(e.posteriors, K, 1).map(Math.log));
			const previous = e.logMarginal;
			e = maceEStep(enc, params, logPriors);
			if (Math.abs(e.logMarginal - previous) / n < tolerance) {
				converged = true;
				break;
			}
		}
		if (best === null || e.logMarginal > best.logMarginal) {
			best = { params, logPriors, logMarginal: e.logMarginal, iterations, converged };
		}
	}
	const chosen = best as NonNullable<typeof best>;
	const { posteriors } = maceEStep(enc, chosen.params, chosen.logPriors);
	const skills = chosen.params.know.map((k, w) => k / (k + (chosen.params.spam[w] as number)));
	return {
		method: 'mace',
		items: enc.items,
		classes: enc.classes,
		workers: enc.workers,
		posteriors,
		...posteriorsDecide(posteriors, enc.items, enc.classes, seed, options.tieBreak),
		priors: chosen.logPriors.map(Math.exp),
		skills,
		iterations: chosen.iterations,
		converged: chosen.converged
	};
}

/** MACE over answers: posteriors, labels and each worker's competence θ (share of knowing answers). */
export function mace(answers: readonly Answer[], options: MaceOptions = {}): AggregateResult {
	return maceEncoded(answersEncode(answers, options.classes), options);
}
