import { describe, expect, it } from 'vitest';
import { tokenBounds } from '$lib/core/geometry/spans';
import { bioDecode, bioDecodeTokens, bioEncode } from './bio';

describe('BIO tags', () => {
	const text = 'Ada Lovelace met Charles Babbage in London .';
	const tokens = tokenBounds(text);

	it('encodes spans as B-/I- tags over tokens', () => {
		const spans = [
			{ start: 0, end: 12, label: 'PER' },
			{ start: 36, end: 42, label: 'LOC' }
		];
		expect(bioEncode(tokens, spans)).toEqual(['B-PER', 'I-PER', 'O', 'O', 'O', 'O', 'B-LOC', 'O']);
	});

	it('round-trips encode → decode', () => {
		const spans = [
			{ start: 0, end: 12, label: 'PER' },
			{ start: 17, end: 32, label: 'PER' },
			{ start: 36, end: 42, label: 'LOC' }
		];
		expect(bioDecode(tokens, bioEncode(tokens, spans))).toEqual(spans);
	});

	it('splits adjacent entities of the same label at B-', () => {
		expect(bioDecodeTokens(['B-PER', 'B-PER', 'I-PER'])).toEqual([
			{ first: 0, last: 0, label: 'PER' },
			{ first: 1, last: 2, label: 'PER' }
		]);
	});

	it('repairs an I- after O into a new span', () => {
		expect(bioDecodeTokens(['O', 'I-LOC', 'I-LOC', 'O'])).toEqual([
			{ first: 1, last: 2, label: 'LOC' }
		]);
	});

	it('repairs an I- of another label into a new span', () => {
		expect(bioDecodeTokens(['B-PER', 'I-LOC', 'I-PER'])).toEqual([
			{ first: 0, last: 0, label: 'PER' },
			{ first: 1, last: 1, label: 'LOC' },
			{ first: 2, last: 2, label: 'PER' }
		]);
	});

	it('keeps the first of two overlapping spans', () => {
		const tags = bioEncode(tokens, [
			{ start: 0, end: 12, label: 'PER' },
			{ start: 4, end: 16, label: 'X' }
		]);
		expect(tags.slice(0, 3)).toEqual(['B-PER', 'I-PER', 'O']);
	});

	it('decodes nothing from an empty or all-O sequence', () => {
		expect(bioDecodeTokens([])).toEqual([]);
		expect(bioDecodeTokens(['O', 'O'])).toEqual([]);
	});
});
