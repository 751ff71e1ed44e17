/** Stratified k-fold splits with a seeded shuffle (as scikit-learn's StratifiedKFold(shuffle)). */
import { rngFrom } from '$lib/core/quality/rng';

/** Fold number (0..k−1) of each example; every class is spread evenly over the folds. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed = 0): Int32Array {
	if (k < 2) throw new RangeError(`k-fold needs k ≥ 2, got ${k}`);
	const rng = rngFrom(seed);
	const byClass = new Map<number, number[]>();
	for (let i = 0; i < labels.length; i++) {
		const l = labels[i] as number;
		const list = byClass.get(l) ?? [];
		list.push(i);
		byClass.set(l, list);
	}
	const fold = new Int32Array(labels.length);
	let offset = 0;
	for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
		const rows = byClass.get(cls) as number[];
		for (let i = rows.length - 1; i > 0; i--) {
			const j = Math.floor(rng() * (i + 1));
			[rows[i], rows[j]] = [rows[j] as number, rows[i] as number];
		}
		// Continue the round robin where the previous class stopped, so fold sizes stay even.
		rows.forEach((r, i) => (fold[r] = (offset + i) % k));
		offset = (offset + rows.length) % k;
	}
	return fold;
}

/** A seeded permutation of 0..n−1 (Fisher–Yates). */
export function permutation(n: number, seed: number): Int32Array {
	const rng = rngFrom(seed);
	const out = Int32Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		[out[i], out[j]] = [out[j] as number, out[i] as number];
	}
	return out;
}
