import { describe, expect, it } from 'vitest';
import {
	featureIndex,
	hashString,
	tokenFeatureStrings,
	tokenFeatures,
	tokenShape
} from './features';

describe('feature hashing', () => {
	it('hashes strings with FNV-1a 32-bit (known vectors)', () => {
		expect(hashString('')).toBe(0x811c9dc5);
		expect(hashString('a')).toBe(0xe40c292c);
		expect(hashString('foobar')).toBe(0xbf9cf968);
	});

	it('maps every feature into [0, dim) deterministically', () => {
		for (const f of ['w=paris', 'sh=Xx', 'b', 'p3=é€😀']) {
			const i = featureIndex(f, 1000);
			expect(i).toBeGreaterThanOrEqual(0);
			expect(i).toBeLessThan(1000);
			expect(featureIndex(f, 1000)).toBe(i);
		}
	});

	it('spreads distinct features over the buckets', () => {
		const dim = 1 << 12;
		const used = new Set(Array.from({ length: 2000 }, (_, i) => featureIndex('w=word' + i, dim)));
		// 2000 balls in 4096 bins: ≈ 1600 distinct expected; a bad hash collapses far below.
		expect(used.size).toBeGreaterThan(1500);
	});

	it('describes word shapes with collapsed character classes', () => {
		expect(tokenShape('Paris')).toBe('Xx');
		expect(tokenShape('2024-01-02')).toBe('d-d-d');
		expect(tokenShape('iPhone')).toBe('xXx');
		expect(tokenShape('Élodie')).toBe('Xx');
	});

	it('uses the neighbouring words, padded at the edges', () => {
		const f = tokenFeatureStrings(['Hello', 'Paris'], 1);
		expect(f).toContain('w=paris');
		expect(f).toContain('w-1=hello');
		expect(f).toContain('w+1=</s>');
		expect(tokenFeatures(['Hello', 'Paris'], 1, 64).every((i) => i < 64)).toBe(true);
	});
});
