/**
 * One-coin Dawid–Skene: each worker has a single accuracy s; a wrong answer is uniform over the
 * other K − 1 classes. Fewer parameters than full Dawid–Skene, so it overfits less on sparse data.
 *
 * A. P. Dawid, A. M. Skene (1979), restricted to a symmetric confusion matrix; the "one-coin"
 * model of D. Zhou, Q. Liu, J. Platt, C. Meek, "Aggregating Ordinal Labels from Crowds by Minimax
 * Conditional Entropy", ICML 2014, and crowd-kit's `OneCoinDawidSkene`.
 *
 * Each skill is smoothed with Beta pseudo-counts: `(expected correct + a) / (answers + a + b)`.
 */
import { emPosteriors, emPriors } from './em';
import { answersEncode, posteriorsDecide } from './encode';
import type { AggregateOptions, AggregateResult, Answer, EncodedAnswers } from './types';

export interface OneCoinOptions extends AggregateOptions {
	/** Beta pseudo-counts (correct, wrong) on each skill. Default [1, 1]. */
	skillPrior?: readonly [number, number];
	/** Dirichlet pseudo-count on the class prior. Default 1. */
	priorSmoothing?: number;
}

const SKILL_MIN = 1e-6;

/** Skills from posteriors: expected share of correct answers, smoothed. */
function oneCoinSkills(
	enc: EncodedAnswers,
	posteriors: Float64Array,
	prior: readonly [number, number]
): Float64Array {
	const K = enc.classes.length;
	const W = enc.workers.length;
	const correct = new Float64Array(W);
	const total = new Float64Array(W);
	for (let a = 0; a < enc.item.length; a++) {
		const w = enc.worker[a] as number;
		const p = posteriors[(enc.item[a] as number) * K + (enc.label[a] as number)] as number;
		correct[w] = (correct[w] as number) + p;
		total[w] = (total[w] as number) + 1;
	}
	const skills = new Float64Array(W);
	for (let w = 0; w < W; w++) {
		const s = ((correct[w] as number) + prior[0]) / ((total[w] as number) + prior[0] + prior[1]);
		skills[w] = Math.min(1 - SKILL_MIN, Math.max(SKILL_MIN, s));
	}
	return skills;
}

/** The [w][l][t] log answer table of a one-coin model. */
function oneCoinTable(skills: Float64Array, K: number): Float64Array {
	const table = new Float64Array(skills.length * K * K);
	for (let w = 0; w < skills.length; w++) {
		const s = skills[w] as number;
		const right = Math.log(s);
		const wrong = K > 1 ? Math.log((1 - s) / (K - 1)) : 0;
		for (let l = 0; l < K; l++) {
			for (let t = 0; t < K; t++) table[(w * K + l) * K + t] = l === t ? right : wrong;
		}
	}
	return table;
}

/** The public confusion matrices ([t * K + l]) implied by skills. */
function oneCoinConfusion(skills: Float64Array, K: number): Float64Array[] {
	return Array.from(skills, (s) => {
		const m = new Float64Array(K * K).fill(K > 1 ? (1 - s) / (K - 1) : 1);
		for (let t = 0; t < K; t++) m[t * K + t] = K > 1 ? s : 1;
		return m;
	});
}

/** One-coin Dawid–Skene over encoded answers. */
export function oneCoinEncoded(enc: EncodedAnswers, options: OneCoinOptions = {}): AggregateResult {
	const maxIterations = options.maxIterations ?? 100;
	const tolerance = options.tolerance ?? 1e-7;
	const skillPrior = options.skillPrior ?? [1, 1];
	const priorSmoothing = options.priorSmoothing ?? 1;
	const K = enc.classes.length;
	const n = Math.max(enc.item.length, 1);
	const I = enc.items.length;
	let posteriors = new Float64Array(I * K);
	// Start from majority-vote shares, as Dawid & Skene and crowd-kit do.
	for (let a = 0; a < enc.item.length; a++) {
		const idx = (enc.item[a] as number) * K + (enc.label[a] as number);
		posteriors[idx] = (posteriors[idx] as number) + 1;
	}
	for (let i = 0; i < I; i++) {
		let total = 0;
		for (let t = 0; t < K; t++) total += posteriors[i * K + t] as number;
		for (let t = 0; t < K; t++) posteriors[i * K + t] = (posteriors[i * K + t] as number) / total;
	}
	let skills = oneCoinSkills(enc, posteriors, skillPrior);
	let priors = emPriors(posteriors, K, priorSmoothing);
	const next = new Float64Array(I * K);
	let previous = -Infinity;
	let iterations = 0;
	let converged = false;
	while (iterations < maxIterations) {
		iterations++;
		const logLik = emPosteriors(enc, priors.map(Math.log), oneCoinTable(skills, K), next);
		posteriors = next.slice();
		skills = oneCoinSkills(enc, posteriors, skillPrior);
		priors = emPriors(posteriors, K, priorSmoothing);
		if (Math.abs(logLik - previous) / n < tolerance) {
			converged = true;
			break;
		}
		previous = logLik;
	}
	return {
		method: 'onecoin',
		items: enc.items,
		classes: enc.classes,
		workers: enc.workers,
		posteriors,
		...posteriorsDecide(posteriors, enc.items, enc.classes, options.seed ?? 0, options.tieBreak),
		priors,
		confusion: oneCoinConfusion(skills, K),
		skills,
		iterations,
		converged
	};
}

/** One-coin Dawid–Skene over answers: posteriors, labels and one accuracy per worker. */
export function oneCoin(answers: readonly Answer[], options: OneCoinOptions = {}): AggregateResult {
	return oneCoinEncoded(answersEncode(answers, options.classes), options);
}
