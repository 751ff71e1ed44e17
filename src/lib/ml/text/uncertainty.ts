/** Uncertainty of a class distribution, for active learning (Settles, 2009, §3.1). */

/** Shannon entropy in nats, normalized by log(K) to [0, 1]; 1 = uniform. */
export function entropy(p: ArrayLike<number>): number {
	const K = p.length;
	if (K < 2) return 0;
	let h = 0;
	for (let k = 0; k < K; k++) {
		const v = p[k] as number;
		if (v > 0) h -= v * Math.log(v);
	}
	return h / Math.log(K);
}

/** 1 − (p₁ − p₂), the two highest probabilities: 1 = a tie, 0 = certain. */
export function marginUncertainty(p: ArrayLike<number>): number {
	let a = -Infinity;
	let b = -Infinity;
	for (let k = 0; k < p.length; k++) {
		const v = p[k] as number;
		if (v > a) {
			b = a;
			a = v;
		} else if (v > b) b = v;
	}
	if (!Number.isFinite(b)) return 0;
	return 1 - (a - b);
}

/** Index of the largest probability (first on ties); −1 when empty. */
export function argmax(p: ArrayLike<number>): number {
	let best = -1;
	let bv = -Infinity;
	for (let k = 0; k < p.length; k++)
		if ((p[k] as number) > bv) {
			bv = p[k] as number;
			best = k;
		}
	return best;
}
