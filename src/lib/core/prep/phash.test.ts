import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { grayResize, hammingDistance, phash, phashPairs, phashPairsAll } from './phash';

/** An RGBA picture: a sky gradient, a sun disc and a dark hill, `w`×`h`. */
function scene(w: number, h: number, shift = 0): Uint8ClampedArray {
	const px = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const u = x / w;
			const v = y / h;
			const sun = (u - 0.7 - shift) ** 2 + (v - 0.3) ** 2 < 0.015;
			const hill = v > 0.65 + 0.15 * Math.sin(u * 6);
			const o = (y * w + x) * 4;
			px[o] = sun ? 250 : hill ? 30 : 80 + 120 * v;
			px[o + 1] = sun ? 220 : hill ? 90 : 120 + 100 * v;
			px[o + 2] = sun ? 60 : hill ? 40 : 230;
			px[o + 3] = 255;
		}
	return px;
}

/** A checkerboard with diagonal stripes: nothing like the scene. */
function stripes(w: number, h: number): Uint8ClampedArray {
	const px = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const on = (Math.floor(x / 17) + Math.floor(y / 23)) % 2 === 0 || (x + y) % 40 < 8;
			px.fill(on ? 240 : 20, (y * w + x) * 4, (y * w + x) * 4 + 3);
			px[(y * w + x) * 4 + 3] = 255;
		}
	return px;
}

/** Adds ±`amp` deterministic noise, as lossy compression does to pixel values. */
function noisy(px: Uint8ClampedArray, amp: number): Uint8ClampedArray {
	const out = new Uint8ClampedArray(px);
	let s = 1;
	for (let i = 0; i < out.length; i++) {
		if (i % 4 === 3) continue;
		s = (Math.imul(s, 1103515245) + 12345) >>> 0;
		out[i] = (out[i] as number) + ((s >>> 16) % (2 * amp + 1)) - amp;
	}
	return out;
}

const hashOf = (px: Uint8ClampedArray, w: number, h: number) => phash(grayResize(px, w, h));

describe('phash', () => {
	it('matches a resized and noisy copy, and not an unrelated image', () => {
		const original = hashOf(scene(320, 240), 320, 240);
		const smaller = hashOf(noisy(scene(97, 73), 12), 97, 73);
		const other = hashOf(stripes(320, 240), 320, 240);
		expect(original).toMatch(/^[0-9a-f]{16}$/);
		expect(hammingDistance(original, smaller)).toBeLessThanOrEqual(6);
		expect(hammingDistance(original, other)).toBeGreaterThan(20);
	});

	it('handles an image smaller than 32×32', () => {
		expect(hashOf(scene(12, 9), 12, 9)).toMatch(/^[0-9a-f]{16}$/);
	});

	it('refuses a buffer of the wrong size', () => {
		expect(() => grayResize(new Uint8ClampedArray(10), 5, 5)).toThrow(RangeError);
		expect(() => phash([1, 2, 3])).toThrow(/1024/);
	});
});

describe('hammingDistance and phashPairs', () => {
	it('counts differing bits', () => {
		expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
		expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
	});

	it('pairs hashes within the distance', () => {
		expect(phashPairs(['0000000000000000', '0000000000000007', 'ffffffffffffffff'], 5)).toEqual([
			{ a: 0, b: 1, distance: 3, similarity: 1 - 3 / 64 }
		]);
	});
});

/** `n` random 64-bit hashes, a third of them copies of an earlier one with 0–14 bits flipped. */
function randomHashes(n: number, seed: number): string[] {
	let s = seed >>> 0 || 1;
	const rnd = () => {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		return (s >>> 0) / 2 ** 32;
	};
	const word = () => Math.floor(rnd() * 2 ** 32) >>> 0;
	const hex = (hi: number, lo: number) =>
		hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
	const out: [number, number][] = [];
	while (out.length < n) {
		if (out.length > 0 && rnd() < 1 / 3) {
			let [hi, lo] = out[Math.floor(rnd() * out.length)] as [number, number];
			const flips = Math.floor(rnd() * 15);
			for (let k = 0; k < flips; k++) {
				const bit = Math.floor(rnd() * 64);
				if (bit < 32) hi = (hi ^ (1 << bit)) >>> 0;
				else lo = (lo ^ (1 << (bit - 32))) >>> 0;
			}
			out.push([hi, lo]);
		} else out.push([word(), word()]);
	}
	return out.map(([hi, lo]) => hex(hi, lo));
}

describe('phashPairs (multi-index hashing) against every pair', () => {
	it('finds the same pairs as the all-pairs scan on random hashes, for each threshold', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 2 ** 31 }),
				fc.integer({ min: 64, max: 700 }),
				fc.integer({ min: 0, max: 15 }),
				(seed, n, d) => {
					const hashes = randomHashes(n, seed);
					expect(phashPairs(hashes, d)).toEqual(phashPairsAll(hashes, d));
				}
			),
			{ numRuns: 60, seed: 9 }
		);
	});

	it('agrees on 5,000 hashes at the default threshold, with many pairs near it', () => {
		const hashes = randomHashes(5000, 42);
		const all = phashPairsAll(hashes);
		expect(all.length).toBeGreaterThan(300);
		expect(all.some((p) => p.distance === 10)).toBe(true);
		expect(phashPairs(hashes)).toEqual(all);
	});

	it('falls back to every pair above 15 bits, and counts each pair once', () => {
		const hashes = randomHashes(200, 7);
		expect(phashPairs(hashes, 20)).toEqual(phashPairsAll(hashes, 20));
		const same = Array.from({ length: 100 }, () => '0123456789abcdef');
		expect(phashPairs(same, 10)).toHaveLength((100 * 99) / 2);
	});
});
