/** What every bench group returns per figure, and the rounding and order statistics they share. */

/**
 * Where a figure ran: `browser`, the built app in Chromium driven through its UI and URLs (the
 * real path); `browser-page`, the app's code (e.g. its ML worker) on a bench page in Chromium, not
 * the app's own page; `node`, the app's code in node with no browser; `node-sim`, a node
 * simulation of a path that runs in browsers (e.g. peers joined without a network).
 */
export type Where = 'browser' | 'browser-page' | 'node' | 'node-sim';

/** The sentence that starts a figure's note, per place (scripts/bench.mjs adds it). */
export const WHERE_TEXT: Record<Where, string> = {
	browser: 'Browser: the built app in Chromium, driven through its UI (the real path).',
	'browser-page': "Browser: the app's code on a bench page in Chromium, not the app's own page.",
	node: "Node: the app's code in node, no browser.",
	'node-sim': 'Node simulation: no browser and no network.'
};

export interface Figure {
	value: number;
	unit: string;
	/** The same work done by a simpler or standard means, same run, same unit. */
	reference?: number;
	/** Why there is no reference, when there is none (said instead of borrowing other numbers). */
	noReference?: string;
	/** value / reference; scripts/bench.mjs computes it for every figure with a reference. */
	ratio?: number;
	/** Where it ran; the group's `where` export when not given here. */
	where?: Where;
	/** What was measured and what the reference does. */
	note?: string;
}

/** `x` rounded to `d` decimals. */
export const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

/** The middle value (the upper one of an even count). */
export const median = (xs: number[]): number =>
	[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** The `p`th percentile (nearest rank). */
export function percentile(xs: number[], p: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

/**
 * The run's size factor, BENCH_SCALE (0 < s ≤ 1, default 1): groups that allow it shrink their
 * data by it while developing. A scaled run never writes bench/results.json.
 */
export const BENCH_SCALE = ((): number => {
	const s = Number(process.env.BENCH_SCALE ?? '1');
	return s > 0 && s <= 1 ? s : 1;
})();

/** `n` scaled by BENCH_SCALE, at least `min`. */
export const scaled = (n: number, min = 1): number => Math.max(min, Math.round(n * BENCH_SCALE));
