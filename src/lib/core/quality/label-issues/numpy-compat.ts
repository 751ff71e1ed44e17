/**
 * The few NumPy numerics that confident learning's integer counts depend on, reproduced bit for
 * bit so that our confident joint equals cleanlab's: pairwise summation (numpy
 * `pairwise_sum`, used by `np.sum`/`np.mean` on contiguous float arrays), round-half-to-even
 * (`np.round`) and a stable argsort (NumPy's default sort is insertion sort below 17 elements,
 * hence stable there; elsewhere ties are broken by index).
 */

const BLOCK = 128;

function pairwise(values: ArrayLike<number>, start: number, n: number): number {
	if (n < 8) {
		let res = 0;
		for (let i = 0; i < n; i++) res += values[start + i] as number;
		return res;
	}
	if (n <= BLOCK) {
		const r = new Float64Array(8);
		for (let j = 0; j < 8; j++) r[j] = values[start + j] as number;
		let i = 8;
		for (; i < n - (n % 8); i += 8) {
			for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (values[start + i + j] as number);
		}
		let res =
			(r[0] as number) +
			(r[1] as number) +
			((r[2] as number) + (r[3] as number)) +
			((r[4] as number) + (r[5] as number) + ((r[6] as number) + (r[7] as number)));
		for (; i < n; i++) res += values[start + i] as number;
		return res;
	}
	let n2 = Math.floor(n / 2);
	n2 -= n2 % 8;
	return pairwise(values, start, n2) + pairwise(values, start + n2, n - n2);
}

/** `np.sum` of a contiguous float64 array (pairwise summation, same rounding as NumPy). */
export function numpySum(values: ArrayLike<number>): number {
	return pairwise(values, 0, values.length);
}

/** `np.mean` of a contiguous float64 array. */
export function numpyMean(values: ArrayLike<number>): number {
	return numpySum(values) / values.length;
}

/** `np.round(x)`: to the nearest integer, halves to even. */
export function roundHalfEven(x: number): number {
	const r = Math.round(x);
	return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Indices that sort `values` ascending; ties keep index order. */
export function argsortStable(values: ArrayLike<number>): number[] {
	const idx = Array.from({ length: values.length }, (_, i) => i);
	return idx.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}
