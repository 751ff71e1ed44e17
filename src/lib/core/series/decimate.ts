/**
 * Min/max decimation for drawing long series: a pyramid of per-bucket minima and maxima (buckets
 * of 16, 32, 64, … samples), built once per channel in O(n), answers "min and max of samples i..j"
 * in O(log n), so a frame of W pixel columns costs O(W log n) whatever the zoom. Drawing each
 * column as a vertical min–max line keeps every peak visible (the M4 idea: Jugel et al., "M4: A
 * Visualization-Oriented Time Series Data Aggregation", VLDB 2014). NaN samples are skipped.
 */

const BASE = 16;

export interface MinMaxPyramid {
	values: Float32Array;
	/** levels[k] has buckets of BASE·2^k samples. */
	levels: { size: number; min: Float32Array; max: Float32Array }[];
}

/** The pyramid of one channel. */
export function minMaxPyramid(values: Float32Array): MinMaxPyramid {
	const levels: MinMaxPyramid['levels'] = [];
	const n = values.length;
	if (n < BASE * 2) return { values, levels };
	let count = Math.ceil(n / BASE);
	let min = new Float32Array(count).fill(NaN);
	let max = new Float32Array(count).fill(NaN);
	for (let b = 0; b < count; b++) {
		let lo = Infinity;
		let hi = -Infinity;
		const end = Math.min(n, (b + 1) * BASE);
		for (let i = b * BASE; i < end; i++) {
			const v = values[i] as number;
			if (v < lo) lo = v;
			if (v > hi) hi = v;
		}
		if (lo <= hi) {
			min[b] = lo;
			max[b] = hi;
		}
	}
	levels.push({ size: BASE, min, max });
	while (count > 2) {
		const next = Math.ceil(count / 2);
		const nmin = new Float32Array(next);
		const nmax = new Float32Array(next);
		for (let b = 0; b < next; b++) {
			nmin[b] = nanMin(min[2 * b] as number, min[2 * b + 1] ?? NaN);
			nmax[b] = nanMax(max[2 * b] as number, max[2 * b + 1] ?? NaN);
		}
		min = nmin;
		max = nmax;
		count = next;
		levels.push({ size: (levels.at(-1)?.size ?? BASE) * 2, min, max });
	}
	return { values, levels };
}

const nanMin = (a: number, b: number) => (a !== a ? b : b !== b ? a : Math.min(a, b));
const nanMax = (a: number, b: number) => (a !== a ? b : b !== b ? a : Math.max(a, b));

/** Min and max of samples `[i, j)`, NaN for both when there are none (or all are NaN). */
export function minMaxRange(p: MinMaxPyramid, i: number, j: number): [number, number] {
	let lo = NaN;
	let hi = NaN;
	const v = p.values;
	const levels = p.levels;
	while (i < j) {
		// The largest bucket that starts at i and fits in [i, j): sizes are BASE·2^k, so start from
		// the level that fits the remaining length and step down until i is aligned.
		let k = Math.min(levels.length - 1, Math.floor(Math.log2(Math.max(1, (j - i) / BASE))));
		while (k >= 0) {
			const L = levels[k] as MinMaxPyramid['levels'][number];
			if (i % L.size === 0 && i + L.size <= j) break;
			k--;
		}
		if (k >= 0) {
			const L = levels[k] as MinMaxPyramid['levels'][number];
			const b = i / L.size;
			lo = nanMin(lo, L.min[b] as number);
			hi = nanMax(hi, L.max[b] as number);
			i += L.size;
			continue;
		}
		const x = v[i] as number;
		lo = nanMin(lo, x);
		hi = nanMax(hi, x);
		i++;
	}
	return [lo, hi];
}

/** Index of the first sample with time ≥ t (binary search; `time` sorted). */
export function timeIndex(time: Float64Array, t: number): number {
	let lo = 0;
	let hi = time.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if ((time[mid] as number) < t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export interface Columns {
	/** Per pixel column: min and max of its samples (NaN when it has none). */
	min: Float32Array;
	max: Float32Array;
	/** Samples in the view. */
	samples: number;
}

/** Min and max per pixel column of the time range `[t0, t1)` over `width` columns. */
export function minMaxColumns(
	time: Float64Array,
	p: MinMaxPyramid,
	view: { t0: number; t1: number; width: number }
): Columns {
	const w = Math.max(1, Math.floor(view.width));
	const min = new Float32Array(w);
	const max = new Float32Array(w);
	const span = view.t1 - view.t0;
	let i = timeIndex(time, view.t0);
	const first = i;
	for (let c = 0; c < w; c++) {
		const j =
			c === w - 1 ? timeIndex(time, view.t1) : timeIndex(time, view.t0 + ((c + 1) * span) / w);
		const [lo, hi] = minMaxRange(p, i, Math.max(i, j));
		min[c] = lo;
		max[c] = hi;
		i = Math.max(i, j);
	}
	return { min, max, samples: i - first };
}

/** The min and max of a whole channel (for its y range), ignoring NaN; [0, 1] when empty. */
export function minMaxAll(p: MinMaxPyramid): [number, number] {
	const [lo, hi] = minMaxRange(p, 0, p.values.length);
	if (lo !== lo) return [0, 1];
	return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}
