/**
 * Filling on a mask plane: the connected area under a click (4-connected, scanline flood fill) and
 * the holes of a mask (areas of other values that do not reach the image's edge).
 */
import type { MaskPlane, PixelRect } from './plane';

/**
 * Marks in `out` (1) the 4-connected pixels reachable from `start` for which `inside(i)` holds;
 * returns the bounding rectangle, or undefined when `start` itself is outside.
 */
export function floodMark(
	w: number,
	h: number,
	start: number,
	inside: (i: number) => boolean,
	out: Uint8Array
): PixelRect | undefined {
	if (start < 0 || start >= w * h || !inside(start) || out[start]) return undefined;
	const stack = [start];
	let x0 = w;
	let y0 = h;
	let x1 = 0;
	let y1 = 0;
	const ok = (i: number) => !out[i] && inside(i);
	while (stack.length) {
		const s = stack.pop() as number;
		if (!ok(s)) continue;
		const y = Math.floor(s / w);
		const row = y * w;
		let a = s;
		while (a > row && ok(a - 1)) a--;
		let b = s;
		while (b < row + w - 1 && ok(b + 1)) b++;
		let upOpen = false;
		let downOpen = false;
		for (let i = a; i <= b; i++) {
			out[i] = 1;
			if (y > 0) {
				const u = ok(i - w);
				if (u && !upOpen) stack.push(i - w);
				upOpen = u;
			}
			if (y < h - 1) {
				const d = ok(i + w);
				if (d && !downOpen) stack.push(i + w);
				downOpen = d;
			}
		}
		x0 = Math.min(x0, a - row);
		x1 = Math.max(x1, b - row + 1);
		y0 = Math.min(y0, y);
		y1 = Math.max(y1, y + 1);
	}
	return { x0, y0, x1, y1 };
}

/** Sets the area connected to pixel `(x, y)` that has that pixel's value to `value`. */
export function maskFill(
	plane: MaskPlane,
	x: number,
	y: number,
	value: number
): PixelRect | undefined {
	const { w, h, data } = plane;
	if (x < 0 || y < 0 || x >= w || y >= h) return undefined;
	const seed = data[y * w + x] as number;
	if (seed === value) return undefined;
	const mark = new Uint8Array(w * h);
	const rect = floodMark(w, h, y * w + x, (i) => data[i] === seed, mark);
	for (let i = 0; i < mark.length; i++) if (mark[i]) data[i] = value;
	return rect;
}

/** Fills the holes of mask `k`: every area not of `k` that does not reach the image's edge. */
export function maskHolesFill(plane: MaskPlane, k: number): PixelRect | undefined {
	const { w, h, data } = plane;
	const outside = new Uint8Array(w * h);
	const notK = (i: number) => data[i] !== k;
	for (let x = 0; x < w; x++) {
		floodMark(w, h, x, notK, outside);
		floodMark(w, h, (h - 1) * w + x, notK, outside);
	}
	for (let y = 0; y < h; y++) {
		floodMark(w, h, y * w, notK, outside);
		floodMark(w, h, y * w + w - 1, notK, outside);
	}
	let rect: PixelRect | undefined;
	for (let i = 0; i < data.length; i++) {
		if (data[i] === k || outside[i]) continue;
		data[i] = k;
		const x = i % w;
		const y = (i - x) / w;
		rect = rect
			? {
					x0: Math.min(rect.x0, x),
					y0: Math.min(rect.y0, y),
					x1: Math.max(rect.x1, x + 1),
					y1: Math.max(rect.y1, y + 1)
				}
			: { x0: x, y0: y, x1: x + 1, y1: y + 1 };
	}
	return rect;
}
