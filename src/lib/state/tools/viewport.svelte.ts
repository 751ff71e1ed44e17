/**
 * Zoom and pan of an image view: screen = image × scale + translation. Zooming keeps the image
 * point under the cursor (or the pinch centre) still, as every map and image viewer does.
 */
import type { Point } from '$lib/core/types';

export class Viewport {
	scale = $state(1);
	tx = $state(0);
	ty = $state(0);
	#min = 0.05;
	#max = 40;

	/** Fits an `iw × ih` image centred in a `cw × ch` view. */
	fit(iw: number, ih: number, cw: number, ch: number): void {
		if (!(iw > 0 && ih > 0 && cw > 0 && ch > 0)) return;
		const s = Math.min(cw / iw, ch / ih);
		this.#min = s / 4;
		this.#max = Math.max(s * 40, 8);
		this.scale = s;
		this.tx = (cw - iw * s) / 2;
		this.ty = (ch - ih * s) / 2;
	}

	/** Multiplies the scale by `factor` (clamped) around the view point `(cx, cy)`. */
	zoomAt(factor: number, cx: number, cy: number): void {
		const s = Math.min(this.#max, Math.max(this.#min, this.scale * factor));
		const [ix, iy] = this.toImage(cx, cy);
		this.scale = s;
		this.tx = cx - ix * s;
		this.ty = cy - iy * s;
	}

	panBy(dx: number, dy: number): void {
		this.tx += dx;
		this.ty += dy;
	}

	/** The image point under view point `(x, y)`. */
	toImage(x: number, y: number): Point {
		return [(x - this.tx) / this.scale, (y - this.ty) / this.scale];
	}

	toView(p: Point): Point {
		return [p[0] * this.scale + this.tx, p[1] * this.scale + this.ty];
	}

	get transform(): string {
		return `translate(${this.tx} ${this.ty}) scale(${this.scale})`;
	}
}
