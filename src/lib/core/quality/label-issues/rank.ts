/**
 * Label quality scores in [0, 1] (lower = more likely mislabelled), as cleanlab's
 * `rank.get_label_quality_scores` without probability adjustment.
 *
 * Northcutt, Jiang, Chuang, JAIR 2021; self-confidence and normalized margin are Eq. 2.1/2.2 of
 * C. G. Northcutt, T. Wu, I. L. Chuang, "Learning with Confident Examples", UAI 2017 / cleanlab docs.
 */
import type { PredictedLabels } from './confident-joint';

export type LabelQualityMethod = 'self_confidence' | 'normalized_margin';

/** One score per example: p[label] (self-confidence) or (p[label] − max other p + 1) / 2. */
export function labelQualityScores(
	data: PredictedLabels,
	method: LabelQualityMethod = 'self_confidence'
): Float64Array {
	const { labels, predProbs, classes: K } = data;
	const scores = new Float64Array(labels.length);
	for (let i = 0; i < labels.length; i++) {
		const l = labels[i] as number;
		const self = predProbs[i * K + l] as number;
		if (method === 'self_confidence') {
			scores[i] = self;
			continue;
		}
		let other = -Infinity;
		for (let k = 0; k < K; k++)
			if (k !== l) other = Math.max(other, predProbs[i * K + k] as number);
		scores[i] = (self - other + 1) / 2;
	}
	return scores;
}

/** Type guard for a ranking method name. */
export function isLabelQualityMethod(name: string): name is LabelQualityMethod {
	return name === 'self_confidence' || name === 'normalized_margin';
}
