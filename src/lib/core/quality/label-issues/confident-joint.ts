/**
 * The confident joint of confident learning: counts of examples whose given label is i and whose
 * true label is confidently j, calibrated so rows sum to the given-label counts.
 *
 * C. G. Northcutt, L. Jiang, I. L. Chuang. Confident Learning: Estimating Uncertainty in Dataset
 * Labels. JAIR 70:1373–1411, 2021 (§3.1, Eq. 1–2). Mirrors cleanlab 2.x `count.py`
 * (`get_confident_thresholds`, `compute_confident_joint`, `calibrate_confident_joint`) and
 * `internal/util.py` (`round_preserving_row_totals`) so that integer counts match exactly.
 */
import { argsortStable, numpyMean, numpySum, roundHalfEven } from './numpy-compat';

/** Labels plus out-of-fold predicted probabilities (n × K, row-major). */
export interface PredictedLabels {
	labels: Int32Array;
	predProbs: Float64Array;
	classes: number;
}

const FLOATING_POINT_COMPARISON = 1e-6;
const CONFIDENT_THRESHOLDS_LOWER_BOUND = 2 * FLOATING_POINT_COMPARISON;
const TINY_VALUE = 1e-100;
/** Threshold for a class absent from the labels: no probability reaches it. */
const BIG_VALUE = 2;

/** Per class k, the mean predicted probability of k over examples labelled k (t_k in the paper). */
export function confidentThresholds(data: PredictedLabels): Float64Array {
	const { labels, predProbs, classes: K } = data;
	const out = new Float64Array(K);
	for (let k = 0; k < K; k++) {
		const values: number[] = [];
		for (let i = 0; i < labels.length; i++) {
			if (labels[i] === k) values.push(predProbs[i * K + k] as number);
		}
		const t = values.length > 0 ? numpyMean(values) : BIG_VALUE;
		out[k] = Math.max(t, CONFIDENT_THRESHOLDS_LOWER_BOUND);
	}
	return out;
}

/** Index of the largest value in row i (first one on ties), as `np.argmax`. */
export function rowArgmax(predProbs: Float64Array, i: number, K: number): number {
	let best = 0;
	for (let k = 1; k < K; k++) {
		if ((predProbs[i * K + k] as number) > (predProbs[i * K + best] as number)) best = k;
	}
	return best;
}

/** The uncalibrated confident joint (K × K, rows = given label) and its off-diagonal examples. */
export function confidentJointRaw(data: PredictedLabels): {
	joint: Float64Array;
	offDiagonal: number[];
} {
	const { labels, predProbs, classes: K } = data;
	const thresholds = confidentThresholds(data);
	const joint = new Float64Array(K * K);
	const offDiagonal: number[] = [];
	for (let i = 0; i < labels.length; i++) {
		let confident = 0;
		let firstConfident = -1;
		for (let k = 0; k < K; k++) {
			if (
				(predProbs[i * K + k] as number) >=
				(thresholds[k] as number) - FLOATING_POINT_COMPARISON
			) {
				confident++;
				if (firstConfident < 0) firstConfident = k;
			}
		}
		if (confident === 0) continue;
		const guess = confident > 1 ? rowArgmax(predProbs, i, K) : firstConfident;
		const given = labels[i] as number;
		joint[given * K + guess] = (joint[given * K + guess] as number) + 1;
		if (guess !== given) offDiagonal.push(i);
	}
	// At least one correctly labelled example per class.
	for (let k = 0; k < K; k++) joint[k * K + k] = Math.max(joint[k * K + k] as number, 1);
	return { joint, offDiagonal };
}

/** Counts of each label value 0..K-1. */
export function labelCounts(labels: Int32Array, K: number): Float64Array {
	const counts = new Float64Array(K);
	for (const l of labels) counts[l] = (counts[l] as number) + 1;
	return counts;
}

/** Rounds one row to integers keeping its (rounded) total, as cleanlab's `round_preserving_sum`. */
export function roundPreservingSum(row: Float64Array): Float64Array {
	const ints = row.map(roundHalfEven);
	const origSum = roundHalfEven(numpySum(row));
	let intSum = roundHalfEven(numpySum(ints));
	while (Math.abs(intSum - origSum) > FLOATING_POINT_COMPARISON) {
		const diff = roundHalfEven(origSum - intSum);
		const increment = diff < 0 ? -1 : 1;
		const changes = Math.min(Math.abs(diff), row.length);
		const order = argsortStable(row.map((f, i) => f - (ints[i] as number)));
		if (increment === 1) order.reverse();
		for (const i of order.slice(0, changes)) ints[i] = (ints[i] as number) + increment;
		intSum = roundHalfEven(numpySum(ints));
	}
	return ints;
}

/** Applies {@link roundPreservingSum} to every row of a K × K matrix. */
export function roundPreservingRowTotals(matrix: Float64Array, K: number): Float64Array {
	const out = new Float64Array(K * K);
	for (let r = 0; r < K; r++) out.set(roundPreservingSum(matrix.slice(r * K, r * K + K)), r * K);
	return out;
}

/** Calibrates a confident joint so row i sums to the count of label i and the total is n. */
export function confidentJointCalibrate(
	joint: Float64Array,
	labels: Int32Array,
	K: number
): Float64Array {
	const counts = labelCounts(labels, K);
	const calibrated = new Float64Array(K * K);
	for (let i = 0; i < K; i++) {
		let rowSum = 0;
		for (let j = 0; j < K; j++) rowSum += joint[i * K + j] as number;
		for (let j = 0; j < K; j++) {
			calibrated[i * K + j] =
				((joint[i * K + j] as number) / Math.max(rowSum, TINY_VALUE)) * (counts[i] as number);
		}
	}
	// NumPy sums the transposed (column-major) view in memory order.
	const columnMajor = new Float64Array(K * K);
	for (let i = 0; i < K; i++)
		for (let j = 0; j < K; j++) columnMajor[j * K + i] = calibrated[i * K + j] as number;
	const total = Math.max(numpySum(columnMajor), TINY_VALUE);
	const n = labels.length;
	for (let j = 0; j < K * K; j++) calibrated[j] = ((calibrated[j] as number) / total) * n;
	return roundPreservingRowTotals(calibrated, K);
}

/** The calibrated confident joint C̃ (K × K integer counts, rows = given label, columns = true label). */
export function confidentJoint(data: PredictedLabels): Float64Array {
	return confidentJointCalibrate(confidentJointRaw(data).joint, data.labels, data.classes);
}
