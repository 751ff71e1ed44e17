/**
 * Near-duplicate texts by MinHash and locality-sensitive hashing (Broder, "On the resemblance and
 * containment of documents", 1997; banding as in Leskovec, Rajaraman & Ullman, "Mining of Massive
 * Datasets", ch. 3). A text becomes a set of word shingles; each of `HASHES` universal hash
 * functions keeps its minimum over the set, and the share of equal minima estimates the Jaccard
 * similarity of two sets. Signatures are cut into bands; texts that agree on a whole band are
 * candidates, and only candidates are compared.
 */

/** Number of hash functions per signature. */
export const MINHASH_HASHES = 64;
/**
 * 20 bands of 3 rows (60 of the 64 minima): a pair at Jaccard 0.6 becomes a candidate 99.2% of
 * the time, one at 0.2 only 15%; candidates are then checked on all 64.
 */
export const LSH_BANDS = 20;
const ROWS = 3;

/** Odd multipliers and offsets of the hash family h_i(x) = a_i·x + b_i mod 2^32, from a fixed seed. */
const A = new Uint32Array(MINHASH_HASHES);
const B = new Uint32Array(MINHASH_HASHES);
{
	let s = 0x9e3779b9;
	const next = () => {
		// xorshift32: deterministic, so signatures match across devices and runs.
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		return s >>> 0;
	};
	for (let i = 0; i < MINHASH_HASHES; i++) {
		A[i] = next() | 1;
		B[i] = next();
	}
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words of a text (letters and digits; punctuation and spacing ignored). */
export function textWords(text: string): string[] {
	return text.toLowerCase().match(WORD) ?? [];
}

/** FNV-1a over a string, mixed with a murmur3 finaliser. */
function hashString(s: string, h = 0x811c9dc5): number {
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Hashes of the `k`-word shingles of a text (fewer words than `k`: one shingle of all of them).
 * Empty for a text without words.
 */
export function shingleHashes(text: string, k = 3): Uint32Array {
	const words = textWords(text);
	if (words.length === 0) return new Uint32Array(0);
	const wordHashes = words.map((w) => hashString(w));
	const n = Math.max(1, words.length - k + 1);
	const out = new Uint32Array(n);
	for (let i = 0; i < n; i++) {
		let h = 0x811c9dc5;
		for (let j = i; j < Math.min(i + k, words.length); j++)
			h = Math.imul(h ^ (wordHashes[j] as number), 0x01000193) >>> 0;
		out[i] = h;
	}
	return out;
}

/** The MinHash signature of a set of shingle hashes; all 0xffffffff for an empty set. */
export function minhashSignature(
	shingles: Uint32Array,
	out = new Uint32Array(MINHASH_HASHES),
	at = 0
): Uint32Array {
	for (let i = 0; i < MINHASH_HASHES; i++) {
		const a = A[i] as number;
		const b = B[i] as number;
		let m = 0xffffffff;
		for (let s = 0; s < shingles.length; s++) {
			const v = (Math.imul(a, shingles[s] as number) + b) >>> 0;
			if (v < m) m = v;
		}
		out[at + i] = m;
	}
	return out;
}

/** Estimated Jaccard similarity of two signatures: the share of equal minima, 0–1. */
export function minhashSimilarity(a: Uint32Array, b: Uint32Array): number {
	let same = 0;
	for (let i = 0; i < MINHASH_HASHES; i++) if (a[i] === b[i]) same++;
	return same / MINHASH_HASHES;
}

/** Exact Jaccard similarity of two shingle sets (for tests and small checks). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
	const sa = new Set(a);
	const sb = new Set(b);
	let inter = 0;
	for (const x of sa) if (sb.has(x)) inter++;
	const union = sa.size + sb.size - inter;
	return union === 0 ? 0 : inter / union;
}

export interface SimilarPair {
	/** Indexes of the two texts, a < b, in the order they were added. */
	a: number;
	b: number;
	/** Estimated Jaccard similarity of their shingle sets, 0–1. */
	similarity: number;
}

/** Largest index count: an index and a band key are packed into one exact double (32 + 21 bits). */
const MAX_TEXTS = 1 << 21;

/**
 * An incremental LSH index: add texts in chunks (so a caller can yield between them), then ask for
 * the pairs whose estimated similarity reaches a threshold. Signatures and band keys live in flat
 * typed arrays, and candidates come from sorting each band's keys, so 100k texts cost a few MB
 * and no per-bucket objects.
 */
export class NearDupIndex {
	#n = 0;
	#sigs = new Uint32Array(1024 * MINHASH_HASHES);
	/** Band keys, text-major: `#keys[i * LSH_BANDS + band]`. */
	#keys = new Uint32Array(1024 * LSH_BANDS);
	#empty = new Uint8Array(1024);
	readonly k: number;

	constructor(opts: { k?: number } = {}) {
		this.k = opts.k ?? 3;
	}

	get size(): number {
		return this.#n;
	}

	#grow(): void {
		const cap = this.#empty.length * 2;
		const sigs = new Uint32Array(cap * MINHASH_HASHES);
		sigs.set(this.#sigs);
		this.#sigs = sigs;
		const keys = new Uint32Array(cap * LSH_BANDS);
		keys.set(this.#keys);
		this.#keys = keys;
		const empty = new Uint8Array(cap);
		empty.set(this.#empty);
		this.#empty = empty;
	}

	/** Adds a text; returns its index. A text without words is indexed but never matches. */
	add(text: string): number {
		const i = this.#n;
		if (i >= MAX_TEXTS) throw new RangeError(`NearDupIndex holds at most ${MAX_TEXTS} texts`);
		if (i >= this.#empty.length) this.#grow();
		this.#n++;
		const sh = shingleHashes(text, this.k);
		if (sh.length === 0) {
			this.#empty[i] = 1;
			return i;
		}
		const sig = this.#sigs;
		const at = i * MINHASH_HASHES;
		minhashSignature(sh, sig, at);
		for (let band = 0; band < LSH_BANDS; band++) {
			let h = 0x811c9dc5 ^ band;
			for (let r = 0; r < ROWS; r++)
				h = Math.imul(h ^ (sig[at + band * ROWS + r] as number), 0x01000193);
			this.#keys[i * LSH_BANDS + band] = h >>> 0;
		}
		return i;
	}

	#similarity(a: number, b: number): number {
		const sig = this.#sigs;
		let same = 0;
		for (let j = 0; j < MINHASH_HASHES; j++)
			if (sig[a * MINHASH_HASHES + j] === sig[b * MINHASH_HASHES + j]) same++;
		return same / MINHASH_HASHES;
	}

	/** Candidate pairs whose estimated similarity is at least `threshold`, most similar first. */
	pairs(threshold = 0.6): SimilarPair[] {
		const n = this.#n;
		const seen = new Set<number>();
		const out: SimilarPair[] = [];
		const packed = new Float64Array(n);
		for (let band = 0; band < LSH_BANDS; band++) {
			let m = 0;
			for (let i = 0; i < n; i++)
				if (!this.#empty[i])
					packed[m++] = (this.#keys[i * LSH_BANDS + band] as number) * MAX_TEXTS + i;
			const sorted = packed.subarray(0, m).sort();
			for (let x = 0; x < m;) {
				const key = Math.floor((sorted[x] as number) / MAX_TEXTS);
				let y = x + 1;
				while (y < m && Math.floor((sorted[y] as number) / MAX_TEXTS) === key) y++;
				for (let p = x; p < y; p++)
					for (let q = p + 1; q < y; q++) {
						const a = (sorted[p] as number) % MAX_TEXTS;
						const b = (sorted[q] as number) % MAX_TEXTS;
						const pairKey = a * n + b;
						if (seen.has(pairKey)) continue;
						seen.add(pairKey);
						const similarity = this.#similarity(a, b);
						if (similarity >= threshold) out.push({ a, b, similarity });
					}
				x = y;
			}
		}
		return out.sort((p, q) => q.similarity - p.similarity || p.a - q.a || p.b - q.b);
	}
}

/** Groups pairs into clusters (connected components), each sorted, largest first. */
export function clustersFromPairs(pairs: readonly { a: number; b: number }[]): number[][] {
	const parent = new Map<number, number>();
	const find = (x: number): number => {
		let r = x;
		while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as number;
		parent.set(x, r);
		return r;
	};
	for (const { a, b } of pairs) {
		if (!parent.has(a)) parent.set(a, a);
		if (!parent.has(b)) parent.set(b, b);
		const ra = find(a);
		const rb = find(b);
		if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
	}
	const groups = new Map<number, number[]>();
	for (const x of parent.keys()) {
		const r = find(x);
		const g = groups.get(r);
		if (g) g.push(x);
		else groups.set(r, [x]);
	}
	return [...groups.values()]
		.map((g) => g.sort((p, q) => p - q))
		.sort((p, q) => q.length - p.length || (p[0] as number) - (q[0] as number));
}
