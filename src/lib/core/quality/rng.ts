/**
 * Seeded pseudo-random numbers for everything in core that needs chance (bootstrap resampling,
 * tie-breaking, random restarts). Core never calls `Math.random`; callers pass a seed so that
 * every result can be reproduced.
 *
 * Generator: mulberry32 (Tommy Ettinger, 2017), a 32-bit state generator that passes
 * gjrand/PractRand up to the sizes we use. Seeds are hashed with splitmix32 first so that close
 * seeds (1, 2, 3, …) give unrelated streams.
 */

/** A function returning uniform floats in [0, 1). */
export type Rng = () => number;

/** splitmix32 finaliser: scrambles a 32-bit integer. */
function mix32(x: number): number {
	let z = (x + 0x9e3779b9) | 0;
	z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
	z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
	return (z ^ (z >>> 16)) >>> 0;
}

/** Creates a mulberry32 generator from an integer seed (any 32-bit value; floats are truncated). */
export function rngFrom(seed: number): Rng {
	let state = mix32(seed | 0);
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A uniform integer in [0, n). */
export function rngInt(rng: Rng, n: number): number {
	return Math.floor(rng() * n);
}

/** FNV-1a hash of a string, for deriving per-key seeds that do not depend on iteration order. */
export function hashString(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** A seed derived from a base seed and a key, e.g. an item id (same key, same seed). */
export function seedFor(seed: number, key: string): number {
	return mix32((seed | 0) ^ hashString(key));
}

/** Returns a shuffled copy of `values` (Fisher–Yates). */
export function rngShuffle<T>(rng: Rng, values: readonly T[]): T[] {
	const out = values.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = rngInt(rng, i + 1);
		const tmp = out[i] as T;
		out[i] = out[j] as T;
		out[j] = tmp;
	}
	return out;
}
