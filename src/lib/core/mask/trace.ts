/**
 * Mask ↔ polygons. `maskTrace` follows the edges between pixels that are in and out, so its rings
 * run along pixel borders: outer rings clockwise on screen (positive shoelace area with y down),
 * holes the other way; pixels that touch only at a corner belong to separate rings (4-connected,
 * as the fill is). `ringSimplify` is Douglas–Peucker (Douglas & Peucker 1973) with a tolerance
 * in pixels. `maskFromRings` fills rings by the even-odd rule at pixel centres, so holes stay
 * holes; a traced ring filled again gives back exactly the mask, and a ring simplified by at most
 * `tol` moves only pixels whose centre lies within `tol` of the border.
 */
import type { Point } from '../types';

/** Outline rings of the pixels of `w` × `h` for which `inside(i)` holds, corners only. */
export function maskTrace(w: number, h: number, inside: (i: number) => boolean): Point[][] {
	const W = w + 1;
	const isIn = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && inside(y * w + x);
	// Directed border edges, inside on the right (y down), keyed by their start vertex.
	const out = new Map<number, number[]>();
	const add = (ax: number, ay: number, bx: number, by: number) => {
		const a = ay * W + ax;
		const list = out.get(a);
		if (list) list.push(by * W + bx);
		else out.set(a, [by * W + bx]);
	};
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			if (!isIn(x, y)) continue;
			if (!isIn(x, y - 1)) add(x, y, x + 1, y);
			if (!isIn(x + 1, y)) add(x + 1, y, x + 1, y + 1);
			if (!isIn(x, y + 1)) add(x + 1, y + 1, x, y + 1);
			if (!isIn(x - 1, y)) add(x, y + 1, x, y);
		}
	const rings: Point[][] = [];
	for (const start of [...out.keys()].sort((a, b) => a - b)) {
		while (out.get(start)?.length) {
			const ring: Point[] = [[start % W, Math.floor(start / W)]];
			let cur = (out.get(start) as number[]).shift() as number;
			let dx = (cur % W) - (start % W);
			let dy = Math.floor(cur / W) - Math.floor(start / W);
			while (cur !== start) {
				const next = out.get(cur);
				if (!next || next.length === 0) break;
				// At a corner shared by two diagonal pixels, turn right: stay with this pixel.
				let pick = 0;
				if (next.length > 1) {
					const right = (n: number) => {
						const ex = (n % W) - (cur % W);
						const ey = Math.floor(n / W) - Math.floor(cur / W);
						return dx * ey - dy * ex;
					};
					pick = right(next[0] as number) >= right(next[1] as number) ? 0 : 1;
				}
				const n = next.splice(pick, 1)[0] as number;
				const ndx = (n % W) - (cur % W);
				const ndy = Math.floor(n / W) - Math.floor(cur / W);
				if (ndx !== dx || ndy !== dy) ring.push([cur % W, Math.floor(cur / W)]);
				cur = n;
				dx = ndx;
				dy = ndy;
			}
			if (ring.length >= 3) rings.push(ring);
		}
	}
	return rings;
}

/** Shoelace area of a ring (positive: clockwise on screen with y down, i.e. an outer ring). */
export function ringArea(ring: readonly Point[]): number {
	let s = 0;
	for (let i = 0; i < ring.length; i++) {
		const [ax, ay] = ring[i] as Point;
		const [bx, by] = ring[(i + 1) % ring.length] as Point;
		s += ax * by - bx * ay;
	}
	return s / 2;
}

function segDist(p: Point, a: Point, b: Point): number {
	const vx = b[0] - a[0];
	const vy = b[1] - a[1];
	const len2 = vx * vx + vy * vy;
	const t =
		len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / len2));
	return Math.hypot(p[0] - a[0] - t * vx, p[1] - a[1] - t * vy);
}

function dp(pts: readonly Point[], tol: number, keep: Uint8Array, i0: number, i1: number): void {
	let worst = -1;
	let at = -1;
	for (let i = i0 + 1; i < i1; i++) {
		const d = segDist(pts[i] as Point, pts[i0] as Point, pts[i1] as Point);
		if (d > worst) {
			worst = d;
			at = i;
		}
	}
	if (worst <= tol) return;
	keep[at] = 1;
	dp(pts, tol, keep, i0, at);
	dp(pts, tol, keep, at, i1);
}

/**
 * A closed ring with points dropped while every dropped point stays within `tol` pixels of the
 * simplified ring; a ring that would fall under 3 points is kept as it is.
 */
export function ringSimplify(ring: readonly Point[], tol: number): Point[] {
	if (ring.length <= 4 || tol <= 0) return ring.slice();
	// Anchor at two points far apart (the point farthest from the first, and the point farthest
	// from that one): extreme points of the shape, never a small bump, so DP may drop any bump.
	const farFrom = (i0: number) => {
		const o = ring[i0] as Point;
		let best = -1;
		let at = i0;
		ring.forEach((p, i) => {
			const d = Math.hypot(p[0] - o[0], p[1] - o[1]);
			if (d > best) {
				best = d;
				at = i;
			}
		});
		return at;
	};
	const a = farFrom(0);
	const b = farFrom(a);
	const pts = [...ring.slice(a), ...ring.slice(0, a), ring[a] as Point];
	const far = (b - a + ring.length) % ring.length;
	const keep = new Uint8Array(pts.length);
	keep[0] = 1;
	keep[far] = 1;
	keep[pts.length - 1] = 1;
	dp(pts, tol, keep, 0, far);
	dp(pts, tol, keep, far, pts.length - 1);
	const out = pts.slice(0, -1).filter((_, i) => keep[i]);
	return out.length >= 3 ? out : ring.slice();
}

/**
 * Pixels whose centre lies inside the rings by the even-odd rule (holes inside outer rings stay
 * out), as 1s in a `w` × `h` grid.
 */
export function maskFromRings(
	w: number,
	h: number,
	rings: readonly (readonly Point[])[]
): Uint8Array {
	const out = new Uint8Array(w * h);
	const xs: number[] = [];
	for (let y = 0; y < h; y++) {
		const cy = y + 0.5;
		xs.length = 0;
		for (const ring of rings)
			for (let i = 0; i < ring.length; i++) {
				const [ax, ay] = ring[i] as Point;
				const [bx, by] = ring[(i + 1) % ring.length] as Point;
				if (ay <= cy === by <= cy) continue;
				xs.push(ax + ((cy - ay) * (bx - ax)) / (by - ay));
			}
		xs.sort((a, b) => a - b);
		for (let k = 0; k + 1 < xs.length; k += 2) {
			// Pixels whose centre x + 0.5 lies in [xs[k], xs[k + 1]).
			const x0 = Math.max(0, Math.ceil((xs[k] as number) - 0.5));
			const x1 = Math.min(w, Math.ceil((xs[k + 1] as number) - 0.5));
			if (x1 > x0) out.fill(1, y * w + x0, y * w + x1);
		}
	}
	return out;
}
