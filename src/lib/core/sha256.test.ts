import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './ids';
import { sha256HexSync } from './sha256';

describe('sha256HexSync', () => {
	it('matches the FIPS 180-4 test vectors', () => {
		expect(sha256HexSync('')).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
		);
		expect(sha256HexSync('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(sha256HexSync('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
			'248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'
		);
	});

	it('equals WebCrypto on random strings and bytes of every length around block edges (seeded)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (s) => {
				expect(sha256HexSync(s)).toBe(await sha256Hex(s));
			}),
			{ seed: 42, numRuns: 300 }
		);
		for (let n = 0; n < 200; n++) {
			const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
			expect(sha256HexSync(bytes)).toBe(await sha256Hex(bytes));
		}
	});
});
