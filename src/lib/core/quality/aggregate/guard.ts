/**
 * Guard rails for truth inference: checks that an aggregate explains the answers at least as well
 * as majority vote does, and that its classes are not permuted (the crowd, en masse, answering
 * another class than the one inferred). A result that fails either check is replaced by majority
 * vote, and the reasons travel with the result so the CLI and the app can say what happened.
 */
import { emPosteriors, emPriors, emSoftCounts, emVoteShares } from './em';
import { majorityVoteEncoded } from './majority';
import type { AggregateMethod, AggregateOptions, AggregateResult, EncodedAnswers } from './types';

/** Why a result was not trusted. */
export type GuardWarning =
	| {
			type: 'below-majority-likelihood';
			/** Mean log-likelihood per answer of the method's estimate and of majority vote's. */
			perAnswer: number;
			majorityPerAnswer: number;
	  }
	| {
			type: 'permuted';
			/** Classes whose items the crowd mostly labels as another class: [inferred, answered]. */
			swaps: [string, string][];
	  };

export interface GuardedResult {
	/** The result to use: the method's own, or majority vote's when a check failed. */
	result: AggregateResult;
	/** The method that was asked for. */
	requested: AggregateMethod;
	/** True when `result` is majority vote standing in for `requested`. */
	fellBack: boolean;
	warnings: GuardWarning[];
}

/** Pseudo-count of the common yardstick model (the Dawid–Skene default). */
const SCORE_SMOOTHING = 1;
/** Likelihood gap per answer under which two estimates count as equal. */
const SCORE_EPS = 1e-9;

/**
 * How well an estimate explains the answers: the mean log-likelihood per answer of a Dawid–Skene
 * model fitted in one M-step to the estimate's posteriors. One yardstick for every method, so a
 * GLAD or MACE estimate is comparable with majority vote's.
 */
export function estimateScore(enc: EncodedAnswers, posteriors: Float64Array): number {
	const K = enc.classes.length;
	const W = enc.workers.length;
	const counts = emSoftCounts(enc, posteriors);
	const logPriors = emPriors(posteriors, K, SCORE_SMOOTHING).map(Math.log);
	const logTable = new Float64Array(W * K * K);
	for (let w = 0; w < W; w++) {
		for (let t = 0; t < K; t++) {
			let total = K * SCORE_SMOOTHING;
			for (let l = 0; l < K; l++) total += counts[(w * K + l) * K + t] as number;
			for (let l = 0; l < K; l++) {
				const j = (w * K + l) * K + t;
				logTable[j] = Math.log(((counts[j] as number) + SCORE_SMOOTHING) / total);
			}
		}
	}
	const scratch = new Float64Array(enc.items.length * K);
	return emPosteriors(enc, logPriors, logTable, scratch) / Math.max(enc.item.length, 1);
}

/**
 * Classes that look permuted: over the items labeled t, the crowd most often answers another class
 * f(t), and following f from t comes back to t (t ↔ l, or a longer cycle). A one-way move (the
 * crowd under-reports class t, which Dawid–Skene may rightly learn) is not a permutation. Never
 * true of majority vote's own labels. Returns the [inferred, answered] pairs on such cycles.
 */
export function permutedClasses(
	enc: EncodedAnswers,
	labels: readonly string[]
): [string, string][] {
	const K = enc.classes.length;
	const index = new Map(enc.classes.map((c, k) => [c, k]));
	const pooled = new Float64Array(K * K);
	for (let a = 0; a < enc.item.length; a++) {
		const t = index.get(labels[enc.item[a] as number] as string) as number;
		pooled[t * K + (enc.label[a] as number)]!++;
	}
	const answered = new Int32Array(K);
	for (let t = 0; t < K; t++) {
		let best = t;
		for (let l = 0; l < K; l++) {
			if ((pooled[t * K + l] as number) > (pooled[t * K + best] as number)) best = l;
		}
		answered[t] = best;
	}
	const swaps: [string, string][] = [];
	for (let t = 0; t < K; t++) {
		let k = answered[t] as number;
		for (let step = 0; step < K && k !== t && answered[k] !== k; step++) k = answered[k] as number;
		if (k === t && answered[t] !== t) {
			swaps.push([enc.classes[t] as string, enc.classes[answered[t] as number] as string]);
		}
	}
	return swaps;
}

/** Runs both checks on `result` and falls back to majority vote when either fails. */
export function guardResult(
	enc: EncodedAnswers,
	result: AggregateResult,
	options: AggregateOptions = {}
): GuardedResult {
	const guarded = { requested: result.method, warnings: [] as GuardWarning[] };
	if (result.method === 'mv') return { ...guarded, result, fellBack: false };
	const perAnswer = estimateScore(enc, result.posteriors);
	const majorityPerAnswer = estimateScore(enc, emVoteShares(enc));
	if (perAnswer < majorityPerAnswer - SCORE_EPS) {
		guarded.warnings.push({ type: 'below-majority-likelihood', perAnswer, majorityPerAnswer });
	}
	const swaps = permutedClasses(enc, result.labels);
	if (swaps.length > 0) guarded.warnings.push({ type: 'permuted', swaps });
	if (guarded.warnings.length === 0) return { ...guarded, result, fellBack: false };
	return { ...guarded, result: majorityVoteEncoded(enc, options), fellBack: true };
}

/**
 * What to tell the user when a result fell back (undefined otherwise); `method` is the requested
 * method's display name.
 */
export function guardMessage(g: GuardedResult, method: string): string | undefined {
	if (!g.fellBack) return undefined;
	const parts = g.warnings.map((w) =>
		w.type === 'below-majority-likelihood'
			? `its estimate explains the answers less well than majority vote (log-likelihood per answer ${w.perAnswer.toFixed(3)} against ${w.majorityPerAnswer.toFixed(3)})`
			: `its classes look permuted (the crowd mostly answers ${w.swaps.map(([inferred, answered]) => `${answered} where it inferred ${inferred}`).join(', ')})`
	);
	return `${method}: ${parts.join('; and ')}. Majority vote is used instead.`;
}
