/**
 * import.image_near_dups_100k_ms (issue 9): the image near-duplicate search of the Prepare page
 * (core/prep/phash.ts `phashPairs`, multi-index hashing on the 64-bit pHash) over 100k hashes in
 * node. Reference, same run: the all-pairs scan (`phashPairsAll`) of a 10k sample, which grows
 * with n²: 100k images would take ~100× as long. The note checks that both find the same pairs
 * on that sample, and the recall of 1,000 planted near-copies (1–10 bits flipped) in the 100k.
 */
import { phashPairs, phashPairsAll } from '../../src/lib/core/prep/phash';
import { round, type Figure } from './figures';

function hashes(n: number): { list: string[]; planted: [number, number][] } {
	let s = 2463534242;
	const rnd = () => {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		return (s >>> 0) / 2 ** 32;
	};
	const word = () => Math.floor(rnd() * 2 ** 32) >>> 0;
	const words: [number, number][] = [];
	const planted: [number, number][] = [];
	while (words.length < n) {
		if (planted.length < 1000 && words.length % 97 === 96) {
			const from = words.length - 1;
			let [hi, lo] = words[from] as [number, number];
			const flips = 1 + Math.floor(rnd() * 10);
			const bits = new Set<number>();
			while (bits.size < flips) bits.add(Math.floor(rnd() * 64));
			for (const bit of bits)
				if (bit < 32) hi = (hi ^ (1 << bit)) >>> 0;
				else lo = (lo ^ (1 << (bit - 32))) >>> 0;
			planted.push([from, words.length]);
			words.push([hi, lo]);
		} else words.push([word(), word()]);
	}
	const hex = (x: number) => x.toString(16).padStart(8, '0');
	return { list: words.map(([hi, lo]) => hex(hi) + hex(lo)), planted };
}

export function imageNearDupRun(): Record<string, Figure> {
	const { list, planted } = hashes(100_000);
	const sample = list.slice(0, 10_000);
	// Warm both paths on a slice, so neither pays for JIT alone.
	phashPairs(list.slice(0, 3000));
	phashPairsAll(list.slice(0, 3000));
	let t = performance.now();
	const all = phashPairsAll(sample);
	const allMs = performance.now() - t;
	const sampleSame = JSON.stringify(phashPairs(sample)) === JSON.stringify(all);
	t = performance.now();
	const pairs = phashPairs(list);
	const ms = performance.now() - t;
	const got = new Set(pairs.map((p) => `${p.a},${p.b}`));
	const found = planted.filter(([a, b]) => got.has(`${a},${b}`)).length;
	return {
		image_near_dups_100k_ms: {
			value: round(ms, 0),
			unit: 'ms',
			reference: round(allMs, 0),
			ratio: round(allMs / ms, 3),
			note: `multi-index hashing over 100k 64-bit pHashes (≤ 10 bits apart); reference: the all-pairs scan of a 10k sample (5·10⁷ pairs; 100k would be ~100×, ≈${round((allMs * 100) / 1000, 0)} s); same pairs on the sample: ${sampleSame ? 'yes' : 'NO'}; recall ${found}/${planted.length} planted near-copies, ${pairs.length} pairs found`
		}
	};
}
