/**
 * Brush and eraser on a mask plane. A dab covers each pixel by its distance to the centre: fully
 * up to `hardness` × radius, then falling linearly to nothing at the radius. Coverage adds up over
 * the dabs of one stroke, and a pixel is painted once it reaches one half, so a soft brush paints a
 * narrower core and builds up where it passes again, as a soft airbrush does on a 1-bit mask.
 * Pixel centres are at `(x + 0.5, y + 0.5)`.
 */
import { rectUnion, type MaskPlane, type PixelRect } from './plane';

export interface BrushDab {
	/** Centre in image pixels. */
	x: number;
	y: number;
	/** Radius in image pixels (> 0). */
	r: number;
	/** 0 (soft) … 1 (hard). */
	hardness: number;
}

/** What a stroke writes: `value` (0 erases), only over pixels equal to `only` when given. */
export interface BrushInk {
	value: number;
	only?: number;
}

/** One stroke's coverage so far, per pixel (0 … 255); reuse it across strokes, `strokeEnd` clears it. */
export interface BrushStroke {
	cov: Uint8Array;
	dirty: PixelRect | undefined;
}

export function brushStrokeNew(plane: MaskPlane): BrushStroke {
	return { cov: new Uint8Array(plane.w * plane.h), dirty: undefined };
}

const HALF = 128;

/** Applies one dab; returns the rectangle of pixels it may have changed (undefined: none). */
export function brushDab(
	plane: MaskPlane,
	stroke: BrushStroke,
	dab: BrushDab,
	ink: BrushInk
): PixelRect | undefined {
	const { w, h, data } = plane;
	const r = Math.max(0.5, dab.r);
	const core = r * Math.min(1, Math.max(0, dab.hardness));
	const x0 = Math.max(0, Math.floor(dab.x - r));
	const y0 = Math.max(0, Math.floor(dab.y - r));
	const x1 = Math.min(w, Math.ceil(dab.x + r));
	const y1 = Math.min(h, Math.ceil(dab.y + r));
	if (x0 >= x1 || y0 >= y1) return undefined;
	const { cov } = stroke;
	const fall = r - core;
	for (let y = y0; y < y1; y++) {
		const dy = y + 0.5 - dab.y;
		for (let x = x0; x < x1; x++) {
			const dx = x + 0.5 - dab.x;
			const d = Math.sqrt(dx * dx + dy * dy);
			if (d >= r) continue;
			const c = d <= core ? 255 : Math.round((255 * (r - d)) / fall);
			const i = y * w + x;
			const was = cov[i] as number;
			const now = Math.min(255, was + c);
			cov[i] = now;
			if (now < HALF || was >= HALF) continue;
			if (ink.only !== undefined && data[i] !== ink.only) continue;
			data[i] = ink.value;
		}
	}
	const rect = { x0, y0, x1, y1 };
	stroke.dirty = rectUnion(stroke.dirty, rect);
	return rect;
}

/**
 * Dabs from `a` to `b` (the first dab at `a` only when `first`), spaced a quarter radius apart;
 * the radius moves from `ra` to `rb` (pen pressure). Returns the changed rectangle.
 */
export function brushLine(
	plane: MaskPlane,
	stroke: BrushStroke,
	seg: { ax: number; ay: number; bx: number; by: number; ra: number; rb: number; first: boolean },
	hardness: number,
	ink: BrushInk
): PixelRect | undefined {
	const len = Math.hypot(seg.bx - seg.ax, seg.by - seg.ay);
	const step = Math.max(0.5, Math.min(seg.ra, seg.rb) / 4);
	const n = Math.max(1, Math.ceil(len / step));
	let out: PixelRect | undefined;
	for (let s = seg.first ? 0 : 1; s <= n; s++) {
		const t = s / n;
		const dab = {
			x: seg.ax + (seg.bx - seg.ax) * t,
			y: seg.ay + (seg.by - seg.ay) * t,
			r: seg.ra + (seg.rb - seg.ra) * t,
			hardness
		};
		out = rectUnion(out, brushDab(plane, stroke, dab, ink));
	}
	return out;
}

/** Ends a stroke: clears the coverage it used, ready for the next one. */
export function brushStrokeEnd(plane: MaskPlane, stroke: BrushStroke): void {
	const r = stroke.dirty;
	stroke.dirty = undefined;
	if (!r) return;
	for (let y = r.y0; y < r.y1; y++) stroke.cov.fill(0, y * plane.w + r.x0, y * plane.w + r.x1);
}
