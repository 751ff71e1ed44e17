/**
 * Per-point colours for the viewer: by height (z), by intensity (both through one blue → cyan →
 * green → yellow → red ramp between the 2nd and 98th percentiles, so a few outliers do not wash
 * it out), or the file's own colours. Pure.
 */
import type { PointCloud } from './cloud';

export type CloudColourMode = 'height' | 'intensity' | 'rgb';

const RAMP: readonly [number, number, number][] = [
	[0.19, 0.07, 0.9],
	[0.0, 0.75, 0.95],
	[0.15, 0.85, 0.25],
	[0.98, 0.85, 0.1],
	[0.9, 0.15, 0.1]
];

/** The ramp's colour at t in [0, 1]. */
export function rampColour(t: number): [number, number, number] {
	const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
	const i = Math.min(RAMP.length - 2, Math.floor(x));
	const f = x - i;
	const [a, b] = [RAMP[i]!, RAMP[i + 1]!];
	return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** The 2nd and 98th percentiles of `values` (from a sample of at most 20,000). */
export function robustRange(values: ArrayLike<number>, count: number): [number, number] {
	if (count === 0) return [0, 1];
	const step = Math.max(1, Math.floor(count / 20000));
	const s: number[] = [];
	for (let i = 0; i < count; i += step) s.push(values[i] as number);
	s.sort((a, b) => a - b);
	const lo = s[Math.floor(s.length * 0.02)]!;
	const hi = s[Math.min(s.length - 1, Math.floor(s.length * 0.98))]!;
	return hi > lo ? [lo, hi] : [lo, lo + 1];
}

/** r, g, b in [0, 1] for each point; falls back to height when the cloud lacks the mode's data. */
export function cloudColours(c: PointCloud, mode: CloudColourMode): Float32Array {
	const n = c.count;
	const out = new Float32Array(n * 3);
	if (mode === 'rgb' && c.rgb) {
		for (let i = 0; i < n * 3; i++) out[i] = (c.rgb[i] as number) / 255;
		return out;
	}
	let values: ArrayLike<number>;
	if (mode === 'intensity' && c.intensity) values = c.intensity;
	else {
		const z = new Float32Array(n);
		for (let i = 0; i < n; i++) z[i] = c.positions[i * 3 + 2] as number;
		values = z;
	}
	const [lo, hi] = robustRange(values, n);
	for (let i = 0; i < n; i++) out.set(rampColour(((values[i] as number) - lo) / (hi - lo)), i * 3);
	return out;
}
