/**
 * The 2D projections of the cuboid views: the whole frame from above (world x right, y up), or
 * the selected cuboid's own axes from above, the side (length × height) or the front (width ×
 * height), with a scale in pixels per metre. Pure helpers for ProjectionView.
 */
import type { Cuboid } from '$lib/core/types';

export type ViewAxis = 'top' | 'side' | 'front';

export interface ViewFrame {
	/** Centre of the view in its own coordinates, and pixels per metre. */
	cx: number;
	cy: number;
	s: number;
}

/** A point's view coordinates, or undefined when a focused view leaves it out (too far across). */
export function projectPoint(
	axis: ViewAxis,
	focus: Cuboid | undefined,
	x: number,
	y: number,
	z: number
): [number, number] | undefined {
	if (!focus) return [x, y];
	const [dx, dy, dz] = [x - focus.x, y - focus.y, z - focus.z];
	const [cos, sin] = [Math.cos(focus.yaw), Math.sin(focus.yaw)];
	const u = dx * cos + dy * sin;
	const v = -dx * sin + dy * cos;
	// Points this far past the cuboid's sides still show: a quarter of its size, at most 0.5 m.
	const pad = Math.min(0.5, 0.25 * Math.max(focus.l, focus.w, focus.h));
	if (axis === 'top') return Math.abs(dz) <= focus.h / 2 + pad ? [u, v] : undefined;
	if (axis === 'side') return Math.abs(v) <= focus.w / 2 + pad ? [u, dz] : undefined;
	return Math.abs(u) <= focus.l / 2 + pad ? [v, dz] : undefined;
}

/** The rectangle (half sizes) of the focused cuboid in its own view. */
export function focusHalf(axis: ViewAxis, c: Cuboid): [number, number] {
	if (axis === 'top') return [c.l / 2, c.w / 2];
	if (axis === 'side') return [c.l / 2, c.h / 2];
	return [c.w / 2, c.h / 2];
}

/** A view that shows [a0, a1] × [b0, b1] whole in a W × H canvas, with a margin. */
export function frameFit(
	a0: number,
	a1: number,
	b0: number,
	b1: number,
	W: number,
	H: number
): ViewFrame {
	const s = Math.min(W / Math.max(a1 - a0, 0.01), H / Math.max(b1 - b0, 0.01)) * 0.9;
	return { cx: (a0 + a1) / 2, cy: (b0 + b1) / 2, s };
}

export const toScreen = (
	f: ViewFrame,
	W: number,
	H: number,
	a: number,
	b: number
): [number, number] => [W / 2 + (a - f.cx) * f.s, H / 2 - (b - f.cy) * f.s];

export const toView = (
	f: ViewFrame,
	W: number,
	H: number,
	px: number,
	py: number
): [number, number] => [f.cx + (px - W / 2) / f.s, f.cy - (py - H / 2) / f.s];
