/** Smoothing one mask of a plane through its outline (trace, simplify, fill again). */
import type { MaskPlane } from './plane';
import { maskFromRings, maskTrace, ringSimplify } from './trace';

/**
 * Smooths mask `k`: its outline simplified by `tol` pixels. Pixels of other masks are never
 * taken. Returns whether any pixel changed.
 */
export function maskSmooth(plane: MaskPlane, k: number, tol: number): boolean {
	const { w, h, data } = plane;
	const rings = maskTrace(w, h, (i) => data[i] === k).map((r) => ringSimplify(r, tol));
	const m = maskFromRings(w, h, rings);
	let changed = false;
	for (let i = 0; i < data.length; i++) {
		if (data[i] === k && !m[i]) data[i] = 0;
		else if (m[i] && data[i] === 0) data[i] = k;
		else continue;
		changed = true;
	}
	return changed;
}
