import { describe, expect, test } from 'vitest';
import {
	CsrBuilder,
	HASHING_DEFAULTS,
	fnv1a,
	hashText,
	hashTexts,
	sliceRows,
	tokenize
} from './hashing';

const small = { ...HASHING_DEFAULTS, dim: 1 << 12 };
const dot = (a: ReturnType<typeof hashText>, b: ReturnType<typeof hashText>) => {
	const m = new Map<number, number>();
	a.idx.forEach((i, k) => m.set(i, a.val[k] as number));
	let s = 0;
	b.idx.forEach((i, k) => (s += (m.get(i) ?? 0) * (b.val[k] as number)));
	return s;
};

describe('feature hashing', () => {
	test('FNV-1a matches the published test vectors', () => {
		expect(fnv1a('')).toBe(0x811c9dc5);
		expect(fnv1a('a')).toBe(0xe40c292c);
		expect(fnv1a('foobar')).toBe(0xbf9cf968);
	});

	test('tokenizes words, numbers and punctuation, lowercased', () => {
		expect(tokenize("Don't PANIC: 42 towels!")).toEqual([
			"don't",
			'panic',
			':',
			'42',
			'towels',
			'!'
		]);
		expect(tokenize('Grüße aus Köln')).toEqual(['grüße', 'aus', 'köln']);
	});

	test('rows are sorted, unique, in range and L2-normalized', () => {
		const r = hashText('the cat sat on the mat, the cat', small);
		expect(r.idx.length).toBeGreaterThan(10);
		for (let i = 1; i < r.idx.length; i++) expect(r.idx[i]).toBeGreaterThan(r.idx[i - 1] as number);
		expect(Math.max(...r.idx)).toBeLessThan(small.dim);
		expect(Math.hypot(...r.val)).toBeCloseTo(1, 5);
	});

	test('the same text gives the same features; an empty text gives none', () => {
		expect(hashText('Hello world', small)).toEqual(hashText('Hello world', small));
		expect(hashText('', small).idx.length).toBe(0);
	});

	test('word bigrams make word order matter', () => {
		const a = hashText('dog bites man', { ...small, charNgrams: [] });
		const b = hashText('man bites dog', { ...small, charNgrams: [] });
		const unigramsOnly = { ...small, charNgrams: [] as [], wordNgrams: [1] };
		expect(dot(a, b)).toBeLessThan(0.99);
		expect(
			dot(hashText('dog bites man', unigramsOnly), hashText('man bites dog', unigramsOnly))
		).toBeCloseTo(1, 5);
	});

	test('character n-grams relate words that share parts', () => {
		const words = { ...small, charNgrams: [] as [] };
		expect(dot(hashText('unbelievable', words), hashText('believable', words))).toBe(0);
		expect(dot(hashText('unbelievable', small), hashText('believable', small))).toBeGreaterThan(
			0.5
		);
	});

	test('only the first maxChars characters are read', () => {
		const o = { ...small, maxChars: 10 };
		expect(hashText('short text and a very long tail', o)).toEqual(hashText('short text', o));
	});

	test('rejects a bucket count that is not a power of two', () => {
		expect(() => hashText('x', { ...small, dim: 1000 })).toThrow(/power of two/);
	});

	test('packs rows (CSR) and slices them back', () => {
		const texts = ['alpha beta', '', 'gamma delta epsilon'];
		const b = hashTexts(texts, small);
		expect(b.rows).toBe(3);
		expect(b.ptr[2]).toBe(b.ptr[1]);
		const s = sliceRows(b, [2, 0]);
		expect(Array.from(s.idx.subarray(0, s.ptr[1]))).toEqual(
			Array.from(hashText(texts[2] as string, small).idx)
		);
		expect(Array.from(s.idx.subarray(s.ptr[1]))).toEqual(
			Array.from(hashText('alpha beta', small).idx)
		);
	});

	test('the CSR builder grows past its first guess and keeps every row', () => {
		const texts = Array.from({ length: 60 }, (_, i) => `row ${i} ${'word '.repeat(i)} w${i * 7}`);
		const b = new CsrBuilder(small.dim, 2, 10);
		for (const t of texts) b.add(hashText(t, small));
		const x = b.build();
		expect(x.rows).toBe(60);
		texts.forEach((t, i) => {
			const r = hashText(t, small);
			const from = x.ptr[i] as number;
			const to = x.ptr[i + 1] as number;
			expect(Array.from(x.idx.subarray(from, to))).toEqual(Array.from(r.idx));
			expect(Array.from(x.val.subarray(from, to))).toEqual(Array.from(r.val));
		});
	});

	test('features are the same however many texts came before (word cache)', () => {
		const fresh = hashText('Unbelievable offers, believe it', small);
		hashTexts(
			Array.from({ length: 300 }, (_, i) => `believe unbelievable offer ${i}`),
			small
		);
		expect(hashText('Unbelievable offers, believe it', small)).toEqual(fresh);
		expect(
			hashText('Unbelievable offers, believe it', { ...small, charNgrams: [2, 3] })
		).not.toEqual(fresh);
	});
});
