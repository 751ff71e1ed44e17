import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rngFrom, rngShuffle } from '../rng';
import {
	cohenKappa,
	fleissKappa,
	fleissKappaOf,
	krippendorffAlpha,
	krippendorffAlphaFromMatrix,
	percentAgreement,
	agreementPerLabel,
	agreementPerPair,
	type Rating
} from './index';

/** Property-test seed; override with FC_SEED=… to replay a failure (fast-check prints it). */
const FC_SEED = Number(process.env.FC_SEED ?? 20240611);

/** Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 × 12 example. */
const KRIPPENDORFF_2011 = [
	[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
	[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
	[null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
	[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
];

/** Wikipedia, "Fleiss' kappa", worked example: 10 subjects × 5 categories, 14 raters each. */
const FLEISS_WIKIPEDIA = [
	[0, 0, 0, 0, 14],
	[0, 2, 6, 4, 2],
	[0, 0, 3, 5, 6],
	[0, 3, 9, 2, 0],
	[2, 2, 8, 1, 1],
	[7, 7, 0, 0, 0],
	[3, 2, 6, 3, 0],
	[2, 5, 3, 2, 2],
	[6, 5, 2, 1, 0],
	[0, 2, 2, 3, 7]
];

function twoRaters(a: string[], b: string[]): Rating[] {
	return a.flatMap((x, i) => [
		{ item: `i${i}`, rater: 'A', value: x },
		{ item: `i${i}`, rater: 'B', value: b[i] as string }
	]);
}

/** Wikipedia, "Cohen's kappa": 50 grant proposals, Yes/Yes 20, Yes/No 5, No/Yes 10, No/No 15. */
function proposals(): Rating[] {
	const cells: [string, string, number][] = [
		['Yes', 'Yes', 20],
		['Yes', 'No', 5],
		['No', 'Yes', 10],
		['No', 'No', 15]
	];
	const a: string[] = [];
	const b: string[] = [];
	for (const [x, y, n] of cells) {
		for (let i = 0; i < n; i++) {
			a.push(x);
			b.push(y);
		}
	}
	return twoRaters(a, b);
}

describe("Krippendorff's alpha", () => {
	it.each([
		['nominal', 0.743],
		['ordinal', 0.815],
		['interval', 0.849],
		['ratio', 0.797]
	] as const)('reproduces Krippendorff (2011) at the %s level: %s', (level, expected) => {
		const r = krippendorffAlphaFromMatrix(KRIPPENDORFF_2011, { level, resamples: 200 });
		expect(r.value).toBeCloseTo(expected, 3);
		expect(r.counts.pairableItems).toBe(11);
		expect(r.interval.low).not.toBeNull();
		expect(r.interval.low as number).toBeLessThanOrEqual(r.value);
	});

	it('is 1 for perfect agreement, whatever the data (seeded property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 30 }),
				fc.integer({ min: 2, max: 5 }),
				(values, coders) => {
					fc.pre(new Set(values).size > 1);
					const ratings = values.flatMap((v, u) =>
						Array.from({ length: coders }, (_, c) => ({
							item: `u${u}`,
							rater: `c${c}`,
							value: String(v + 1)
						}))
					);
					for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
						expect(krippendorffAlpha(ratings, { level, resamples: 0 }).value).toBeCloseTo(1, 12);
					}
				}
			),
			{ seed: FC_SEED, numRuns: 50 }
		);
	});

	it('does not change when ratings are shuffled or labels renamed (seeded property)', () => {
		fc.assert(
			fc.property(fc.integer(), fc.integer(), (dataSeed, shuffleSeed) => {
				const rng = rngFrom(dataSeed);
				const ratings: Rating[] = [];
				for (let u = 0; u < 20; u++) {
					for (let c = 0; c < 3; c++) {
						if (rng() < 0.8)
							ratings.push({ item: `u${u}`, rater: `c${c}`, value: `v${Math.floor(rng() * 3)}` });
					}
				}
				const base = krippendorffAlpha(ratings, { resamples: 0 }).value;
				const renamed = rngShuffle(rngFrom(shuffleSeed), ratings).map((r) => ({
					...r,
					value: `x-${r.value}`
				}));
				const other = krippendorffAlpha(renamed, { resamples: 0 }).value;
				if (Number.isNaN(base)) expect(other).toBeNaN();
				else expect(other).toBeCloseTo(base, 12);
			}),
			{ seed: FC_SEED, numRuns: 50 }
		);
	});

	it('refuses non-numeric values at the interval level', () => {
		expect(() => krippendorffAlpha(twoRaters(['a'], ['b']), { level: 'interval' })).toThrow(
			RangeError
		);
	});
});

describe("Fleiss' kappa", () => {
	it("reproduces Wikipedia's 10-subject example: 0.210", () => {
		const counts = Float64Array.from(FLEISS_WIKIPEDIA.flat());
		const r = fleissKappa(counts, 5);
		expect(r.value).toBeCloseTo(0.21, 3);
		expect(r.observed).toBeCloseTo(0.378, 3);
		expect(r.expected).toBeCloseTo(0.213, 3);
	});

	it('gives the same value from ratings, with per-category kappas and an interval', () => {
		const ratings: Rating[] = [];
		FLEISS_WIKIPEDIA.forEach((row, u) => {
			let rater = 0;
			row.forEach((n, k) => {
				for (let i = 0; i < n; i++)
					ratings.push({ item: `s${u}`, rater: `r${rater++}`, value: `${k + 1}` });
			});
		});
		const r = fleissKappaOf(ratings, { resamples: 300, seed: 1 });
		expect(r.value).toBeCloseTo(0.21, 3);
		expect(Object.keys(r.perCategory)).toEqual(['1', '2', '3', '4', '5']);
		expect(r.interval.low as number).toBeLessThan(0.21);
		expect(r.interval.high as number).toBeGreaterThan(0.21);
		expect(fleissKappaOf(ratings, { resamples: 300, seed: 1 }).interval).toEqual(r.interval);
	});
});

describe("Cohen's kappa", () => {
	it("reproduces Wikipedia's 50-proposal example: 0.4", () => {
		const r = cohenKappa(proposals(), { resamples: 100 });
		expect(r.value).toBeCloseTo(0.4, 10);
		expect(r.counts.items).toBe(50);
		expect(r.counts.raterPairs).toBe(1);
	});

	it('weights disagreements linearly or quadratically by category distance', () => {
		const ratings = twoRaters(
			['0', '1', '2', '0', '1', '2', '0', '2'],
			['0', '2', '2', '1', '1', '2', '0', '0']
		);
		expect(cohenKappa(ratings, { resamples: 0 }).value).toBeCloseTo(3 / 7, 12);
		expect(cohenKappa(ratings, { resamples: 0, weights: 'linear' }).value).toBeCloseTo(7 / 15, 12);
		expect(cohenKappa(ratings, { resamples: 0, weights: 'quadratic' }).value).toBeCloseTo(0.5, 12);
	});

	it('averages over rater pairs when there are more than two raters', () => {
		const ratings = [
			...proposals(),
			...proposals()
				.filter((r) => r.rater === 'A')
				.map((r) => ({ ...r, rater: 'C' }))
		];
		const r = cohenKappa(ratings, { resamples: 0 });
		expect(r.counts.raterPairs).toBe(3);
		expect(r.value).toBeCloseTo((0.4 + 0.4 + 1) / 3, 10);
	});
});

describe('percent agreement', () => {
	it('is the share of agreeing pairs', () => {
		expect(percentAgreement(proposals(), { resamples: 0 }).value).toBeCloseTo(35 / 50, 12);
		const three: Rating[] = [
			{ item: 'x', rater: 'a', value: '1' },
			{ item: 'x', rater: 'b', value: '1' },
			{ item: 'x', rater: 'c', value: '2' },
			{ item: 'y', rater: 'a', value: '1' }
		];
		const r = percentAgreement(three, { resamples: 0 });
		expect(r.value).toBeCloseTo(1 / 3, 12);
		expect(r.counts).toEqual({ items: 2, pairableItems: 1, raters: 3, ratings: 4, categories: 2 });
	});
});

describe('breakdowns', () => {
	it('reports agreement per label and per annotator pair', () => {
		const perLabel = agreementPerLabel(proposals(), { resamples: 50 });
		expect(Object.keys(perLabel).sort()).toEqual(['No', 'Yes']);
		const pairs = agreementPerPair(proposals(), { resamples: 50 });
		expect(pairs).toHaveLength(1);
		expect(pairs[0]).toMatchObject({ a: 'A', b: 'B', items: 50, percent: 0.7 });
		expect(pairs[0]?.kappa).toBeCloseTo(0.4, 10);
	});
});
