/**
 * Calibration figures of the text model (ml group):
 * - on k-fold out-of-fold probabilities, the expected calibration error before and after
 *   temperature scaling, cross-fitted (each fold scaled by a temperature fitted on the other
 *   folds: core/quality/calibration/held-out.ts), so no row is scaled by a temperature fitted on
 *   its own label;
 * - with few labels (50): the model the app trains on a seeded sample (its held-out folds fit the
 *   temperature), then its raw and its calibrated probabilities on every other row, whose labels
 *   it never saw; averaged over several samples.
 */
import { heldOutReport } from '../../src/lib/core/quality/calibration/held-out';
import { calibrationError } from '../../src/lib/core/quality/calibration/temperature';
import { permutation } from '../../src/lib/ml/text/folds';

/** The text worker, addressed by row numbers of a corpus it already holds. */
export interface RowsModel {
	/** Trains (and judges on held-out folds) a model saved at `key` on `rows` with labels `y`. */
	train(key: string, rows: number[], y: number[]): Promise<{ beatsBaseline?: boolean }>;
	/** The saved model's probabilities of `rows`, scaled by its temperature unless `raw`. */
	predict(key: string, rows: number[], raw: boolean): Promise<number[]>;
}

export interface CalibrationFigure {
	ece: number;
	uncalibrated: number;
}

/** Cross-fitted ECE after scaling, and before, of out-of-fold probabilities. */
export function calibrationOfOof(
	probs: ArrayLike<number>,
	y: readonly number[],
	fold: ArrayLike<number>,
	k: number,
	K = 2
): CalibrationFigure & { temperature: number } {
	const r = heldOutReport({ probs, K, labels: y, fold, ran: k });
	return { ece: r.eceAfter, uncalibrated: r.eceBefore, temperature: r.temperature };
}

/**
 * Mean ECE over `draws` seeded samples of `size` labeled rows: the app's model trained on the
 * sample, scored on all the other rows, calibrated and raw.
 */
export async function calibrationSmallData(
	model: RowsModel,
	y: readonly number[],
	{ size = 50, draws = 5, K = 2 } = {}
): Promise<CalibrationFigure & { beatBaseline: number; scored: number }> {
	let ece = 0;
	let uncalibrated = 0;
	let beatBaseline = 0;
	let scored = 0;
	for (let d = 0; d < draws; d++) {
		const order = Array.from(permutation(y.length, 500 + d));
		const sample = order.slice(0, size);
		const rest = order.slice(size);
		const labels = Int32Array.from(rest, (i) => y[i] as number);
		// A tf.io URL: the worker in the browser saves through TF.js's IndexedDB router (a bare name
		// has no save handler there); the in-memory store of the node check takes any key.
		const key = `indexeddb://quorum-bench-calibration-${size}-${d}`;
		const judged = await model.train(
			key,
			sample,
			sample.map((i) => y[i] as number)
		);
		if (judged.beatsBaseline) beatBaseline++;
		const raw = Float64Array.from(await model.predict(key, rest, true));
		const shown = Float64Array.from(await model.predict(key, rest, false));
		ece += calibrationError(shown, K, labels).ece / draws;
		uncalibrated += calibrationError(raw, K, labels).ece / draws;
		scored = rest.length;
	}
	return { ece, uncalibrated, beatBaseline, scored };
}
