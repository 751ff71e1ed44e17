/**
 * COCO's RLE (pycocotools maskApi: `{ size: [h, w], counts }`) to and from our row-major runs.
 * COCO reads pixels in columns (Fortran order), so the runs are transposed on the way; `counts`
 * is COCO's compressed string, or on import also the plain number list COCO allows.
 */
import { maskRleRuns, maskRleText, maskRuns, maskRunsLength, maskRunsPaint } from './rle';

export interface CocoRle {
	size: [h: number, w: number];
	counts: string;
}

/** The same pixels read in the other order: rows of `w` become columns of `h`. */
function runsTranspose(runs: readonly number[], w: number, h: number): number[] {
	const grid = maskRunsPaint(runs, new Uint8Array(w * h), 1);
	// Pixel j of the column-major order is (x = floor(j / h), y = j % h) in the row-major grid.
	return maskRuns(w * h, (j) => grid[(j % h) * w + Math.floor(j / h)] === 1);
}

/** COCO's RLE of a mask given as row-major runs over `w` × `h`. */
export function cocoRleFrom(runs: readonly number[], w: number, h: number): CocoRle {
	return { size: [h, w], counts: maskRleText(runsTranspose(runs, w, h)) };
}

/** Row-major runs of a COCO RLE; throws a RangeError when it does not fit its size. */
export function cocoRleRuns(rle: { size: unknown; counts: unknown }): {
	w: number;
	h: number;
	runs: number[];
} {
	const [h, w] = Array.isArray(rle.size) ? (rle.size as unknown[]) : [];
	if (!Number.isInteger(h) || !Number.isInteger(w) || (h as number) <= 0 || (w as number) <= 0)
		throw new RangeError('A COCO mask needs a size [height, width].');
	const H = h as number;
	const W = w as number;
	const c = rle.counts;
	const col =
		typeof c === 'string'
			? maskRleRuns(c)
			: Array.isArray(c) && c.every((n) => Number.isInteger(n) && n >= 0)
				? (c as number[])
				: undefined;
	if (!col) throw new RangeError('A COCO mask has counts that are neither a string nor numbers.');
	if (maskRunsLength(col) !== W * H)
		throw new RangeError(`A COCO mask’s counts do not cover its ${W} × ${H} pixels.`);
	// Column-major runs over h × w are row-major runs of the transposed (h wide, w high) grid.
	return { w: W, h: H, runs: runsTranspose(col, H, W) };
}
