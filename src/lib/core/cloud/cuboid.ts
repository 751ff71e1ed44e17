/**
 * Cuboid geometry in a point cloud: corners, the points inside, fitting a cuboid to the points
 * it holds, and rotated 3D IoU (the overlap of the two footprints, rotated about z, times the
 * overlap of their heights, over the union of the volumes). Pure.
 */
import type { Cuboid } from '../types';

type Xy = [number, number];

/** The four footprint corners (x, y), counter-clockwise. */
export function cuboidFootprint(c: Pick<Cuboid, 'x' | 'y' | 'l' | 'w' | 'yaw'>): Xy[] {
	const [cos, sin] = [Math.cos(c.yaw), Math.sin(c.yaw)];
	return (
		[
			[1, 1],
			[-1, 1],
			[-1, -1],
			[1, -1]
		] as const
	).map(([a, b]): Xy => {
		const [u, v] = [(a * c.l) / 2, (b * c.w) / 2];
		return [c.x + u * cos - v * sin, c.y + u * sin + v * cos];
	});
}

/** Whether the point (x, y, z) is inside `c`, `margin` added to every side. */
export function cuboidHolds(c: Cuboid, x: number, y: number, z: number, margin = 0): boolean {
	const [dx, dy] = [x - c.x, y - c.y];
	const [cos, sin] = [Math.cos(c.yaw), Math.sin(c.yaw)];
	const u = dx * cos + dy * sin;
	const v = -dx * sin + dy * cos;
	return (
		Math.abs(u) <= c.l / 2 + margin &&
		Math.abs(v) <= c.w / 2 + margin &&
		Math.abs(z - c.z) <= c.h / 2 + margin
	);
}

/** How many of the `count` points of `positions` (x, y, z triples) lie inside `c`. */
export function cuboidPointCount(c: Cuboid, positions: Float32Array, count: number): number {
	let n = 0;
	for (let i = 0; i < count; i++)
		if (cuboidHolds(c, positions[i * 3]!, positions[i * 3 + 1]!, positions[i * 3 + 2]!)) n++;
	return n;
}

/**
 * `c` shrunk (or grown by at most `margin`) to the tight box of the points it holds, keeping
 * its yaw: the points within `margin` of it are measured along its own axes. Returns `c`
 * unchanged when it holds no point.
 */
export function cuboidFit(c: Cuboid, positions: Float32Array, count: number, margin = 0.2): Cuboid {
	const [cos, sin] = [Math.cos(c.yaw), Math.sin(c.yaw)];
	let [u0, u1, v0, v1, z0, z1] = [Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity];
	const [hl, hw, hh] = [c.l / 2 + margin, c.w / 2 + margin, c.h / 2 + margin];
	for (let i = 0; i < count; i++) {
		const dx = positions[i * 3]! - c.x;
		const dy = positions[i * 3 + 1]! - c.y;
		const z = positions[i * 3 + 2]!;
		const u = dx * cos + dy * sin;
		const v = -dx * sin + dy * cos;
		if (u < -hl || u > hl || v < -hw || v > hw || z < c.z - hh || z > c.z + hh) continue;
		if (u < u0) u0 = u;
		if (u > u1) u1 = u;
		if (v < v0) v0 = v;
		if (v > v1) v1 = v;
		if (z < z0) z0 = z;
		if (z > z1) z1 = z;
	}
	if (u0 > u1) return c;
	const [mu, mv] = [(u0 + u1) / 2, (v0 + v1) / 2];
	return {
		...c,
		x: c.x + mu * cos - mv * sin,
		y: c.y + mu * sin + mv * cos,
		z: (z0 + z1) / 2,
		l: u1 - u0,
		w: v1 - v0,
		h: z1 - z0
	};
}

/** Area of a simple polygon (shoelace), positive when counter-clockwise. */
function area(p: readonly Xy[]): number {
	let s = 0;
	for (let i = 0; i < p.length; i++) {
		const [a, b] = [p[i]!, p[(i + 1) % p.length]!];
		s += a[0] * b[1] - b[0] * a[1];
	}
	return s / 2;
}

/** The part of convex polygon `subject` inside convex counter-clockwise `clip` (Sutherland–Hodgman). */
function clipConvex(subject: readonly Xy[], clip: readonly Xy[]): Xy[] {
	let out: Xy[] = [...subject];
	for (let i = 0; i < clip.length && out.length; i++) {
		const [a, b] = [clip[i]!, clip[(i + 1) % clip.length]!];
		const side = (p: Xy) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
		const input = out;
		out = [];
		for (let k = 0; k < input.length; k++) {
			const [p, q] = [input[k]!, input[(k + 1) % input.length]!];
			const [sp, sq] = [side(p), side(q)];
			if (sp >= 0) out.push(p);
			if (sp >= 0 !== sq >= 0) {
				const t = sp / (sp - sq);
				out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
			}
		}
	}
	return out;
}

/** Rotated 3D IoU of two cuboids, 0 to 1 (0 when either has no volume). */
export function cuboidIou(a: Cuboid, b: Cuboid): number {
	const va = a.l * a.w * a.h;
	const vb = b.l * b.w * b.h;
	if (!(va > 0) || !(vb > 0)) return 0;
	const dz = Math.min(a.z + a.h / 2, b.z + b.h / 2) - Math.max(a.z - a.h / 2, b.z - b.h / 2);
	if (dz <= 0) return 0;
	const inter = Math.abs(area(clipConvex(cuboidFootprint(a), cuboidFootprint(b)))) * dz;
	return inter / (va + vb - inter);
}
