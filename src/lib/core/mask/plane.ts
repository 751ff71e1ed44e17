/**
 * A mask plane: every mask of one task on one image in one grid of `w` × `h` pixels, each pixel
 * holding 0 (no mask) or `k`, the 1-based index of the mask that owns it. Masks of one plane do
 * not overlap: semantic masks cannot (one class per pixel) and instance masks are painted the way
 * CVAT's brush paints them, the newest stroke on top.
 */
import { maskRuns, maskRunsPaint } from './rle';

export interface MaskPlane {
	w: number;
	h: number;
	data: Uint16Array;
}

/** Most masks one plane holds (the pixel type's range). */
export const PLANE_MAX_MASKS = 65_535;

/** An axis-aligned rectangle of pixels `[x0, x1) × [y0, y1)`. */
export interface PixelRect {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export function maskPlaneNew(w: number, h: number): MaskPlane {
	return { w, h, data: new Uint16Array(w * h) };
}

/** The runs of every mask `1 … count` of a plane, read in one pass. */
export function maskPlaneRuns(plane: MaskPlane, count: number): number[][] {
	const { data } = plane;
	const n = data.length;
	const last = new Float64Array(count + 1);
	const runs: number[][] = Array.from({ length: count }, () => []);
	let prev = 0;
	for (let i = 0; i < n; i++) {
		const v = data[i] as number;
		if (v === prev) continue;
		if (prev > 0 && prev <= count) {
			(runs[prev - 1] as number[]).push(i - (last[prev] as number));
			last[prev] = i;
		}
		if (v > 0 && v <= count) {
			(runs[v - 1] as number[]).push(i - (last[v] as number));
			last[v] = i;
		}
		prev = v;
	}
	for (let k = 1; k <= count; k++) (runs[k - 1] as number[]).push(n - (last[k] as number));
	return runs;
}

/** A plane holding masks given as runs, mask `i` of the list as `k = i + 1`. */
export function maskPlaneFrom(
	w: number,
	h: number,
	runs: readonly (readonly number[])[]
): MaskPlane {
	const plane = maskPlaneNew(w, h);
	runs.forEach((r, i) => maskRunsPaint(r, plane.data, i + 1));
	return plane;
}

/** Runs of one mask `k` of a plane. */
export function maskPlaneRunsOf(plane: MaskPlane, k: number): number[] {
	const { data } = plane;
	return maskRuns(data.length, (i) => data[i] === k);
}

/** The rectangle covering both (either may be undefined). */
export function rectUnion(
	a: PixelRect | undefined,
	b: PixelRect | undefined
): PixelRect | undefined {
	if (!a) return b;
	if (!b) return a;
	return {
		x0: Math.min(a.x0, b.x0),
		y0: Math.min(a.y0, b.y0),
		x1: Math.max(a.x1, b.x1),
		y1: Math.max(a.y1, b.y1)
	};
}

/** Drops mask `k` from a plane and renumbers the masks above it (k + 1 becomes k, …). */
export function maskPlaneDrop(plane: MaskPlane, k: number): void {
	const d = plane.data;
	for (let i = 0; i < d.length; i++) {
		const v = d[i] as number;
		if (v === k) d[i] = 0;
		else if (v > k) d[i] = v - 1;
	}
}
