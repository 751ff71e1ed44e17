/**
 * Robust outliers and class balance. Outliers use the modified z-score on the median and the
 * median absolute deviation (Iglewicz & Hoaglin, "How to Detect and Handle Outliers", 1993):
 * M = 0.6745·(x − median)/MAD, an outlier when |M| > 3.5; on log(1 + x), since lengths and sizes
 * are skewed. When more than half the values are equal (MAD = 0), Tukey's fences on the
 * interquartile range are used instead (Tukey, "Exploratory Data Analysis", 1977).
 */

export function median(sorted: readonly number[]): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	const m = n >> 1;
	return n % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
}

function quantile(sorted: readonly number[], q: number): number {
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export interface Outlier {
	/** Index into the values. */
	index: number;
	value: number;
	side: 'low' | 'high';
	/** Modified z-score (or, with the IQR fallback, distance beyond the fence in IQRs). */
	score: number;
}

/**
 * Values far from the rest, on a log scale. Needs at least 8 values (fewer: none reported).
 * `threshold` is the |modified z| limit (3.5).
 */
export function outliersRobust(values: readonly number[], threshold = 3.5): Outlier[] {
	if (values.length < 8) return [];
	const logs = values.map((v) => Math.log1p(Math.max(0, v)));
	const sorted = [...logs].sort((a, b) => a - b);
	const med = median(sorted);
	const mad = median(logs.map((x) => Math.abs(x - med)).sort((a, b) => a - b));
	const out: Outlier[] = [];
	if (mad > 0) {
		logs.forEach((x, index) => {
			const score = (0.6745 * (x - med)) / mad;
			if (Math.abs(score) > threshold)
				out.push({
					index,
					value: values[index] as number,
					side: score > 0 ? 'high' : 'low',
					score
				});
		});
		return out;
	}
	const q1 = quantile(sorted, 0.25);
	const q3 = quantile(sorted, 0.75);
	const iqr = q3 - q1;
	// All typical values equal: anything different stands out, scored on the log distance.
	const lo = q1 - 3 * iqr;
	const hi = q3 + 3 * iqr;
	logs.forEach((x, index) => {
		if (x < lo || x > hi) {
			const score = iqr > 0 ? (x < lo ? (x - lo) / iqr : (x - hi) / iqr) : x - med;
			out.push({ index, value: values[index] as number, side: x < lo ? 'low' : 'high', score });
		}
	});
	return out;
}

export interface ClassCount {
	label: string;
	count: number;
	/** Share of all labeled answers, 0–1. */
	share: number;
	/** Fewer than `minCount` answers or a share below `minShare`. */
	rare: boolean;
}

/**
 * Count per class, most frequent first, with rare classes marked: fewer than `minCount` (5)
 * examples, or a share below `minShare` (default: a fifth of an even split, 1/(5·classes)).
 */
export function classBalance(
	labels: readonly string[],
	opts: { minCount?: number; minShare?: number; classes?: readonly string[] } = {}
): { classes: ClassCount[]; total: number; imbalance: number } {
	const counts = new Map<string, number>();
	for (const c of opts.classes ?? []) counts.set(c, 0);
	for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
	const total = labels.length;
	const k = Math.max(1, counts.size);
	const minCount = opts.minCount ?? 5;
	const minShare = opts.minShare ?? 1 / (5 * k);
	const classes = [...counts]
		.map(([label, count]) => {
			const share = total ? count / total : 0;
			return { label, count, share, rare: count < minCount || share < minShare };
		})
		.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
	const max = classes[0]?.count ?? 0;
	const min = classes[classes.length - 1]?.count ?? 0;
	return { classes, total, imbalance: min > 0 ? max / min : max > 0 ? Infinity : 1 };
}
