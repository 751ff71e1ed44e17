/**
 * What a classifier's held-out (out-of-fold) predictions say about it, for the Model page and for
 * deciding whether its suggestions are worth showing:
 * - accuracy against the majority-class baseline (each fold's baseline answers the most common
 *   label of the other rows, so it sees no held-out label either);
 * - the temperature fitted on all held-out rows (temperature.ts), to apply to the final model;
 * - the expected calibration error before and after scaling. "After" is cross-fitted: each fold's
 *   rows are scaled by a temperature fitted on the other folds' rows only, so the figure is not
 *   measured on the rows the temperature was fitted to;
 * - per-class precision, recall and F1, and the confusion matrix (rows: given label, columns:
 *   predicted label) of the unscaled predictions (scaling never changes the top class).
 *
 * Cross-fitting a post-hoc calibrator this way is the `ensemble=False` mode of scikit-learn's
 * CalibratedClassifierCV (Pedregosa et al., JMLR 2011); temperature scaling is Guo et al., ICML 2017.
 */
import {
	calibrationError,
	temperatureApply,
	temperatureFit,
	type ReliabilityBin
} from './temperature';

/** Precision, recall and F1 of one class; null where the share has no denominator. */
export interface ClassScores {
	precision: number | null;
	recall: number | null;
	f1: number | null;
	/** Held-out rows given this label. */
	support: number;
	/** Held-out rows predicted as this label. */
	predicted: number;
}

export interface HeldOutReport {
	/** Held-out rows evaluated, and in how many folds. */
	rows: number;
	folds: number;
	accuracy: number;
	/** Accuracy of always answering the majority label of the training rows. */
	baselineAccuracy: number;
	/** The baseline's label (class index) over all rows. */
	baselineClass: number;
	/** Whether the model's held-out accuracy is above the baseline's. */
	beatsBaseline: boolean;
	/** Temperature fitted on every held-out row; apply it to the final model's probabilities. */
	temperature: number;
	eceBefore: number;
	/** Cross-fitted (see the header). */
	eceAfter: number;
	/** Reliability bins after scaling (cross-fitted), for a reliability diagram. */
	reliability: ReliabilityBin[];
	classes: ClassScores[];
	/** confusion[given][predicted], counts. */
	confusion: number[][];
}

export interface HeldOutInput {
	/** n × K probabilities, row-major; rows of folds that did not run are ignored. */
	probs: ArrayLike<number>;
	K: number;
	/** Given label (class index) of every row. */
	labels: ArrayLike<number>;
	/** Fold of every row (0..). */
	fold: ArrayLike<number>;
	/** Folds 0..ran−1 were held out and predicted; at least 2. */
	ran: number;
}

function argmaxCount(counts: number[]): number {
	let best = 0;
	for (let k = 1; k < counts.length; k++)
		if ((counts[k] as number) > (counts[best] as number)) best = k;
	return best;
}

function pick(input: HeldOutInput, keep: (f: number) => boolean) {
	const { K } = input;
	const rows: number[] = [];
	for (let i = 0; i < input.labels.length; i++) {
		const f = input.fold[i] as number;
		if (f < input.ran && keep(f)) rows.push(i);
	}
	const probs = new Float64Array(rows.length * K);
	const labels = new Int32Array(rows.length);
	rows.forEach((r, j) => {
		for (let k = 0; k < K; k++) probs[j * K + k] = input.probs[r * K + k] as number;
		labels[j] = input.labels[r] as number;
	});
	return { rows, probs, labels };
}

/** Each fold's probabilities scaled by the temperature fitted on the other held-out folds. */
export function temperatureCrossFit(input: HeldOutInput): {
	probs: Float64Array;
	labels: Int32Array;
} {
	if (input.ran < 2) throw new RangeError('Cross-fitting needs at least 2 held-out folds');
	const { K } = input;
	const all = pick(input, () => true);
	const at = new Map(all.rows.map((r, j) => [r, j]));
	const out = new Float64Array(all.probs.length);
	for (let f = 0; f < input.ran; f++) {
		const other = pick(input, (g) => g !== f);
		const mine = pick(input, (g) => g === f);
		const scaled = temperatureApply(mine.probs, K, temperatureFit(other.probs, K, other.labels));
		mine.rows.forEach((r, j) =>
			out.set(scaled.subarray(j * K, (j + 1) * K), (at.get(r) as number) * K)
		);
	}
	return { probs: out, labels: all.labels };
}

/** The report of held-out predictions (see the header). */
export function heldOutReport(input: HeldOutInput, binCount = 10): HeldOutReport {
	const { K, labels, fold } = input;
	const all = pick(input, () => true);
	const n = all.rows.length;
	const confusion = Array.from({ length: K }, () => new Array<number>(K).fill(0));
	let right = 0;
	let baselineRight = 0;
	const total = new Array<number>(K).fill(0);
	for (let i = 0; i < labels.length; i++) total[labels[i] as number]!++;
	const baselineOf = new Map<number, number>();
	for (let f = 0; f < input.ran; f++) {
		const counts = [...total];
		for (let i = 0; i < labels.length; i++) if (fold[i] === f) counts[labels[i] as number]!--;
		baselineOf.set(f, argmaxCount(counts));
	}
	all.rows.forEach((r, j) => {
		let top = 0;
		for (let k = 1; k < K; k++)
			if ((all.probs[j * K + k] as number) > (all.probs[j * K + top] as number)) top = k;
		const given = all.labels[j] as number;
		confusion[given]![top]!++;
		if (top === given) right++;
		if (baselineOf.get(fold[r] as number) === given) baselineRight++;
	});
	const classes = confusion.map((row, k): ClassScores => {
		const tp = row[k] as number;
		const support = row.reduce((a, b) => a + b, 0);
		const predicted = confusion.reduce((a, r) => a + (r[k] as number), 0);
		const precision = predicted ? tp / predicted : null;
		const recall = support ? tp / support : null;
		const f1 =
			precision === null || recall === null
				? null
				: precision + recall === 0
					? 0
					: (2 * precision * recall) / (precision + recall);
		return { precision, recall, f1, support, predicted };
	});
	const crossed = temperatureCrossFit(input);
	const after = calibrationError(crossed.probs, K, crossed.labels, binCount);
	const accuracy = n ? right / n : 0;
	const baselineAccuracy = n ? baselineRight / n : 0;
	return {
		rows: n,
		folds: input.ran,
		accuracy,
		baselineAccuracy,
		baselineClass: argmaxCount(total),
		beatsBaseline: accuracy > baselineAccuracy,
		temperature: temperatureFit(all.probs, K, all.labels),
		eceBefore: calibrationError(all.probs, K, all.labels, binCount).ece,
		eceAfter: after.ece,
		reliability: after.bins,
		classes,
		confusion
	};
}
