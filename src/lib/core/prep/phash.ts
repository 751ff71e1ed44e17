/**
 * Perceptual hash of an image (pHash, after Zauner, "Implementation and Benchmarking of Perceptual
 * Image Hash Functions", 2010, and the `imagehash` library's phash): the image is reduced to 32×32
 * grey levels, transformed by a 2-D DCT-II, and the 8×8 lowest frequencies are compared with their
 * median, one bit each. Resized or recompressed copies keep their low frequencies, so their hashes
 * differ in few bits; unrelated images differ in about half of the 64.
 */

export const PHASH_SIDE = 32;
const LOW = 8;

/** cos((2x+1)uπ / 2N) for N = 32, computed once. */
const COS = (() => {
	const t = new Float64Array(PHASH_SIDE * PHASH_SIDE);
	for (let u = 0; u < PHASH_SIDE; u++)
		for (let x = 0; x < PHASH_SIDE; x++)
			t[u * PHASH_SIDE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * PHASH_SIDE));
	return t;
})();

/**
 * Grey levels (0–255) of an RGBA image resized to `side`×`side` by averaging the source pixels
 * each target pixel covers (a box filter). Luma by ITU-R BT.601 weights.
 */
export function grayResize(
	rgba: Uint8ClampedArray | Uint8Array,
	width: number,
	height: number,
	side = PHASH_SIDE
): Float64Array {
	if (width <= 0 || height <= 0 || rgba.length < width * height * 4)
		throw new RangeError(`grayResize: ${width}×${height} needs ${width * height * 4} bytes`);
	const sum = new Float64Array(side * side);
	const count = new Float64Array(side * side);
	for (let y = 0; y < height; y++) {
		const ty = Math.min(side - 1, Math.floor((y * side) / height));
		for (let x = 0; x < width; x++) {
			const tx = Math.min(side - 1, Math.floor((x * side) / width));
			const o = (y * width + x) * 4;
			const g =
				0.299 * (rgba[o] as number) +
				0.587 * (rgba[o + 1] as number) +
				0.114 * (rgba[o + 2] as number);
			sum[ty * side + tx] = (sum[ty * side + tx] as number) + g;
			count[ty * side + tx] = (count[ty * side + tx] as number) + 1;
		}
	}
	// Images smaller than the target leave gaps: fill them from the nearest source pixel.
	for (let ty = 0; ty < side; ty++)
		for (let tx = 0; tx < side; tx++) {
			const i = ty * side + tx;
			if (count[i]) sum[i] = (sum[i] as number) / (count[i] as number);
			else {
				const sx = Math.min(width - 1, Math.floor(((tx + 0.5) * width) / side));
				const sy = Math.min(height - 1, Math.floor(((ty + 0.5) * height) / side));
				const o = (sy * width + sx) * 4;
				sum[i] =
					0.299 * (rgba[o] as number) +
					0.587 * (rgba[o + 1] as number) +
					0.114 * (rgba[o + 2] as number);
			}
		}
	return sum;
}

/**
 * The 64-bit pHash of a 32×32 grey image (row-major), as 16 hex characters. Bit i (row-major over
 * the 8×8 lowest DCT frequencies) is set when that coefficient exceeds their median.
 */
export function phash(gray: Float64Array | number[]): string {
	if (gray.length !== PHASH_SIDE * PHASH_SIDE)
		throw new RangeError(
			`phash: expected ${PHASH_SIDE * PHASH_SIDE} grey values, got ${gray.length}`
		);
	// Separable DCT-II, only the LOW×LOW coefficients we keep.
	const rows = new Float64Array(PHASH_SIDE * LOW);
	for (let y = 0; y < PHASH_SIDE; y++)
		for (let u = 0; u < LOW; u++) {
			let s = 0;
			for (let x = 0; x < PHASH_SIDE; x++)
				s += (gray[y * PHASH_SIDE + x] as number) * (COS[u * PHASH_SIDE + x] as number);
			rows[y * LOW + u] = s;
		}
	const coef = new Float64Array(LOW * LOW);
	for (let v = 0; v < LOW; v++)
		for (let u = 0; u < LOW; u++) {
			let s = 0;
			for (let y = 0; y < PHASH_SIDE; y++)
				s += (rows[y * LOW + u] as number) * (COS[v * PHASH_SIDE + y] as number);
			coef[v * LOW + u] = s;
		}
	const sorted = [...coef].sort((a, b) => a - b);
	const median = ((sorted[31] as number) + (sorted[32] as number)) / 2;
	let hex = '';
	for (let nib = 0; nib < 16; nib++) {
		let v = 0;
		for (let b = 0; b < 4; b++) v = (v << 1) | ((coef[nib * 4 + b] as number) > median ? 1 : 0);
		hex += v.toString(16);
	}
	return hex;
}

/** Number of differing bits between two 64-bit hashes given as 16 hex characters. */
export function hammingDistance(a: string, b: string): number {
	if (a.length !== 16 || b.length !== 16)
		throw new RangeError('hammingDistance: 16 hex digits each');
	let d = 0;
	for (let i = 0; i < 16; i += 8) {
		let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
		while (x) {
			x &= x - 1;
			d++;
		}
	}
	return d;
}

/** Default: hashes at most this many bits apart are the same picture. */
export const PHASH_MAX_DISTANCE = 10;

export interface PhashPair {
	a: number;
	b: number;
	distance: number;
	similarity: number;
}

function halves(hashes: readonly string[]): { hi: Uint32Array; lo: Uint32Array } {
	const hi = new Uint32Array(hashes.length);
	const lo = new Uint32Array(hashes.length);
	hashes.forEach((h, i) => {
		hi[i] = parseInt(h.slice(0, 8), 16) >>> 0;
		lo[i] = parseInt(h.slice(8), 16) >>> 0;
	});
	return { hi, lo };
}

function pop(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

const bySimilarity = (p: PhashPair, q: PhashPair) =>
	p.distance - q.distance || p.a - q.a || p.b - q.b;

/**
 * Pairs of images whose hashes are at most `maxDistance` bits apart, by comparing every pair:
 * n²/2 XOR-popcounts (10k images: 5·10⁷). The reference `phashPairs` must agree with.
 */
export function phashPairsAll(
	hashes: readonly string[],
	maxDistance = PHASH_MAX_DISTANCE
): PhashPair[] {
	const { hi, lo } = halves(hashes);
	const out: PhashPair[] = [];
	for (let a = 0; a < hashes.length; a++)
		for (let b = a + 1; b < hashes.length; b++) {
			const d =
				pop(((hi[a] as number) ^ (hi[b] as number)) >>> 0) +
				pop(((lo[a] as number) ^ (lo[b] as number)) >>> 0);
			if (d <= maxDistance) out.push({ a, b, distance: d, similarity: 1 - d / 64 });
		}
	return out.sort(bySimilarity);
}

/** Largest per-block radius the multi-index search enumerates (697 keys per block at 3). */
const MIH_MAX_RADIUS = 3;

/**
 * Pairs of images whose hashes are at most `maxDistance` bits apart: exactly the pairs of
 * `phashPairsAll`, found by multi-index hashing (Norouzi et al. 2012). The 64 bits are cut into
 * four 16-bit blocks, each indexed in a table of 65,536 buckets. Two hashes within `d` bits
 * differ by at most ⌊d/4⌋ bits in at least one block (pigeonhole), so each hash looks up, per
 * block, the buckets of every value within ⌊d/4⌋ bits of its own (137 buckets at d = 10) and
 * checks only those candidates. A pair counts at the first block where it is that close, so it is
 * reported once. 100k random hashes: ~10⁸ checks instead of 5·10⁹. Above d = 15 (radius over 3)
 * the enumeration costs more than it saves, and every pair is compared.
 */
export function phashPairs(
	hashes: readonly string[],
	maxDistance = PHASH_MAX_DISTANCE
): PhashPair[] {
	const n = hashes.length;
	const r = Math.floor(maxDistance / 4);
	if (maxDistance < 0) return [];
	if (r > MIH_MAX_RADIUS || n < 64) return phashPairsAll(hashes, maxDistance);
	const { hi, lo } = halves(hashes);
	// blocks[j][i]: bits 16j..16j+15 of hash i, from the left.
	const blocks = [0, 1, 2, 3].map((j) => {
		const src = j < 2 ? hi : lo;
		const shift = j % 2 === 0 ? 16 : 0;
		return Uint16Array.from(src, (x) => (x >>> shift) & 0xffff);
	});
	// One bucket table per block, counting-sorted: the hashes with block value v are at
	// start[v]..start[v+1] of idx (their index), H and L (their halves, for sequential reads).
	const tables = blocks.map((bl) => {
		const start = new Int32Array(65537);
		for (let i = 0; i < n; i++) {
			const v = (bl[i] as number) + 1;
			start[v] = (start[v] as number) + 1;
		}
		for (let v = 0; v < 65536; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
		const fill = start.slice(0, 65536);
		const idx = new Int32Array(n);
		const H = new Uint32Array(n);
		const L = new Uint32Array(n);
		for (let i = 0; i < n; i++) {
			const v = bl[i] as number;
			const k = fill[v] as number;
			idx[k] = i;
			H[k] = hi[i] as number;
			L[k] = lo[i] as number;
			fill[v] = k + 1;
		}
		return { start, idx, H, L };
	});
	// XOR masks of every 16-bit value within r bits (137 at r = 2).
	const masks: number[] = [];
	for (let m = 0; m < 65536; m++) if (pop(m) <= r) masks.push(m);
	const out: PhashPair[] = [];
	for (let j = 0; j < 4; j++) {
		const { start, idx, H, L } = tables[j] as (typeof tables)[number];
		const bl = blocks[j] as Uint16Array;
		// Queries in bucket order: neighbouring queries probe the same buckets (cache-friendly).
		for (let q = 0; q < n; q++) {
			const a = idx[q] as number;
			const ha = hi[a] as number;
			const la = lo[a] as number;
			const v = bl[a] as number;
			for (let mi = 0; mi < masks.length; mi++) {
				const key = v ^ (masks[mi] as number);
				const end = start[key + 1] as number;
				for (let k = start[key] as number; k < end; k++) {
					const b = idx[k] as number;
					if (b <= a) continue;
					const xh = (ha ^ (H[k] as number)) >>> 0;
					const xl = (la ^ (L[k] as number)) >>> 0;
					// Reported at the first block within r bits: skip it when an earlier block is.
					if (j > 0 && pop(xh >>> 16) <= r) continue;
					if (j > 1 && pop(xh & 0xffff) <= r) continue;
					if (j > 2 && pop(xl >>> 16) <= r) continue;
					const d = pop(xh) + pop(xl);
					if (d <= maxDistance) out.push({ a, b, distance: d, similarity: 1 - d / 64 });
				}
			}
		}
	}
	return out.sort(bySimilarity);
}
