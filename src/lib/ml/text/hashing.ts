/**
 * fastText-style feature hashing (Joulin et al., 2017): word uni- and bigrams and character
 * n-grams of `<word>` are hashed (FNV-1a, 32 bit) into `dim` buckets. Counts are damped with
 * log(1 + tf) and each row is L2-normalized, so long and short texts weigh alike. Pure TS: the
 * same features in the worker, in node tests and in the bench.
 */

export interface HashingOptions {
	/** Number of hash buckets; a power of two. */
	dim: number;
	/** Word n-gram orders, e.g. [1, 2]. */
	wordNgrams: number[];
	/** Character n-gram lengths (of `<word>`), e.g. [3, 5] for 3 to 5; [] for none. */
	charNgrams: [min: number, max: number] | [];
	/** Only the first `maxChars` characters of a text are read (long e-mails). */
	maxChars: number;
	lowercase: boolean;
}

export const HASHING_DEFAULTS: HashingOptions = {
	dim: 1 << 18,
	wordNgrams: [1, 2],
	charNgrams: [3, 5],
	maxChars: 3000,
	lowercase: true
};

/** A sparse row: sorted unique bucket indices and their weights. */
export interface SparseRow {
	idx: Int32Array;
	val: Float32Array;
}

/** Many rows packed together (CSR): row i is `idx/val[ptr[i] .. ptr[i+1])`. */
export interface SparseBatch {
	rows: number;
	dim: number;
	ptr: Int32Array;
	idx: Int32Array;
	val: Float32Array;
}

/** FNV-1a of a string with a seed prefix, as an unsigned 32-bit integer. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
	let h = seed >>> 0;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{N}]/gu;

/** Words (letters/digits, with inner apostrophes) and single punctuation marks. */
export function tokenize(text: string, lowercase = true): string[] {
	const t = lowercase ? text.toLowerCase() : text;
	return t.match(TOKEN) ?? [];
}

const PRIME = 0x01000193;
const SEED_WORD = 0x811c9dc5;
const SEED_CHAR = 0x050c5d1f;

/** Combines two 32-bit hashes (boost's hash_combine), for word n-grams. */
function combine(a: number, b: number): number {
	return (a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2))) >>> 0;
}

/** Scratch space reused across calls: counts per bucket and the buckets touched. */
let scratch: { dim: number; counts: Float32Array; touched: Int32Array } | undefined;

/**
 * One text's features: bucket → log(1 + count), L2-normalized, indices sorted. Word n-grams hash
 * their words' hashes together; character n-grams of `<word>` are hashed incrementally, so no
 * n-gram string is ever built.
 */
export function hashText(text: string, opts: HashingOptions = HASHING_DEFAULTS): SparseRow {
	const mask = opts.dim - 1;
	if (opts.dim <= 0 || (opts.dim & mask) !== 0)
		throw new RangeError(`dim must be a power of two, got ${opts.dim}`);
	if (!scratch || scratch.dim !== opts.dim)
		scratch = { dim: opts.dim, counts: new Float32Array(opts.dim), touched: new Int32Array(4096) };
	const { counts } = scratch;
	let touched = scratch.touched;
	let nt = 0;
	const add = (h: number, times: number) => {
		const b = h & mask;
		if (counts[b] === 0) {
			if (nt === touched.length) {
				const bigger = new Int32Array(touched.length * 2);
				bigger.set(touched);
				touched = scratch!.touched = bigger;
			}
			touched[nt++] = b;
		}
		counts[b] = (counts[b] as number) + times;
	};
	const words = tokenize(text.slice(0, opts.maxChars), opts.lowercase);
	const wh = words.map((w) => fnv1a(w, SEED_WORD));
	for (const n of opts.wordNgrams)
		for (let i = 0; i + n <= wh.length; i++) {
			let h = Math.imul(n, PRIME) >>> 0;
			for (let j = 0; j < n; j++) h = combine(h, wh[i + j] as number);
			add(h, 1);
		}
	if (opts.charNgrams.length === 2) {
		const [lo, hi] = opts.charNgrams;
		// Each distinct word once, weighted by how often it occurs (texts repeat words a lot).
		const times = new Map<string, number>();
		for (const w of words) times.set(w, (times.get(w) ?? 0) + 1);
		for (const [w, k] of times) {
			const s = `<${w}>`;
			for (let i = 0; i + lo <= s.length; i++) {
				let h = SEED_CHAR;
				for (let j = i; j < Math.min(s.length, i + hi); j++) {
					h = Math.imul(h ^ s.charCodeAt(j), PRIME) >>> 0;
					if (j - i + 1 >= lo) add(h, k);
				}
			}
		}
	}
	const idx = touched.slice(0, nt).sort();
	const val = new Float32Array(nt);
	let norm = 0;
	for (let i = 0; i < nt; i++) {
		const b = idx[i] as number;
		const v = Math.log1p(counts[b] as number);
		counts[b] = 0;
		val[i] = v;
		norm += v * v;
	}
	if (norm > 0) {
		const f = 1 / Math.sqrt(norm);
		for (let i = 0; i < nt; i++) val[i] = (val[i] as number) * f;
	}
	return { idx, val };
}

/** Packs rows into one CSR batch. */
export function packRows(rows: readonly SparseRow[], dim: number): SparseBatch {
	const ptr = new Int32Array(rows.length + 1);
	for (let i = 0; i < rows.length; i++)
		ptr[i + 1] = (ptr[i] as number) + (rows[i] as SparseRow).idx.length;
	const nnz = ptr[rows.length] as number;
	const idx = new Int32Array(nnz);
	const val = new Float32Array(nnz);
	for (let i = 0; i < rows.length; i++) {
		const r = rows[i] as SparseRow;
		idx.set(r.idx, ptr[i] as number);
		val.set(r.val, ptr[i] as number);
	}
	return { rows: rows.length, dim, ptr, idx, val };
}

/** Hashes many texts into one CSR batch. */
export function hashTexts(
	texts: readonly string[],
	opts: HashingOptions = HASHING_DEFAULTS
): SparseBatch {
	return packRows(
		texts.map((t) => hashText(t, opts)),
		opts.dim
	);
}

/** Rows `which` of a batch, as a new batch (e.g. one fold, one mini-batch). */
export function sliceRows(b: SparseBatch, which: ArrayLike<number>): SparseBatch {
	const ptr = new Int32Array(which.length + 1);
	for (let i = 0; i < which.length; i++) {
		const r = which[i] as number;
		ptr[i + 1] = (ptr[i] as number) + ((b.ptr[r + 1] as number) - (b.ptr[r] as number));
	}
	const idx = new Int32Array(ptr[which.length] as number);
	const val = new Float32Array(idx.length);
	for (let i = 0; i < which.length; i++) {
		const r = which[i] as number;
		const from = b.ptr[r] as number;
		const to = b.ptr[r + 1] as number;
		idx.set(b.idx.subarray(from, to), ptr[i] as number);
		val.set(b.val.subarray(from, to), ptr[i] as number);
	}
	return { rows: which.length, dim: b.dim, ptr, idx, val };
}
