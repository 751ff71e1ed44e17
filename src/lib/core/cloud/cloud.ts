/**
 * A point cloud as the parsers return it and the viewer draws it: positions as x, y, z triples
 * (Float32, relative to `origin` so that survey coordinates in the millions keep centimetres),
 * with an optional intensity per point and an optional 8-bit colour per point. Pure.
 */
export interface PointCloud {
	count: number;
	/** x, y, z of each point, relative to `origin`. */
	positions: Float32Array;
	/** Added to every position to get the file's coordinates (LAS keeps large map coordinates). */
	origin: [number, number, number];
	intensity?: Float32Array;
	/** r, g, b (0–255) of each point. */
	rgb?: Uint8Array;
}

export interface Bounds {
	min: [number, number, number];
	max: [number, number, number];
}

/** The smallest axis-aligned box holding every point (relative to the origin); zeros if empty. */
export function cloudBounds(c: PointCloud): Bounds {
	if (c.count === 0) return { min: [0, 0, 0], max: [0, 0, 0] };
	const min: [number, number, number] = [Infinity, Infinity, Infinity];
	const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
	const p = c.positions;
	for (let i = 0; i < c.count * 3; i += 3) {
		for (let k = 0; k < 3; k++) {
			const v = p[i + k] as number;
			if (v < min[k]!) min[k] = v;
			if (v > max[k]!) max[k] = v;
		}
	}
	return { min, max };
}

/**
 * Keeps the points whose x, y and z are all finite (organized PCD files mark missing returns
 * with NaN). Returns the same cloud when nothing is dropped, else a new one.
 */
export function dropNonFinite(c: PointCloud): PointCloud {
	const p = c.positions;
	let keep = 0;
	for (let i = 0; i < c.count; i++)
		if (Number.isFinite(p[i * 3]) && Number.isFinite(p[i * 3 + 1]) && Number.isFinite(p[i * 3 + 2]))
			keep++;
	if (keep === c.count) return c;
	const positions = new Float32Array(keep * 3);
	const intensity = c.intensity ? new Float32Array(keep) : undefined;
	const rgb = c.rgb ? new Uint8Array(keep * 3) : undefined;
	let j = 0;
	for (let i = 0; i < c.count; i++) {
		if (!(
			Number.isFinite(p[i * 3]) &&
			Number.isFinite(p[i * 3 + 1]) &&
			Number.isFinite(p[i * 3 + 2])
		))
			continue;
		positions.set(p.subarray(i * 3, i * 3 + 3), j * 3);
		if (intensity) intensity[j] = c.intensity![i] as number;
		if (rgb) rgb.set(c.rgb!.subarray(i * 3, i * 3 + 3), j * 3);
		j++;
	}
	return { count: keep, positions, origin: c.origin, intensity, rgb };
}
