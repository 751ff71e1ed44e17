/**
 * KOS: Karger–Oh–Shah iterative inference for binary labels, message passing on the bipartite
 * item–worker graph (a low-rank, power-iteration view of crowd reliability).
 *
 * D. R. Karger, S. Oh, D. Shah. Iterative Learning for Reliable Crowdsourcing Systems. NIPS 2011.
 *
 * As crowd-kit's `KOS`: reliabilities start at N(1, 1) draws (here from a generator seeded by
 * `seed`), 100 iterations. The updates are linear, so each round's messages are rescaled to a
 * maximum of 1 (crowd-kit instead stops when they pass 1e300); the signs, and so the labels, are
 * the same. Labels are hard: the posterior is 1 on the sign's class, ½–½ when the score is 0.
 */
import { rngFrom } from '../rng';
import { answersEncode, posteriorsDecide } from './encode';
import type { AggregateOptions, AggregateResult, Answer, EncodedAnswers } from './types';

export class KosClassesError extends Error {
	constructor(classes: number) {
		super(`KOS is for two classes; these answers use ${classes}`);
		this.name = 'KosClassesError';
	}
}

function rescale(values: Float64Array): void {
	let max = 0;
	for (const v of values) max = Math.max(max, Math.abs(v));
	if (max > 0) for (let a = 0; a < values.length; a++) values[a] = (values[a] as number) / max;
}

/** KOS over encoded answers. @throws KosClassesError unless there are exactly two classes */
export function kosEncoded(enc: EncodedAnswers, options: AggregateOptions = {}): AggregateResult {
	const K = enc.classes.length;
	if (K !== 2) throw new KosClassesError(K);
	const n = enc.item.length;
	const I = enc.items.length;
	const W = enc.workers.length;
	const sign = Float64Array.from(enc.label, (l) => (l === 0 ? 1 : -1));
	const rng = rngFrom(options.seed ?? 0);
	const y = new Float64Array(n);
	for (let a = 0; a < n; a++) {
		// Box–Muller: N(1, 1).
		const u = 1 - rng();
		y[a] = 1 + Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
	}
	const x = new Float64Array(n);
	const itemSum = new Float64Array(I);
	const workerSum = new Float64Array(W);
	const iterations = options.maxIterations ?? 100;
	for (let it = 0; it < iterations; it++) {
		itemSum.fill(0);
		for (let a = 0; a < n; a++)
			itemSum[enc.item[a] as number]! += (sign[a] as number) * (y[a] as number);
		for (let a = 0; a < n; a++) {
			x[a] = (itemSum[enc.item[a] as number] as number) - (sign[a] as number) * (y[a] as number);
		}
		workerSum.fill(0);
		for (let a = 0; a < n; a++)
			workerSum[enc.worker[a] as number]! += (sign[a] as number) * (x[a] as number);
		for (let a = 0; a < n; a++) {
			y[a] =
				(workerSum[enc.worker[a] as number] as number) - (sign[a] as number) * (x[a] as number);
		}
		rescale(y);
	}
	itemSum.fill(0);
	for (let a = 0; a < n; a++)
		itemSum[enc.item[a] as number]! += (sign[a] as number) * (y[a] as number);
	const posteriors = new Float64Array(I * 2);
	for (let i = 0; i < I; i++) {
		const s = itemSum[i] as number;
		posteriors[i * 2] = s > 0 ? 1 : s < 0 ? 0 : 0.5;
		posteriors[i * 2 + 1] = 1 - (posteriors[i * 2] as number);
	}
	return {
		method: 'kos',
		items: enc.items,
		classes: enc.classes,
		workers: enc.workers,
		posteriors,
		...posteriorsDecide(posteriors, enc.items, enc.classes, options.seed ?? 0, options.tieBreak),
		priors: new Float64Array(2).fill(0.5),
		iterations,
		converged: true
	};
}

/** KOS over answers (binary only). */
export function kos(answers: readonly Answer[], options: AggregateOptions = {}): AggregateResult {
	return kosEncoded(answersEncode(answers, options.classes), options);
}
