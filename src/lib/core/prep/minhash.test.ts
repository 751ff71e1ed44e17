import { describe, expect, it } from 'vitest';
import {
	clustersFromPairs,
	jaccard,
	minhashSignature,
	minhashSimilarity,
	NearDupIndex,
	shingleHashes
} from './minhash';

const base =
	'The quick brown fox jumps over the lazy dog while the farmer watches from the old wooden fence near the barn';

describe('minhash', () => {
	it('estimates Jaccard similarity within a few hundredths on average', () => {
		const a = shingleHashes(base);
		const b = shingleHashes(base.replace('lazy', 'sleepy').replace('old', 'new'));
		const exact = jaccard(a, b);
		const est = minhashSimilarity(minhashSignature(a), minhashSignature(b));
		expect(exact).toBeGreaterThan(0.4);
		expect(Math.abs(est - exact)).toBeLessThan(0.2);
	});

	it('gives identical signatures to texts differing only in case and punctuation', () => {
		const a = minhashSignature(shingleHashes(base));
		const b = minhashSignature(shingleHashes(base.toUpperCase().replace(/ /g, ', ')));
		expect(minhashSimilarity(a, b)).toBe(1);
	});

	it('indexes a short text of fewer words than a shingle as one shingle', () => {
		expect(shingleHashes('hello there').length).toBe(1);
		expect(shingleHashes('   ').length).toBe(0);
	});
});

describe('NearDupIndex', () => {
	it('finds a near-duplicate and leaves unrelated texts alone', () => {
		const idx = new NearDupIndex();
		idx.add(base);
		idx.add(
			'Completely unrelated sentence about invoices, shipping dates and a refund request today'
		);
		idx.add(base.replace('farmer', 'farmer’s wife'));
		idx.add('');
		idx.add('Another sentence about the weather in Lisbon being sunny and warm all week long');
		const pairs = idx.pairs(0.6);
		expect(pairs.map((p) => [p.a, p.b])).toEqual([[0, 2]]);
		expect(pairs[0]?.similarity).toBeGreaterThan(0.6);
	});

	it('recalls nearly every planted near-duplicate among 2,000 random texts', () => {
		let s = 7;
		const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
		const vocab = Array.from({ length: 3000 }, (_, i) => `w${i}`);
		const text = () => Array.from({ length: 30 }, () => vocab[Math.floor(rnd() * 3000)]).join(' ');
		const idx = new NearDupIndex();
		const planted: [number, number][] = [];
		for (let i = 0; i < 1000; i++) {
			const t = text();
			const a = idx.add(t);
			if (i % 10 === 0) {
				const words = t.split(' ');
				words[29] = 'changed';
				planted.push([a, idx.add(words.join(' '))]);
			} else idx.add(text());
		}
		const found = new Set(idx.pairs(0.7).map((p) => `${p.a},${p.b}`));
		const hit = planted.filter(([a, b]) => found.has(`${a},${b}`)).length;
		expect(hit / planted.length).toBeGreaterThan(0.95);
		expect(found.size).toBeLessThan(planted.length * 1.1);
	});
});

describe('clustersFromPairs', () => {
	it('joins chains into one cluster', () => {
		expect(
			clustersFromPairs([
				{ a: 0, b: 1 },
				{ a: 1, b: 5 },
				{ a: 3, b: 4 }
			])
		).toEqual([
			[0, 1, 5],
			[3, 4]
		]);
	});
});
