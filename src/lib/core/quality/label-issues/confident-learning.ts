/**
 * Label-error detection by confident learning, equal to cleanlab's `filter.find_label_issues`
 * (default `filter_by="prune_by_noise_rate"`, `frac_noise=1`, `min_examples_per_class=1`,
 * calibrated confident joint) and `rank.order_label_issues`.
 *
 * C. G. Northcutt, L. Jiang, I. L. Chuang. Confident Learning: Estimating Uncertainty in Dataset
 * Labels. JAIR 70:1373–1411, 2021 (§3.2, "Prune by Noise Rate" and "Prune by Class").
 */
import {
	confidentJointCalibrate,
	confidentJointRaw,
	roundPreservingRowTotals,
	rowArgmax,
	type PredictedLabels
} from './confident-joint';
import { argsortStable } from './numpy-compat';
import { labelQualityScores, type LabelQualityMethod } from './rank';

export type FilterBy =
	'prune_by_noise_rate' | 'prune_by_class' | 'both' | 'confident_learning' | 'predicted_neq_given';

export interface FindLabelIssuesOptions {
	filterBy?: FilterBy;
	/** Classes keep at least this many examples. Default 1. */
	minExamplesPerClass?: number;
	/** Flag only this fraction of the estimated issues, in [0, 1]. Default 1. */
	fracNoise?: number;
}

/**
 * cleanlab's `_keep_at_least_n_per_class` (with `_reduce_prune_counts`): the prune-count matrix
 * (the transposed confident joint) with every diagonal raised to at least n and noise scaled.
 */
function pruneCounts(jointT: Float64Array, K: number, n: number, fracNoise: number): Float64Array {
	const m = new Float64Array(K * K);
	for (let c = 0; c < K; c++) {
		const diag = jointT[c * K + c] as number;
		const newDiag = Math.max(diag, n);
		let nonZero = 0;
		for (let r = 0; r < K; r++) if ((jointT[r * K + c] as number) !== 0) nonZero++;
		const perRate = (newDiag - diag) / Math.max(nonZero - 1, 1);
		for (let r = 0; r < K; r++) m[r * K + c] = Math.max((jointT[r * K + c] as number) - perRate, 0);
		m[c * K + c] = newDiag;
	}
	const reduced = new Float64Array(K * K);
	for (let c = 0; c < K; c++) {
		let removed = 0;
		for (let r = 0; r < K; r++) {
			if (r === c) continue;
			const v = (m[r * K + c] as number) * fracNoise;
			removed += (m[r * K + c] as number) - v;
			reduced[r * K + c] = Math.trunc(v);
		}
		reduced[c * K + c] = Math.trunc((m[c * K + c] as number) + removed);
	}
	return roundPreservingRowTotals(reduced, K);
}

/** Rows of class k, in index order. */
function rowsOfClass(labels: Int32Array, k: number): number[] {
	const rows: number[] = [];
	for (let i = 0; i < labels.length; i++) if (labels[i] === k) rows.push(i);
	return rows;
}

/** For each given class k and each j ≠ k, flags the C̃[k][j] examples with the largest p_j − p_k. */
function pruneByNoiseRate(
	data: PredictedLabels,
	prune: Float64Array,
	minPerClass: number
): Uint8Array {
	const { labels, predProbs, classes: K } = data;
	const mask = new Uint8Array(labels.length);
	for (let k = 0; k < K; k++) {
		const rows = rowsOfClass(labels, k);
		if (rows.length <= minPerClass) continue;
		for (let j = 0; j < K; j++) {
			const count = prune[j * K + k] as number;
			if (j === k || count <= 0) continue;
			const negMargin = rows.map(
				(i) => -((predProbs[i * K + j] as number) - (predProbs[i * K + k] as number))
			);
			for (const r of argsortStable(negMargin).slice(0, count)) mask[rows[r] as number] = 1;
		}
	}
	return mask;
}

/** For each class k, flags the n_k − C̃[k][k] examples with the smallest p_k. */
function pruneByClass(data: PredictedLabels, prune: Float64Array, minPerClass: number): Uint8Array {
	const { labels, predProbs, classes: K } = data;
	const mask = new Uint8Array(labels.length);
	for (let k = 0; k < K; k++) {
		const rows = rowsOfClass(labels, k);
		if (rows.length <= minPerClass) continue;
		const count = rows.length - (prune[k * K + k] as number);
		if (count < 1) continue;
		const probs = rows.map((i) => predProbs[i * K + k] as number);
		for (const r of argsortStable(probs).slice(0, count)) mask[rows[r] as number] = 1;
	}
	return mask;
}

/**
 * Finds examples whose given label is probably wrong.
 * @returns a 0/1 mask over examples (1 = label issue)
 */
export function findLabelIssuesMask(
	data: PredictedLabels,
	options: FindLabelIssuesOptions = {}
): Uint8Array {
	const filterBy = options.filterBy ?? 'prune_by_noise_rate';
	const minPerClass = options.minExamplesPerClass ?? 1;
	const { labels, predProbs, classes: K } = data;
	const raw = confidentJointRaw(data);
	let mask: Uint8Array;
	if (filterBy === 'confident_learning') {
		mask = new Uint8Array(labels.length);
		for (const i of raw.offDiagonal) mask[i] = 1;
	} else if (filterBy === 'predicted_neq_given') {
		mask = Uint8Array.from(labels, (l, i) => (rowArgmax(predProbs, i, K) !== l ? 1 : 0));
	} else {
		const joint = confidentJointCalibrate(raw.joint, labels, K);
		const jointT = new Float64Array(K * K);
		for (let r = 0; r < K; r++)
			for (let c = 0; c < K; c++) jointT[c * K + r] = joint[r * K + c] as number;
		const prune = pruneCounts(jointT, K, minPerClass, options.fracNoise ?? 1);
		const byNoise =
			filterBy === 'prune_by_class' ? null : pruneByNoiseRate(data, prune, minPerClass);
		const byClass =
			filterBy === 'prune_by_noise_rate' ? null : pruneByClass(data, prune, minPerClass);
		mask =
			byNoise && byClass
				? byNoise.map((v, i) => v & (byClass[i] as number))
				: ((byNoise ?? byClass) as Uint8Array);
	}
	// An example whose prediction agrees with its label is never an issue.
	for (let i = 0; i < labels.length; i++) if (rowArgmax(predProbs, i, K) === labels[i]) mask[i] = 0;
	return mask;
}

/** Indices of label issues, ascending. */
export function findLabelIssues(
	data: PredictedLabels,
	options: FindLabelIssuesOptions = {}
): number[] {
	const mask = findLabelIssuesMask(data, options);
	const out: number[] = [];
	mask.forEach((v, i) => {
		if (v) out.push(i);
	});
	return out;
}

/** Issue indices ordered by label quality score, most suspicious (lowest score) first. */
export function labelIssuesRanked(
	data: PredictedLabels,
	rankBy: LabelQualityMethod = 'self_confidence',
	options: FindLabelIssuesOptions = {}
): number[] {
	const issues = findLabelIssues(data, options);
	const scores = labelQualityScores(data, rankBy);
	const issueScores = issues.map((i) => scores[i] as number);
	return argsortStable(issueScores).map((r) => issues[r] as number);
}
