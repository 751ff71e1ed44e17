/**
 * A pointer gesture on an image region, from pointer down to up: what it started on and the
 * draft it shows while the pointer moves. Only the gesture's end is saved (image-editor.svelte.ts).
 */
import { rectCenter, rectFromCorners, rectResize, type Handle } from '$lib/core/geometry/box';
import { vertexInsert } from '$lib/core/geometry/polygon';
import type { Box, KeypointInstance, Point, Shape } from '$lib/core/types';
import {
	boxClamp,
	deltaLocal,
	pointClamp,
	regionTranslate,
	vertexSet,
	type Hit,
	type Region,
	type Size
} from './regions';

export type Gesture =
	| { kind: 'draw-box'; anchor: Point }
	| { kind: 'move'; anchor: Point; orig: Region; moved: boolean }
	| { kind: 'resize'; anchor: Point; orig: Box; handle: Handle }
	| { kind: 'rotate'; orig: Box }
	| { kind: 'vertex'; orig: Shape | KeypointInstance; index: number; moved: boolean };

/**
 * The draft `g` shows with the pointer at `p` (image pixels), given the current `draft`; marks a
 * move or vertex gesture as moved once the pointer has travelled.
 */
export function gestureDraft(
	g: Gesture,
	draft: Region | undefined,
	p: Point,
	size: Size
): Region | undefined {
	if (g.kind === 'draw-box') {
		if (!draft || !('x' in draft)) return draft;
		return { ...draft, ...rectFromCorners(g.anchor, pointClamp(p, size)) };
	}
	if (g.kind === 'move') {
		const dx = p[0] - g.anchor[0];
		const dy = p[1] - g.anchor[1];
		g.moved ||= Math.abs(dx) + Math.abs(dy) > 0.5;
		return regionTranslate(g.orig, dx, dy, size);
	}
	if (g.kind === 'resize') {
		const [dx, dy] = deltaLocal(g.orig, p[0] - g.anchor[0], p[1] - g.anchor[1]);
		return boxClamp(rectResize(g.orig, g.handle, dx, dy), size);
	}
	if (g.kind === 'rotate') {
		const c = rectCenter(g.orig);
		const deg = (Math.atan2(p[1] - c[1], p[0] - c[0]) * 180) / Math.PI + 90;
		return { ...g.orig, rotation: Math.round(((deg % 360) + 360) % 360) };
	}
	g.moved = true;
	return vertexSet(g.orig, g.index, pointClamp(p, size));
}

/** A gesture started on a region, with the selection it makes and the draft it shows first. */
export interface GestureStart {
	g: Gesture;
	/** Select this region and vertex (none for a resize or rotation). */
	select?: { id: string; vertex: number | undefined };
	draft?: Region;
}

/**
 * The gesture a pointer down at `p` on `region` starts, by what it hit; undefined when the hit
 * starts none on it (a region body while a polygon is being drawn, for example).
 */
export function gestureStart(
	region: Region,
	p: Point,
	hit: Hit,
	drawing: boolean,
	size: Size
): GestureStart | undefined {
	if (hit.kind === 'vertex' && !('x' in region))
		return {
			g: { kind: 'vertex', orig: region, index: hit.index, moved: false },
			select: { id: region.id, vertex: hit.index }
		};
	if (hit.kind === 'midpoint' && 'closed' in region) {
		const points = vertexInsert(region.points, hit.index, pointClamp(p, size));
		const shape = { ...region, points };
		return {
			g: { kind: 'vertex', orig: shape, index: hit.index + 1, moved: true },
			select: { id: region.id, vertex: hit.index + 1 },
			draft: shape
		};
	}
	if (hit.kind === 'handle' && 'x' in region)
		return { g: { kind: 'resize', anchor: p, orig: region, handle: hit.handle } };
	if (hit.kind === 'rotate' && 'x' in region) return { g: { kind: 'rotate', orig: region } };
	if (hit.kind === 'region' && !drawing)
		return {
			g: { kind: 'move', anchor: p, orig: region, moved: false },
			select: { id: region.id, vertex: undefined }
		};
	return undefined;
}
