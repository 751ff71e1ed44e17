/**
 * Hashed token features for the span tagger: each token becomes a few dozen string features
 * (word, affixes, shape, neighbours) hashed into `dim` buckets (the hashing trick, Weinberger et
 * al. 2009), so the model has a fixed size whatever the vocabulary.
 */

/** FNV-1a 32-bit hash of a string (UTF-16 code units), as an unsigned integer. */
export function hashString(s: string, seed = 0x811c9dc5): number {
	let h = seed >>> 0;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

/** Bucket of a feature string in `[0, dim)`. */
export function featureIndex(feature: string, dim: number): number {
	return hashString(feature) % dim;
}

/** Word shape: `Xxxx` → `Xx`, `2024-01-02` → `d-d-d`, runs of one class collapsed. */
export function tokenShape(word: string): string {
	let out = '';
	let last = '';
	for (const ch of word) {
		const c = /\p{Lu}/u.test(ch)
			? 'X'
			: /\p{Ll}/u.test(ch)
				? 'x'
				: /\p{N}/u.test(ch)
					? 'd'
					: /[\p{L}\p{M}]/u.test(ch)
						? 'x'
						: ch;
		if (c !== last) out += c;
		last = c;
	}
	return out;
}

const BOS = ['<s>', '<s2>'];
const EOS = ['</s>', '</s2>'];

/**
 * Feature strings of token `i` of `words`: bias, lowercased word, 3-letter prefix and suffix,
 * shape, capitalisation, and the words and shapes around it (window ±2). Deterministic.
 */
export function tokenFeatureStrings(words: readonly string[], i: number): string[] {
	const w = words[i] ?? '';
	const at = (k: number): string =>
		k < 0
			? (BOS[-k - 1] ?? '<s>')
			: k >= words.length
				? (EOS[k - words.length] ?? '</s>')
				: (words[k] ?? '');
	const lw = w.toLowerCase();
	const f = [
		'b',
		'w=' + lw,
		'p3=' + lw.slice(0, 3),
		's3=' + lw.slice(-3),
		's2=' + lw.slice(-2),
		'sh=' + tokenShape(w),
		'cap=' + (/^\p{Lu}/u.test(w) ? 1 : 0),
		'first=' + (i === 0 ? 1 : 0),
		'w-1=' + at(i - 1).toLowerCase(),
		'w+1=' + at(i + 1).toLowerCase(),
		'w-2=' + at(i - 2).toLowerCase(),
		'w+2=' + at(i + 2).toLowerCase(),
		'sh-1=' + tokenShape(at(i - 1)),
		'sh+1=' + tokenShape(at(i + 1)),
		'w-1|w=' + at(i - 1).toLowerCase() + '|' + lw,
		'w|w+1=' + lw + '|' + at(i + 1).toLowerCase(),
		'sh-1|sh|sh+1=' + tokenShape(at(i - 1)) + '|' + tokenShape(w) + '|' + tokenShape(at(i + 1))
	];
	return f;
}

/** Hashed, de-duplicated feature indices of token `i` in `[0, dim)`. */
export function tokenFeatures(words: readonly string[], i: number, dim: number): number[] {
	return [...new Set(tokenFeatureStrings(words, i).map((s) => featureIndex(s, dim)))];
}
