/**
 * Regions of the image tasks (boxes, polygons and polylines, keypoint instances) as plain values:
 * reading them from an annotation value and back, and moving them inside the image's bounds.
 */
import { rectClamp, type Handle } from '$lib/core/geometry/box';
import { vertexMove } from '$lib/core/geometry/polygon';
import type {
	AnnotationValue,
	Box,
	BoxesTask,
	KeypointInstance,
	KeypointsTask,
	Point,
	PolygonsTask,
	Shape
} from '$lib/core/types';

export type ImageTask = BoxesTask | PolygonsTask | KeypointsTask;
export type Region = Box | Shape | KeypointInstance;
export type Size = { w: number; h: number };

/** What a pointer went down on, read from the element's data attributes. */
export type Hit =
	| { kind: 'empty' }
	| { kind: 'region'; id: string }
	| { kind: 'handle'; id: string; handle: Handle }
	| { kind: 'rotate'; id: string }
	| { kind: 'vertex'; id: string; index: number }
	| { kind: 'midpoint'; id: string; index: number };

/** Boxes smaller than this (image pixels) on either side are not drawn. */
export const MIN_BOX = 2;

/** The regions of an annotation value (none for another kind of value). */
export function regionsOf(v: AnnotationValue | undefined): Region[] {
	if (v?.type === 'boxes') return v.boxes;
	if (v?.type === 'polygons') return v.shapes;
	if (v?.type === 'keypoints') return v.instances;
	return [];
}

/** The annotation value of `task` holding `regions`; undefined when there are none. */
export function regionsValue(task: ImageTask, regions: Region[]): AnnotationValue | undefined {
	if (regions.length === 0) return undefined;
	if (task.type === 'boxes') return { type: 'boxes', boxes: regions as Box[] };
	if (task.type === 'polygons') return { type: 'polygons', shapes: regions as Shape[] };
	return { type: 'keypoints', instances: regions as KeypointInstance[] };
}

export function pointClamp(p: Point, { w, h }: Size): Point {
	return [Math.min(w, Math.max(0, p[0])), Math.min(h, Math.max(0, p[1]))];
}

/** Keeps an unrotated box inside the image (a rotated one may reach out of it). */
export function boxClamp(b: Box, { w, h }: Size): Box {
	return b.rotation ? b : rectClamp(b, w, h);
}

/** Rotates a delta into a box's own (unrotated) frame. */
export function deltaLocal(b: Box, dx: number, dy: number): Point {
	const t = (-(b.rotation ?? 0) * Math.PI) / 180;
	return [dx * Math.cos(t) - dy * Math.sin(t), dx * Math.sin(t) + dy * Math.cos(t)];
}

export function regionTranslate(r: Region, dx: number, dy: number, size: Size): Region {
	if ('x' in r) return boxClamp({ ...r, x: r.x + dx, y: r.y + dy }, size);
	if ('closed' in r)
		return { ...r, points: r.points.map(([x, y]) => pointClamp([x + dx, y + dy], size)) };
	return {
		...r,
		points: r.points.map((k) =>
			k ? { ...k, x: pointClamp([k.x + dx, 0], size)[0], y: pointClamp([0, k.y + dy], size)[1] } : k
		)
	};
}

/** Moves vertex (or keypoint) `i` to `p`; a keypoint keeps its visibility. */
export function vertexSet(r: Shape | KeypointInstance, i: number, p: Point): Region {
	if ('closed' in r) return { ...r, points: vertexMove(r.points, i, p) };
	const points = r.points.slice();
	points[i] = { x: p[0], y: p[1], visible: points[i]?.visible ?? true };
	return { ...r, points };
}

/** The point at `i` of a shape or keypoint instance, as `[x, y]`. */
export function vertexAt(r: Shape | KeypointInstance, i: number): Point | undefined {
	const cur = r.points[i];
	if (!cur) return undefined;
	return Array.isArray(cur) ? (cur as Point) : [cur.x, cur.y];
}

/**
 * The selection moved by `(dx, dy)` image pixels: with `resize`, a box grows instead; with a
 * selected `vertex`, only that point moves. Undefined when there is nothing to move.
 */
export function regionNudge(opts: {
	region: Region;
	vertex: number | undefined;
	dx: number;
	dy: number;
	resize: boolean;
	size: Size;
}): Region | undefined {
	const { region: r, vertex, dx, dy, size } = opts;
	if (opts.resize && 'x' in r)
		return boxClamp({ ...r, w: Math.max(MIN_BOX, r.w + dx), h: Math.max(MIN_BOX, r.h + dy) }, size);
	if (vertex !== undefined && !('x' in r)) {
		const cur = vertexAt(r, vertex);
		return cur && vertexSet(r, vertex, pointClamp([cur[0] + dx, cur[1] + dy], size));
	}
	return regionTranslate(r, dx, dy, size);
}

/** A box turned by `deg` degrees (kept in 0–360). */
export function boxRotate(b: Box, deg: number): Box {
	return { ...b, rotation: ((((b.rotation ?? 0) + deg) % 360) + 360) % 360 };
}
