/**
 * Draws one channel of the visible range on a canvas: a vertical min–max line per pixel column
 * when there are more samples than columns (decimated), else a line through the samples.
 */
import type { Columns } from '$lib/core/series/decimate';

export interface ChannelDraw {
	width: number;
	height: number;
	color: string;
	y: [number, number];
	/** Decimated columns, used when `raw` is absent. */
	cols?: Columns;
	/** The samples in view, when there are fewer than columns. */
	raw?: { time: Float64Array; values: Float32Array; i: number; j: number; t0: number; t1: number };
}

export function channelDraw(ctx: CanvasRenderingContext2D, d: ChannelDraw): void {
	const { width: w, height: h } = d;
	ctx.clearRect(0, 0, w, h);
	const [lo, hi] = d.y;
	const pad = 3;
	const yOf = (v: number) => pad + (h - 2 * pad) * (1 - (v - lo) / (hi - lo || 1));
	ctx.strokeStyle = d.color;
	ctx.lineWidth = 1;
	ctx.beginPath();
	if (d.raw) {
		const { time, values, i, j, t0, t1 } = d.raw;
		let pen = false;
		for (let k = i; k < j; k++) {
			const v = values[k] as number;
			if (v !== v) {
				pen = false;
				continue;
			}
			const x = (((time[k] as number) - t0) / (t1 - t0)) * w;
			if (pen) ctx.lineTo(x, yOf(v));
			else ctx.moveTo(x, yOf(v));
			pen = true;
		}
	} else if (d.cols) {
		const { min, max } = d.cols;
		const step = w / min.length;
		let pen = false;
		for (let c = 0; c < min.length; c++) {
			const a = min[c] as number;
			const b = max[c] as number;
			if (a !== a) {
				pen = false;
				continue;
			}
			const x = (c + 0.5) * step;
			// One zigzag through every column's min and max: peaks stay, a flat signal is a line.
			if (pen) ctx.lineTo(x, yOf(a));
			else ctx.moveTo(x, yOf(a));
			ctx.lineTo(x, yOf(b) - (a === b ? 0.5 : 0));
			pen = true;
		}
	}
	ctx.stroke();
}
