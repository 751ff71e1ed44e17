/**
 * Skill-weighted majority votes: each answer counts with its worker's skill, the skill being the
 * worker's accuracy against a vote.
 *
 * - Wawa ("worker agreement with aggregate"): skills are each worker's accuracy against plain
 *   majority vote, then one weighted vote (crowd-kit's `Wawa`).
 * - Zero-based skill: skills start at 1/K and move towards each worker's accuracy against the
 *   current weighted vote, 100 steps with a learning rate that halves every 20 (crowd-kit's
 *   `ZeroBasedSkill`, same defaults).
 */
import { answersEncode, posteriorsDecide } from './encode';
import type { AggregateOptions, AggregateResult, Answer, EncodedAnswers } from './types';

/** Vote shares per item with answer weights `skills[worker]` (uniform when every weight is 0). */
export function weightedShares(enc: EncodedAnswers, skills: Float64Array): Float64Array {
	const K = enc.classes.length;
	const shares = new Float64Array(enc.items.length * K);
	for (let a = 0; a < enc.item.length; a++) {
		const j = (enc.item[a] as number) * K + (enc.label[a] as number);
		shares[j] = (shares[j] as number) + (skills[enc.worker[a] as number] as number);
	}
	for (let i = 0; i < enc.items.length; i++) {
		let total = 0;
		for (let k = 0; k < K; k++) total += shares[i * K + k] as number;
		for (let k = 0; k < K; k++) {
			shares[i * K + k] = total > 0 ? (shares[i * K + k] as number) / total : 1 / K;
		}
	}
	return shares;
}

/** Each worker's share of answers equal to `labels` (the class index chosen per item). */
export function workerAccuracy(enc: EncodedAnswers, labels: Int32Array): Float64Array {
	const W = enc.workers.length;
	const right = new Float64Array(W);
	const total = new Float64Array(W);
	for (let a = 0; a < enc.item.length; a++) {
		const w = enc.worker[a] as number;
		total[w] = (total[w] as number) + 1;
		if (labels[enc.item[a] as number] === enc.label[a]) right[w] = (right[w] as number) + 1;
	}
	return right.map((r, w) => ((total[w] as number) > 0 ? r / (total[w] as number) : 0));
}

function decide(enc: EncodedAnswers, shares: Float64Array, options: AggregateOptions) {
	const decided = posteriorsDecide(
		shares,
		enc.items,
		enc.classes,
		options.seed ?? 0,
		options.tieBreak
	);
	const index = new Map(enc.classes.map((c, k) => [c, k]));
	const labels = Int32Array.from(decided.labels, (l) => index.get(l) as number);
	return { decided, labels };
}

function result(
	enc: EncodedAnswers,
	method: 'wawa' | 'zbs',
	shares: Float64Array,
	skills: Float64Array,
	options: AggregateOptions,
	iterations: number
): AggregateResult {
	const K = enc.classes.length;
	return {
		method,
		items: enc.items,
		classes: enc.classes,
		workers: enc.workers,
		posteriors: shares,
		...decide(enc, shares, options).decided,
		priors: new Float64Array(K).fill(1 / K),
		skills,
		iterations,
		converged: true
	};
}

/** Wawa over encoded answers: skills from agreement with majority vote, then a weighted vote. */
export function wawaEncoded(enc: EncodedAnswers, options: AggregateOptions = {}): AggregateResult {
	const ones = new Float64Array(enc.workers.length).fill(1);
	const { labels } = decide(enc, weightedShares(enc, ones), options);
	const skills = workerAccuracy(enc, labels);
	return result(enc, 'wawa', weightedShares(enc, skills), skills, options, 1);
}

export interface ZeroBasedSkillOptions extends AggregateOptions {
	/** Initial learning rate. Default 1. */
	learningRate?: number;
	/** Halve the learning rate every this many steps. Default 20. */
	stepsToReduce?: number;
}

/** Zero-based skill over encoded answers. `maxIterations` (default 100) skill updates. */
export function zeroBasedSkillEncoded(
	enc: EncodedAnswers,
	options: ZeroBasedSkillOptions = {}
): AggregateResult {
	const iterations = options.maxIterations ?? 100;
	const stepsToReduce = options.stepsToReduce ?? 20;
	let rate = options.learningRate ?? 1;
	const used = new Set(enc.label).size;
	const skills = new Float64Array(enc.workers.length).fill(1 / Math.max(used, 1) + 1e-5);
	for (let it = 1; it <= iterations; it++) {
		if (it % stepsToReduce === 0) rate *= 0.5;
		const { labels } = decide(enc, weightedShares(enc, skills), options);
		const accuracy = workerAccuracy(enc, labels);
		for (let w = 0; w < skills.length; w++) {
			skills[w] = (skills[w] as number) + rate * ((accuracy[w] as number) - (skills[w] as number));
		}
	}
	return result(enc, 'zbs', weightedShares(enc, skills), skills, options, iterations);
}

export function wawa(answers: readonly Answer[], options: AggregateOptions = {}): AggregateResult {
	return wawaEncoded(answersEncode(answers, options.classes), options);
}

export function zeroBasedSkill(
	answers: readonly Answer[],
	options: ZeroBasedSkillOptions = {}
): AggregateResult {
	return zeroBasedSkillEncoded(answersEncode(answers, options.classes), options);
}
