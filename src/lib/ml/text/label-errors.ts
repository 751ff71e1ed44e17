/**
 * Likely label errors from out-of-fold probabilities, by confident learning (core), ranked by
 * self-confidence (lowest first), each with the given label, the model's label and its evidence.
 */
import { findLabelIssuesMask, labelQualityScores } from '$lib/core/quality/label-issues';
import { argmax } from './uncertainty';

export interface LabelErrorCandidate {
	/** Row of the example in the input. */
	row: number;
	given: number;
	suggested: number;
	/** The model's probability of the given label (self-confidence; low = suspicious). */
	pGiven: number;
	/** The model's probability of the suggested label. */
	pSuggested: number;
	/** 1 − self-confidence: higher is more suspicious (orders the review queue). */
	score: number;
}

/** `probs` is rows × classes, row-major; `labels` are class indices. */
export function labelErrorsFind(
	probs: ArrayLike<number>,
	labels: ArrayLike<number>,
	classes: number
): LabelErrorCandidate[] {
	const n = labels.length;
	if (probs.length !== n * classes)
		throw new RangeError(`probs has ${probs.length} values; expected ${n} × ${classes}`);
	const data = {
		labels: Int32Array.from(labels),
		predProbs: Float64Array.from(probs),
		classes
	};
	const mask = findLabelIssuesMask(data);
	const quality = labelQualityScores(data, 'self_confidence');
	const out: LabelErrorCandidate[] = [];
	for (let i = 0; i < n; i++) {
		if (!mask[i]) continue;
		const row = data.predProbs.subarray(i * classes, (i + 1) * classes);
		const given = data.labels[i] as number;
		let suggested = argmax(row);
		if (suggested === given) {
			// Flagged by the noise rate but the model's top class is the given one: take the runner-up.
			let best = -Infinity;
			for (let k = 0; k < classes; k++)
				if (k !== given && (row[k] as number) > best) {
					best = row[k] as number;
					suggested = k;
				}
		}
		out.push({
			row: i,
			given,
			suggested,
			pGiven: quality[i] as number,
			pSuggested: row[suggested] as number,
			score: 1 - (quality[i] as number)
		});
	}
	return out.sort((a, b) => b.score - a.score || a.row - b.row);
}
