/**
 * Axis-aligned and rotated boxes in image pixels: normalising drags, clamping to the image,
 * corners, hit tests and intersection over union. Rotation is in degrees, clockwise on screen
 * (y points down), around the box centre.
 */
import type { Point } from '../types';
import { polygonArea, polygonClipConvex } from './polygon';

export interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
	rotation?: number;
}

/** The rectangle spanned by two corners, in any order. */
export function rectFromCorners(a: Point, b: Point): Rect {
	const x = Math.min(a[0], b[0]);
	const y = Math.min(a[1], b[1]);
	return { x, y, w: Math.abs(a[0] - b[0]), h: Math.abs(a[1] - b[1]) };
}

/** Moves and shrinks an unrotated rectangle so it lies inside `[0, width] × [0, height]`. */
export function rectClamp<R extends Rect>(r: R, width: number, height: number): R {
	const w = Math.min(Math.max(0, r.w), width);
	const h = Math.min(Math.max(0, r.h), height);
	const x = Math.min(Math.max(0, r.x), width - w);
	const y = Math.min(Math.max(0, r.y), height - h);
	return { ...r, x, y, w, h };
}

export function rectCenter(r: Rect): Point {
	return [r.x + r.w / 2, r.y + r.h / 2];
}

/** Rotates `p` around `c` by `deg` degrees (clockwise on screen). */
export function pointRotate(p: Point, c: Point, deg: number): Point {
	if (!deg) return p;
	const t = (deg * Math.PI) / 180;
	const cos = Math.cos(t);
	const sin = Math.sin(t);
	const dx = p[0] - c[0];
	const dy = p[1] - c[1];
	return [c[0] + dx * cos - dy * sin, c[1] + dx * sin + dy * cos];
}

/** The four corners, clockwise from top-left, with rotation applied. */
export function rectCorners(r: Rect): Point[] {
	const c = rectCenter(r);
	const pts: Point[] = [
		[r.x, r.y],
		[r.x + r.w, r.y],
		[r.x + r.w, r.y + r.h],
		[r.x, r.y + r.h]
	];
	return pts.map((p) => pointRotate(p, c, r.rotation ?? 0));
}

/** True when `p` lies inside the (possibly rotated) rectangle, edges included. */
export function rectContains(r: Rect, p: Point): boolean {
	const q = pointRotate(p, rectCenter(r), -(r.rotation ?? 0));
	return q[0] >= r.x && q[0] <= r.x + r.w && q[1] >= r.y && q[1] <= r.y + r.h;
}

export function rectArea(r: Rect): number {
	return Math.max(0, r.w) * Math.max(0, r.h);
}

/**
 * Intersection over union of two boxes, 0–1. Unrotated boxes use the closed form; rotated ones
 * clip one corner polygon by the other (Sutherland–Hodgman, exact for convex shapes).
 */
export function iou(a: Rect, b: Rect): number {
	const areaA = rectArea(a);
	const areaB = rectArea(b);
	if (areaA === 0 || areaB === 0) return 0;
	let inter: number;
	if (!a.rotation && !b.rotation) {
		const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
		const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
		inter = w > 0 && h > 0 ? w * h : 0;
	} else {
		inter = Math.abs(polygonArea(polygonClipConvex(rectCorners(a), rectCorners(b))));
	}
	const union = areaA + areaB - inter;
	return union > 0 ? inter / union : 0;
}

/** Which handle a resize drags: corners and edge midpoints by compass direction. */
export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';

/**
 * Resizes an unrotated-frame rectangle by dragging `handle` by `(dx, dy)` in the box's own frame.
 * Dragging past the opposite edge flips the box rather than giving it a negative size.
 */
export function rectResize<R extends Rect>(r: R, handle: Handle, dx: number, dy: number): R {
	let x0 = r.x;
	let y0 = r.y;
	let x1 = r.x + r.w;
	let y1 = r.y + r.h;
	if (handle.includes('w')) x0 += dx;
	if (handle.includes('e')) x1 += dx;
	if (handle.includes('n')) y0 += dy;
	if (handle.includes('s')) y1 += dy;
	return { ...r, ...rectFromCorners([x0, y0], [x1, y1]) };
}
