/**
 * Leave-one-dataset-out choice of a default: for each dataset, the candidate with the best mean
 * score over the *other* datasets, and the score it then gets on the one left out. A default that
 * every fold picks is one that no dataset chose for itself.
 */

/** `scores[dataset][candidate]`: higher is better; every dataset must score every candidate. */
export type ScoreTable = Record<string, Record<string, number>>;

export interface LodoFold {
	heldOut: string;
	chosen: string;
	/** Score of `chosen` on `heldOut`. */
	score: number;
}

export interface LodoResult {
	folds: LodoFold[];
	/** Mean held-out score over the folds. */
	meanScore: number;
	/** The candidate chosen by most folds (ties: the first in `candidates` order). */
	consensus: string;
}

/** Leave-one-dataset-out over `candidates` (in tie-break order: the first best wins). */
export function leaveOneDatasetOut(scores: ScoreTable, candidates: readonly string[]): LodoResult {
	const datasets = Object.keys(scores);
	if (datasets.length < 2) throw new Error('leave-one-dataset-out needs at least two datasets');
	const folds = datasets.map((heldOut) => {
		const train = datasets.filter((d) => d !== heldOut);
		let chosen = candidates[0] as string;
		let best = -Infinity;
		for (const c of candidates) {
			const mean = train.reduce((sum, d) => sum + (scores[d]?.[c] ?? NaN), 0) / train.length;
			if (Number.isNaN(mean)) throw new Error(`candidate "${c}" has no score on some dataset`);
			if (mean > best) {
				best = mean;
				chosen = c;
			}
		}
		return { heldOut, chosen, score: scores[heldOut]?.[chosen] as number };
	});
	const votes = new Map<string, number>();
	for (const f of folds) votes.set(f.chosen, (votes.get(f.chosen) ?? 0) + 1);
	let consensus = candidates[0] as string;
	for (const c of candidates) if ((votes.get(c) ?? 0) > (votes.get(consensus) ?? 0)) consensus = c;
	const meanScore = folds.reduce((sum, f) => sum + f.score, 0) / folds.length;
	return { folds, meanScore, consensus };
}
