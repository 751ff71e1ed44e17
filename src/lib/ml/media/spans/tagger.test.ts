import { describe, expect, it } from 'vitest';
import { spanAgreement } from '$lib/core/quality/agreement/spans';
import { spanCorpus } from '../../../../../tests/fixtures/ml-media/span-corpus';
import { lexiconLearn, lexiconSuggest } from './lexicon';
import { spanModelTrain, spanSuggest } from './suggest';
import { bioAllowed, taggerPredict, taggerTrain } from './tagger';

const asTriples = (s: readonly { start: number; end: number; label: string }[]) =>
	s.map((x) => [x.start, x.end, x.label] as [number, number, string]);

describe('span tagger', () => {
	const train = spanCorpus(60, 7);
	const test = spanCorpus(40, 8, true);

	it('allows I-x only after B-x or I-x', () => {
		expect(bioAllowed('O', 'I-PER')).toBe(false);
		expect(bioAllowed('B-PER', 'I-PER')).toBe(true);
		expect(bioAllowed('I-ORG', 'I-PER')).toBe(false);
		expect(bioAllowed('I-ORG', 'B-PER')).toBe(true);
	});

	it('recovers planted entities with unseen names in held-out text', () => {
		const model = taggerTrain(train, { seed: 1, dim: 1 << 16 });
		const f1 = spanAgreement(
			test.map((d) => ({ a: asTriples(d.spans), b: asTriples(taggerPredict(model, d.text)) }))
		).f1;
		expect(f1).toBeGreaterThan(0.85);
	});

	it('is deterministic for a seed', () => {
		const a = taggerTrain(train.slice(0, 10), { seed: 3, dim: 1 << 12 });
		const b = taggerTrain(train.slice(0, 10), { seed: 3, dim: 1 << 12 });
		expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
	});

	it('gives confidences in 0–1', () => {
		const model = taggerTrain(train, { seed: 1, dim: 1 << 14 });
		const spans = taggerPredict(model, test[0]!.text);
		expect(spans.length).toBeGreaterThan(0);
		for (const s of spans) {
			expect(s.confidence).toBeGreaterThan(0);
			expect(s.confidence).toBeLessThanOrEqual(1);
		}
	});

	it('learns nothing from documents without spans', () => {
		const model = taggerTrain([{ text: 'nothing here at all', spans: [] }], { dim: 256 });
		expect(model.tags).toEqual(['O']);
		expect(taggerPredict(model, 'nothing here')).toEqual([]);
	});
});

describe('dictionary and patterns', () => {
	it('suggests surface forms labeled before, case-insensitively, as whole tokens', () => {
		const lex = lexiconLearn([
			{
				text: 'We flew to New York and then Paris.',
				spans: [
					{ start: 11, end: 19, label: 'LOC' },
					{ start: 29, end: 34, label: 'LOC' }
				]
			}
		]);
		const got = lexiconSuggest(lex, 'new york is not Parisian; paris is.');
		expect(got.map((s) => [s.start, s.end, s.label])).toEqual([
			[0, 8, 'LOC'],
			[26, 31, 'LOC']
		]);
	});

	it('drops words that were usually left unlabeled', () => {
		const lex = lexiconLearn([
			{
				text: 'Apple sells apple pie. An apple a day. apple',
				spans: [{ start: 0, end: 5, label: 'ORG' }]
			}
		]);
		expect(lex.dictionary).toEqual([]);
	});

	it('learns shape patterns (ISO dates) seen often enough', () => {
		const docs = ['2021-03-04', '1999-12-31', '2010-01-01'].map((d) => ({
			text: `Due ${d} sharp.`,
			spans: [{ start: 4, end: 14, label: 'DATE' }]
		}));
		const lex = lexiconLearn(docs);
		expect(lex.patterns.map((p) => p.key)).toContain('d-d-d');
		const got = lexiconSuggest(lex, 'Moved to 2030-06-15.');
		expect(got.map((s) => [s.start, s.end, s.label])).toContainEqual([9, 19, 'DATE']);
	});

	it('merges tagger and lexicon into non-overlapping spans with a confidence', () => {
		const model = spanModelTrain(spanCorpus(40, 11));
		const s = spanSuggest(model, 'Yesterday Oskar Weber joined Hooli as an engineer.');
		const ranges = s.value.spans.map((x) => [x.start, x.end]);
		for (let i = 1; i < ranges.length; i++)
			expect(ranges[i]![0]!).toBeGreaterThanOrEqual(ranges[i - 1]![1]!);
		expect(s.value.spans.map((x) => x.label)).toContain('PER');
		expect(s.confidence).toBeGreaterThan(0);
		expect(s.spanConfidence).toHaveLength(s.value.spans.length);
		expect(spanSuggest(model, 'Yesterday Oskar Weber joined.', 1.01).value.spans).toEqual([]);
	});
});
