/**
 * Zoom and pan of an image view: screen = image × scale + translation. The image starts fitted,
 * centred in the view, and is fitted again whenever the view's size changes; zooming keeps the
 * image point under the cursor (or the pinch centre) still, as every map and image viewer does.
 */
import type { Point } from '$lib/core/types';

type Transform = { scale: number; tx: number; ty: number };
type Size = { w: number; h: number };

const IDENTITY: Transform = { scale: 1, tx: 0, ty: 0 };

export class Viewport {
	readonly #image: () => Size;
	#width = $state(0);
	#height = $state(0);
	/** The user's zoom and pan, for the view and image size they were made at (`at`). */
	#user = $state.raw<{ at: string; t: Transform } | undefined>(undefined);

	/** `image` gives the image's size in pixels. */
	constructor(image: () => Size) {
		this.#image = image;
	}

	/** The view's size in screen pixels (measured by the stage). */
	get width(): number {
		return this.#width;
	}

	get height(): number {
		return this.#height;
	}

	widthSet(w: number): void {
		this.#width = w;
	}

	heightSet(h: number): void {
		this.#height = h;
	}

	get #at(): string {
		const { w, h } = this.#image();
		return `${w}x${h}@${this.#width}x${this.#height}`;
	}

	/** The image fitted and centred in the view (identity until both have a size). */
	get #fitted(): Transform | undefined {
		const { w: iw, h: ih } = this.#image();
		const cw = this.#width;
		const ch = this.#height;
		if (!(iw > 0 && ih > 0 && cw > 0 && ch > 0)) return undefined;
		const s = Math.min(cw / iw, ch / ih);
		return { scale: s, tx: (cw - iw * s) / 2, ty: (ch - ih * s) / 2 };
	}

	get #t(): Transform {
		const u = this.#user;
		if (u && u.at === this.#at) return u.t;
		return this.#fitted ?? IDENTITY;
	}

	get scale(): number {
		return this.#t.scale;
	}

	get tx(): number {
		return this.#t.tx;
	}

	get ty(): number {
		return this.#t.ty;
	}

	/** Fits the image in the view again. */
	fit(): void {
		this.#user = undefined;
	}

	/** Multiplies the scale by `factor` (clamped) around the view point `(cx, cy)`. */
	zoomAt(factor: number, cx: number, cy: number): void {
		const fit = this.#fitted?.scale;
		const min = fit ? fit / 4 : 0.05;
		const max = fit ? Math.max(fit * 40, 8) : 40;
		const s = Math.min(max, Math.max(min, this.scale * factor));
		const [ix, iy] = this.toImage(cx, cy);
		this.#user = { at: this.#at, t: { scale: s, tx: cx - ix * s, ty: cy - iy * s } };
	}

	/** Zooms around the view's centre. */
	zoomCenter(factor: number): void {
		this.zoomAt(factor, this.#width / 2, this.#height / 2);
	}

	panBy(dx: number, dy: number): void {
		const t = this.#t;
		this.#user = { at: this.#at, t: { ...t, tx: t.tx + dx, ty: t.ty + dy } };
	}

	/** The image point under view point `(x, y)`. */
	toImage(x: number, y: number): Point {
		const t = this.#t;
		return [(x - t.tx) / t.scale, (y - t.ty) / t.scale];
	}

	toView(p: Point): Point {
		const t = this.#t;
		return [p[0] * t.scale + t.tx, p[1] * t.scale + t.ty];
	}

	get transform(): string {
		const t = this.#t;
		return `translate(${t.tx} ${t.ty}) scale(${t.scale})`;
	}
}
