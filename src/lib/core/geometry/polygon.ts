/**
 * Polygons and polylines as arrays of `[x, y]` points in image pixels: signed area (shoelace),
 * simplicity (no self-intersection), point-in-polygon, convex clipping and vertex edits.
 */
import type { Point } from '../types';

/** Signed area by the shoelace formula: positive when the points run clockwise on screen. */
export function polygonArea(points: readonly Point[]): number {
	let s = 0;
	for (let i = 0; i < points.length; i++) {
		const [x0, y0] = points[i] as Point;
		const [x1, y1] = points[(i + 1) % points.length] as Point;
		s += x0 * y1 - x1 * y0;
	}
	return s / 2;
}

function orient(a: Point, b: Point, c: Point): number {
	const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
	return Math.abs(v) < 1e-12 ? 0 : Math.sign(v);
}

function onSegment(a: Point, b: Point, p: Point): boolean {
	return (
		Math.min(a[0], b[0]) <= p[0] &&
		p[0] <= Math.max(a[0], b[0]) &&
		Math.min(a[1], b[1]) <= p[1] &&
		p[1] <= Math.max(a[1], b[1])
	);
}

/** True when segments `ab` and `cd` share at least one point (touching counts). */
export function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
	const o1 = orient(a, b, c);
	const o2 = orient(a, b, d);
	const o3 = orient(c, d, a);
	const o4 = orient(c, d, b);
	if (o1 !== o2 && o3 !== o4) return true;
	if (o1 === 0 && onSegment(a, b, c)) return true;
	if (o2 === 0 && onSegment(a, b, d)) return true;
	if (o3 === 0 && onSegment(c, d, a)) return true;
	return o4 === 0 && onSegment(c, d, b);
}

export type PolygonProblem = 'too-few-points' | 'zero-area' | 'self-intersecting';

/**
 * Why a shape is not valid, or undefined when it is. A polygon needs 3 points, a non-zero area
 * and no two non-adjacent edges that touch; a polyline needs 2 points and no crossing.
 * O(n²) edge pairs: fine for hand-drawn shapes of a few hundred points.
 */
export function polygonProblem(
	points: readonly Point[],
	closed = true
): PolygonProblem | undefined {
	const n = points.length;
	if (n < (closed ? 3 : 2)) return 'too-few-points';
	const edges = closed ? n : n - 1;
	for (let i = 0; i < edges; i++) {
		const a = points[i] as Point;
		const b = points[(i + 1) % n] as Point;
		for (let j = i + 1; j < edges; j++) {
			const adjacent = j === i + 1 || (closed && i === 0 && j === n - 1);
			if (adjacent) continue;
			const c = points[j] as Point;
			const d = points[(j + 1) % n] as Point;
			if (segmentsIntersect(a, b, c, d)) return 'self-intersecting';
		}
	}
	// After the crossing check: a symmetric bow-tie has zero signed area too.
	if (closed && Math.abs(polygonArea(points)) < 1e-9) return 'zero-area';
	return undefined;
}

/** Even–odd ray casting; points on an edge may fall either way. */
export function polygonContains(points: readonly Point[], p: Point): boolean {
	let inside = false;
	for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
		const [xi, yi] = points[i] as Point;
		const [xj, yj] = points[j] as Point;
		if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi)
			inside = !inside;
	}
	return inside;
}

/**
 * Clips `subject` by the convex polygon `clip` (Sutherland–Hodgman, 1974). Exact when `clip` is
 * convex; either winding works.
 */
export function polygonClipConvex(subject: readonly Point[], clip: readonly Point[]): Point[] {
	const sign = polygonArea(clip) >= 0 ? 1 : -1;
	const inside = (p: Point, a: Point, b: Point) =>
		sign * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) >= 0;
	const cross = (p: Point, q: Point, a: Point, b: Point): Point => {
		const a1 = q[1] - p[1];
		const b1 = p[0] - q[0];
		const c1 = a1 * p[0] + b1 * p[1];
		const a2 = b[1] - a[1];
		const b2 = a[0] - b[0];
		const c2 = a2 * a[0] + b2 * a[1];
		const det = a1 * b2 - a2 * b1;
		return [(b2 * c1 - b1 * c2) / det, (a1 * c2 - a2 * c1) / det];
	};
	let out: Point[] = subject.slice();
	for (let i = 0; i < clip.length && out.length > 0; i++) {
		const a = clip[i] as Point;
		const b = clip[(i + 1) % clip.length] as Point;
		const input = out;
		out = [];
		for (let j = 0; j < input.length; j++) {
			const p = input[j] as Point;
			const q = input[(j + 1) % input.length] as Point;
			const pin = inside(p, a, b);
			const qin = inside(q, a, b);
			if (pin) out.push(p);
			if (pin !== qin) out.push(cross(p, q, a, b));
		}
	}
	return out;
}

/** Bounding rectangle of a set of points. */
export function pointsBounds(points: readonly Point[]): {
	x: number;
	y: number;
	w: number;
	h: number;
} {
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const [x, y] of points) {
		x0 = Math.min(x0, x);
		y0 = Math.min(y0, y);
		x1 = Math.max(x1, x);
		y1 = Math.max(y1, y);
	}
	if (!points.length) return { x: 0, y: 0, w: 0, h: 0 };
	return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** A copy with point `i` moved to `p`. */
export function vertexMove(points: readonly Point[], i: number, p: Point): Point[] {
	return points.map((q, j) => (j === i ? p : q));
}

/** A copy with `p` inserted after index `i` (use -1 to insert at the start). */
export function vertexInsert(points: readonly Point[], i: number, p: Point): Point[] {
	const out = points.slice();
	out.splice(i + 1, 0, p);
	return out;
}

export function vertexDelete(points: readonly Point[], i: number): Point[] {
	return points.filter((_, j) => j !== i);
}

/** Index of the edge (from point i to i+1) nearest to `p`, and the distance to it. */
export function edgeNearest(
	points: readonly Point[],
	p: Point,
	closed: boolean
): { index: number; distance: number } {
	let best = { index: -1, distance: Infinity };
	const edges = closed ? points.length : points.length - 1;
	for (let i = 0; i < edges; i++) {
		const a = points[i] as Point;
		const b = points[(i + 1) % points.length] as Point;
		const dx = b[0] - a[0];
		const dy = b[1] - a[1];
		const len2 = dx * dx + dy * dy;
		const t = len2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
		const d = Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
		if (d < best.distance) best = { index: i, distance: d };
	}
	return best;
}
