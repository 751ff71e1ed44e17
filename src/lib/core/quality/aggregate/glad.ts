/**
 * GLAD: Generative model of Labels, Abilities and Difficulties. Worker w answers item i correctly
 * with probability σ(α_w β_i), where α_w ∈ ℝ is the worker's ability and β_i = exp(b_i) > 0 the
 * item's inverse difficulty; a wrong answer is uniform over the other K − 1 classes.
 *
 * J. Whitehill, P. Ruvolo, T. Wu, J. Bergsma, J. Movellan. Whose Vote Should Count More: Optimal
 * Integration of Labels from Labelers of Unknown Expertise. NIPS 2009.
 *
 * EM as in the paper, with Gaussian priors α ~ N(1, 1) and b ~ N(1, 1) (crowd-kit's defaults).
 * The M-step maximizes the expected complete log-likelihood by block-coordinate Newton steps
 * (all α with β fixed, then all b with α fixed; each block separates into 1-D problems), which
 * needs no line search and costs O(answers) per sweep.
 */
import { emRowsNormalize } from './em';
import { answersEncode, posteriorsDecide } from './encode';
import type { AggregateOptions, AggregateResult, Answer, EncodedAnswers } from './types';

export interface GladOptions extends AggregateOptions {
	/** Prior mean of every ability α (prior variance 1). Default 1. */
	abilityMean?: number;
	/** Prior mean of every log inverse difficulty b = log β (prior variance 1). Default 1. */
	logEasinessMean?: number;
	/** Newton sweeps per M-step (1 = generalized EM). Default 1. */
	mStepSweeps?: number;
	/** Estimate the class prior from posteriors (true) or keep it uniform as in the paper. Default false. */
	learnPriors?: boolean;
}

function logSigmoid(x: number): number {
	return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
	return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

interface GladState {
	alpha: Float64Array;
	b: Float64Array;
	logPriors: Float64Array;
}

/** E-step: writes posteriors and returns the log-likelihood. */
function gladEStep(enc: EncodedAnswers, s: GladState, posteriors: Float64Array): number {
	const K = enc.classes.length;
	const I = enc.items.length;
	const logWrongShare = K > 1 ? Math.log(K - 1) : 0;
	const base = new Float64Array(I);
	for (let i = 0; i < I; i++) posteriors.set(s.logPriors, i * K);
	for (let a = 0; a < enc.item.length; a++) {
		const i = enc.item[a] as number;
		const x = (s.alpha[enc.worker[a] as number] as number) * Math.exp(s.b[i] as number);
		const right = logSigmoid(x);
		const wrong = logSigmoid(-x) - logWrongShare;
		base[i] = (base[i] as number) + wrong;
		const idx = i * K + (enc.label[a] as number);
		posteriors[idx] = (posteriors[idx] as number) + right - wrong;
	}
	return emRowsNormalize(posteriors, I, K, (i) => base[i] as number);
}

/** Largest change of one parameter per Newton step: keeps the coupled α·β updates from oscillating. */
const MAX_STEP = 0.5;

/** M-step: damped Newton sweeps on α (concave) and on b (Newton where concave). */
function gladMStep(
	enc: EncodedAnswers,
	s: GladState,
	posteriors: Float64Array,
	o: { abilityMean: number; logEasinessMean: number; sweeps: number }
): void {
	const K = enc.classes.length;
	const n = enc.item.length;
	const q = new Float64Array(n);
	for (let a = 0; a < n; a++) {
		q[a] = posteriors[(enc.item[a] as number) * K + (enc.label[a] as number)] as number;
	}
	const W = s.alpha.length;
	const I = s.b.length;
	const grad = new Float64Array(Math.max(W, I));
	const curv = new Float64Array(Math.max(W, I));
	for (let sweep = 0; sweep < o.sweeps; sweep++) {
		grad.fill(0);
		curv.fill(0);
		for (let a = 0; a < n; a++) {
			const w = enc.worker[a] as number;
			const beta = Math.exp(s.b[enc.item[a] as number] as number);
			const sg = sigmoid((s.alpha[w] as number) * beta);
			grad[w] = (grad[w] as number) + ((q[a] as number) - sg) * beta;
			curv[w] = (curv[w] as number) + sg * (1 - sg) * beta * beta;
		}
		for (let w = 0; w < W; w++) {
			const g = (grad[w] as number) - ((s.alpha[w] as number) - o.abilityMean);
			const step = g / ((curv[w] as number) + 1);
			s.alpha[w] = (s.alpha[w] as number) + Math.max(-MAX_STEP, Math.min(MAX_STEP, step));
		}
		grad.fill(0);
		curv.fill(0);
		for (let a = 0; a < n; a++) {
			const i = enc.item[a] as number;
			const alpha = s.alpha[enc.worker[a] as number] as number;
			const beta = Math.exp(s.b[i] as number);
			const sg = sigmoid(alpha * beta);
			const r = ((q[a] as number) - sg) * alpha * beta;
			grad[i] = (grad[i] as number) + r;
			// Exact second derivative of the likelihood term in b = log β.
			curv[i] = (curv[i] as number) + sg * (1 - sg) * alpha * alpha * beta * beta - r;
		}
		for (let i = 0; i < I; i++) {
			const g = (grad[i] as number) - ((s.b[i] as number) - o.logEasinessMean);
			// Newton where the objective is concave in b, a gradient step of the prior's curvature otherwise.
			const step = g / Math.max((curv[i] as number) + 1, 1);
			s.b[i] = (s.b[i] as number) + Math.max(-MAX_STEP, Math.min(MAX_STEP, step));
		}
	}
}

/** GLAD over encoded answers. */
export function gladEncoded(enc: EncodedAnswers, options: GladOptions = {}): AggregateResult {
	const maxIterations = options.maxIterations ?? 100;
	const tolerance = options.tolerance ?? 1e-6;
	const abilityMean = options.abilityMean ?? 1;
	const logEasinessMean = options.logEasinessMean ?? 1;
	const sweeps = options.mStepSweeps ?? 1;
	const K = enc.classes.length;
	const I = enc.items.length;
	const n = Math.max(enc.item.length, 1);
	const state: GladState = {
		alpha: new Float64Array(enc.workers.length).fill(abilityMean),
		b: new Float64Array(I).fill(logEasinessMean),
		logPriors: new Float64Array(K).fill(-Math.log(K))
	};
	const posteriors = new Float64Array(I * K);
	let previous = gladEStep(enc, state, posteriors);
	let iterations = 0;
	let converged = false;
	while (iterations < maxIterations) {
		iterations++;
		gladMStep(enc, state, posteriors, { abilityMean, logEasinessMean, sweeps });
		if (options.learnPriors) {
			const priors = new Float64Array(K).fill(1);
			for (let j = 0; j < posteriors.length; j++) {
				priors[j % K] = (priors[j % K] as number) + (posteriors[j] as number);
			}
			for (let t = 0; t < K; t++) state.logPriors[t] = Math.log((priors[t] as number) / (I + K));
		}
		const logLik = gladEStep(enc, state, posteriors);
		if (Math.abs(logLik - previous) / n < tolerance) {
			converged = true;
			break;
		}
		previous = logLik;
	}
	return {
		method: 'glad',
		items: enc.items,
		classes: enc.classes,
		workers: enc.workers,
		posteriors,
		...posteriorsDecide(posteriors, enc.items, enc.classes, options.seed ?? 0, options.tieBreak),
		priors: state.logPriors.map(Math.exp),
		skills: state.alpha,
		easiness: state.b.map(Math.exp),
		iterations,
		converged
	};
}

/** GLAD over answers: posteriors, labels, worker abilities α and item inverse difficulties β. */
export function glad(answers: readonly Answer[], options: GladOptions = {}): AggregateResult {
	return gladEncoded(answersEncode(answers, options.classes), options);
}
