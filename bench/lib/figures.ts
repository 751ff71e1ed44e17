/** What every bench group returns per figure, and the rounding and order statistics they share. */
export interface Figure {
	value: number;
	unit: string;
	/** The same measure of a reference run in the same process. */
	reference?: number;
	/** reference / value (above 1: faster than the reference). */
	ratio?: number;
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
