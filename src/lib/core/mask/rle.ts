/**
 * Run-length codes for masks. A mask is a `w` × `h` grid of pixels, read in rows (row-major);
 * its runs alternate off and on and start with the off run (which may be 0). The text form is
 * COCO's compressed RLE string (pycocotools maskApi.c, `rleToString`/`rleFrString`): each count,
 * minus the count two before it from the third on, in 5-bit groups with a continuation bit,
 * offset by 48 into printable ASCII. COCO reads the grid in columns; `core/formats` transposes.
 */

/** Runs of an on/off grid given as a predicate over pixel indexes `0 … n-1`. */
export function maskRuns(n: number, on: (i: number) => boolean): number[] {
	const runs: number[] = [];
	let cur = false;
	let last = 0;
	for (let i = 0; i < n; i++) {
		if (on(i) === cur) continue;
		runs.push(i - last);
		last = i;
		cur = !cur;
	}
	runs.push(n - last);
	return runs;
}

/** Sets `out[i] = v` for every pixel that `runs` marks on; returns `out`. */
export function maskRunsPaint<T extends Uint8Array | Uint16Array>(
	runs: readonly number[],
	out: T,
	v: number
): T {
	let at = 0;
	for (let r = 0; r < runs.length; r++) {
		const n = runs[r] as number;
		if (r % 2 === 1) out.fill(v, at, Math.min(out.length, at + n));
		at += n;
	}
	return out;
}

/** Total pixels the runs cover (must equal w × h for a whole mask). */
export function maskRunsLength(runs: readonly number[]): number {
	let s = 0;
	for (const n of runs) s += n;
	return s;
}

/** COCO's compressed RLE text of `runs`. Counts may reach 2^31 (40,000² images). */
export function maskRleText(runs: readonly number[]): string {
	let s = '';
	for (let i = 0; i < runs.length; i++) {
		let x = (runs[i] as number) - (i > 2 ? (runs[i - 2] as number) : 0);
		let more = true;
		while (more) {
			let c = ((x % 32) + 32) % 32;
			x = Math.floor(x / 32);
			more = c & 0x10 ? x !== -1 : x !== 0;
			if (more) c |= 0x20;
			s += String.fromCharCode(c + 48);
		}
	}
	return s;
}

/** Runs read from COCO's compressed RLE text; throws a RangeError on a malformed text. */
export function maskRleRuns(text: string): number[] {
	const runs: number[] = [];
	let p = 0;
	while (p < text.length) {
		let x = 0;
		let k = 0;
		let more = true;
		while (more) {
			if (p >= text.length) throw new RangeError('The mask code ends in the middle of a count.');
			const c = text.charCodeAt(p) - 48;
			if (c < 0 || c > 63) throw new RangeError('The mask code has a character out of range.');
			x += (c & 0x1f) * 2 ** (5 * k);
			more = (c & 0x20) !== 0;
			p++;
			k++;
			if (!more && c & 0x10) x -= 2 ** (5 * k);
		}
		const m = runs.length;
		if (m > 2) x += runs[m - 2] as number;
		if (x < 0) throw new RangeError('The mask code has a negative run.');
		runs.push(x);
	}
	return runs;
}

/** Bounding box `[x, y, w, h]` and area (pixels) of the on pixels of row-major runs. */
export function maskRunsBox(
	runs: readonly number[],
	w: number
): { bbox: [number, number, number, number]; area: number } {
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -1;
	let y1 = -1;
	let area = 0;
	let at = 0;
	for (let r = 0; r < runs.length; r++) {
		const n = runs[r] as number;
		if (r % 2 === 1 && n > 0) {
			area += n;
			const ra = Math.floor(at / w);
			const rb = Math.floor((at + n - 1) / w);
			y0 = Math.min(y0, ra);
			y1 = Math.max(y1, rb);
			if (ra === rb) {
				x0 = Math.min(x0, at % w);
				x1 = Math.max(x1, (at + n - 1) % w);
			} else {
				// A run over a row's end touches both edges of the image.
				x0 = 0;
				x1 = w - 1;
			}
		}
		at += n;
	}
	if (area === 0) return { bbox: [0, 0, 0, 0], area: 0 };
	return { bbox: [x0, y0, x1 - x0 + 1, y1 - y0 + 1], area };
}
