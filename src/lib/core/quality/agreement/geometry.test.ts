import { describe, expect, it } from 'vitest';
import type { Box, Span } from '../rules/types';
import {
	boxAgreement,
	boxIou,
	characterErrorRate,
	errorRateCorpus,
	spanAgreement,
	wordErrorRate
} from './index';

describe('span agreement', () => {
	const a: Span[] = [
		[0, 5, 'PER'],
		[10, 20, 'ORG'],
		[30, 35, 'LOC']
	];
	const b: Span[] = [
		[0, 5, 'PER'],
		[12, 20, 'ORG'],
		[30, 35, 'PER']
	];
	it('counts exact matches only when start, end and label agree', () => {
		expect(spanAgreement([{ a, b }], 'exact')).toEqual({
			matches: 1,
			countA: 3,
			countB: 3,
			f1: 1 / 3
		});
	});
	it('counts overlapping spans with the same label one-to-one', () => {
		expect(spanAgreement([{ a, b }], 'overlap').f1).toBeCloseTo(2 / 3, 12);
		const many: Span[] = [
			[0, 3, 'X'],
			[2, 6, 'X']
		];
		expect(spanAgreement([{ a: [[0, 6, 'X']], b: many }], 'overlap').matches).toBe(1);
	});
	it('is 1 for two empty annotations', () => {
		expect(spanAgreement([{ a: [], b: [] }]).f1).toBe(1);
	});
});

describe('box agreement', () => {
	const box = (x: number, y: number, w: number, h: number, label = 'car'): Box => ({
		x,
		y,
		w,
		h,
		label
	});
	it('computes intersection over union', () => {
		expect(boxIou(box(0, 0, 10, 10), box(5, 0, 10, 10))).toBeCloseTo(50 / 150, 12);
		expect(boxIou(box(0, 0, 10, 10), box(20, 20, 5, 5))).toBe(0);
	});
	it('matches boxes above the IoU threshold with the same label, best first', () => {
		const a = [box(0, 0, 10, 10), box(100, 100, 10, 10)];
		const b = [box(1, 0, 10, 10), box(0, 1, 10, 10, 'bus'), box(100, 100, 10, 10)];
		const r = boxAgreement([{ a, b }]);
		expect(r.matches).toBe(2);
		expect(r.f1).toBeCloseTo(4 / 5, 12);
		expect(r.meanIou).toBeCloseTo((90 / 110 + 1) / 2, 12);
		expect(boxAgreement([{ a, b }], { threshold: 0.95 }).matches).toBe(1);
	});
});

describe('transcription error rates', () => {
	it('counts character edits over the reference length', () => {
		expect(characterErrorRate('kitten', 'sitting')).toBeCloseTo(3 / 6, 12);
		expect(characterErrorRate('', '')).toBe(0);
		expect(characterErrorRate('', 'x')).toBe(1);
		expect(characterErrorRate('naïve 😀', 'naive 😀')).toBeCloseTo(1 / 7, 12);
	});
	it('counts word edits over the reference words', () => {
		expect(wordErrorRate('the cat sat on the mat', 'the cat sat on mat')).toBeCloseTo(1 / 6, 12);
		expect(
			errorRateCorpus(
				[
					{ reference: 'a b', hypothesis: 'a c' },
					{ reference: 'd e f g', hypothesis: 'd e f g' }
				],
				'word'
			)
		).toBeCloseTo(1 / 6, 12);
	});
});
