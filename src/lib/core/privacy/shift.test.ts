import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportJsonl } from '../formats/export';
import { exportConll, exportSpacy } from '../formats/interop/conll';
import { itemIdFromText } from '../ids';
import type {
	Annotation,
	AnnotatorId,
	EpochMs,
	Item,
	LabelId,
	LabelSchema,
	TaskId
} from '../types';
import { piiFind } from './detect';
import {
	annotationRedact,
	importRedact,
	itemRedact,
	redactionKey,
	type TextRedaction
} from './redact-items';
import { redactEdits } from './redact';
import { spansShift } from './shift';

const TEXT = 'Write to maria.garcia@example.com, said Maria Garcia in Berlin on Monday.';
const at = (w: string, from = 0) => {
	const s = TEXT.indexOf(w, from);
	return { start: s, end: s + w.length };
};

describe('redactEdits and spansShift', () => {
	it('moves spans after a shorter placeholder so they cover the same words', () => {
		const { text, edits } = redactEdits(TEXT, piiFind(TEXT, { types: ['email'] }));
		expect(text).toBe('Write to [EMAIL], said Maria Garcia in Berlin on Monday.');
		const spans = [
			{ id: 'a', label: 'PER', ...at('Maria Garcia') },
			{ id: 'b', label: 'LOC', ...at('Berlin') },
			{ id: 'c', label: 'V', ...at('Write') }
		];
		const out = spansShift(spans, edits);
		expect(out.spans.map((s) => text.slice(s.start, s.end))).toEqual([
			'Maria Garcia',
			'Berlin',
			'Write'
		]);
		expect(out.moved).toBe(2);
		expect(out.widened).toBe(0);
	});

	it('maps a span equal to a redaction onto the placeholder, and widens one cut by it', () => {
		const { text, edits } = redactEdits(TEXT, piiFind(TEXT));
		expect(text).toBe('Write to [EMAIL], said [NAME] in Berlin on Monday.');
		const out = spansShift(
			[
				{ id: 'whole', ...at('Maria Garcia') },
				{ id: 'part', ...at('Garcia') },
				{ id: 'across', ...at('said Maria') },
				{ id: 'mail-part', ...at('garcia@example', 15) }
			],
			edits
		);
		expect(out.spans.map((s) => text.slice(s.start, s.end))).toEqual([
			'[NAME]',
			'[NAME]',
			'said [NAME]',
			'[EMAIL]'
		]);
		expect(out.widened).toBe(3);
	});

	it('keeps every span inside the redacted text, ordered as before (random texts and spans)', () => {
		const word = fc.constantFrom(
			'ann',
			'Maria',
			'x@y.org',
			'+49 30 1234567',
			'Berlin',
			'the',
			'4111 1111 1111 1111'
		);
		fc.assert(
			fc.property(
				fc.array(word, { minLength: 1, maxLength: 20 }),
				fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
				(words, raw) => {
					const text = words.join(' ');
					const spans = raw
						.map(([a, b]) => [a % text.length, b % (text.length + 1)] as const)
						.filter(([a, b]) => a < b)
						.map(([start, end], i) => ({ id: `s${i}`, start, end }));
					const { text: red, edits } = redactEdits(text, piiFind(text));
					const out = spansShift(spans, edits).spans;
					out.forEach((s, i) => {
						expect(0 <= s.start && s.start < s.end && s.end <= red.length).toBe(true);
						const o = spans[i] as { start: number; end: number };
						// Text outside redactions is the same under the moved span.
						if (!edits.some((e) => e.start < o.end && o.start < e.end))
							expect(red.slice(s.start, s.end)).toBe(text.slice(o.start, o.end));
					});
				}
			),
			{ numRuns: 300, seed: 3 }
		);
	});
});

const TASK = 'ner' as TaskId;
const PER = 'lper' as LabelId;
const LOC = 'lloc' as LabelId;
const schema: LabelSchema = {
	tasks: [
		{
			id: TASK,
			type: 'spans',
			name: 'Entities',
			labels: [
				{ id: PER, name: 'PER', color: '#f00', hotkey: '1' },
				{ id: LOC, name: 'LOC', color: '#0f0', hotkey: '2' }
			],
			allowOverlap: false,
			snap: true
		}
	]
} as LabelSchema;

function fixture(): { item: Item; ann: Annotation } {
	const item: Item = {
		id: itemIdFromText(TEXT),
		kind: 'text',
		text: TEXT,
		seq: 1,
		meta: { author: 'ann@example.org' }
	};
	const ann: Annotation = {
		item: item.id,
		task: TASK,
		annotator: 'ada' as AnnotatorId,
		value: {
			type: 'spans',
			spans: [
				{ id: 's1', label: PER, ...at('Maria Garcia') },
				{ id: 's2', label: LOC, ...at('Berlin') }
			]
		},
		source: 'human',
		startedAt: 0 as EpochMs,
		savedAt: 0 as EpochMs,
		ms: 0
	};
	return { item, ann };
}

/** Redacts only the e-mails (the name stays, so its PER span must still cover it). */
function emailsOnly(item: Item): Map<string, TextRedaction> {
	const red = new Map<string, TextRedaction>();
	red.set(redactionKey(item.id), redactEdits(TEXT, piiFind(TEXT, { types: ['email'] })));
	const author = item.meta?.author as string;
	red.set(redactionKey(item.id, 'm:author'), redactEdits(author, piiFind(author)));
	return red;
}

describe('export of a spans task with redacted texts', () => {
	const { item, ann } = fixture();
	const red = emailsOnly(item);
	const exItem = itemRedact(item, red);
	const exAnn = annotationRedact(ann, schema, red);

	it('JSONL: the value spans cover the same words in the redacted text', () => {
		const line = JSON.parse(
			[...exportJsonl({ items: [exItem], annotationsOf: () => [exAnn], schema })].join('')
		) as {
			text: string;
			meta: Record<string, string>;
			annotations: { value: { spans: { start: number; end: number }[] } }[];
		};
		expect(line.text).toBe('Write to [EMAIL], said Maria Garcia in Berlin on Monday.');
		expect(line.meta.author).toBe('[EMAIL]');
		const spans = line.annotations[0]?.value.spans ?? [];
		expect(spans.map((s) => line.text.slice(s.start, s.end))).toEqual(['Maria Garcia', 'Berlin']);
	});

	it('spaCy: start/end still cover "Maria Garcia" and "Berlin"', () => {
		const rec = JSON.parse(exportSpacy([exItem], [exAnn], schema, { which: 'raw' })) as {
			text: string;
			spans: { start: number; end: number; label: string }[];
		};
		expect(rec.spans.map((s) => [rec.text.slice(s.start, s.end), s.label])).toEqual([
			['Maria Garcia', 'PER'],
			['Berlin', 'LOC']
		]);
	});

	it('CoNLL: the tags stay on the same tokens', () => {
		const out = exportConll([exItem], [exAnn], schema, { which: 'raw' });
		expect(out).toContain('# text = Write to [EMAIL], said Maria Garcia in Berlin on Monday.');
		const tags = Object.fromEntries(
			out
				.split('\n')
				.filter((l) => l.includes('\t'))
				.map((l) => l.split('\t') as [string, string])
		);
		expect(tags).toMatchObject({
			Maria: 'B-PER',
			Garcia: 'I-PER',
			Berlin: 'B-LOC',
			said: 'O',
			'[EMAIL],': 'O'
		});
	});

	it('a redacted name: its PER span becomes the placeholder, in every format', () => {
		const all = new Map([[redactionKey(item.id), redactEdits(TEXT, piiFind(TEXT))]]);
		const a = annotationRedact(ann, schema, all);
		const it2 = itemRedact(item, all);
		const rec = JSON.parse(exportSpacy([it2], [a], schema, { which: 'raw' })) as {
			text: string;
			spans: { start: number; end: number }[];
		};
		expect(rec.spans.map((s) => rec.text.slice(s.start, s.end))).toEqual(['[NAME]', 'Berlin']);
		expect(exportConll([it2], [a], schema, { which: 'raw' })).toContain('[NAME]\tB-PER');
	});
});

describe('importRedact', () => {
	it('renames a content-addressed text item and moves its annotations with it', () => {
		const { item, ann } = fixture();
		const out = importRedact([item], [ann], schema, emailsOnly(item));
		const it = out.items[0] as Item;
		expect(it.text).toBe('Write to [EMAIL], said Maria Garcia in Berlin on Monday.');
		expect(it.id).toBe(itemIdFromText(it.text as string));
		expect(out.renamed.get(item.id)).toBe(it.id);
		const a = out.annotations[0] as Annotation;
		expect(a.item).toBe(it.id);
		expect(
			a.value.type === 'spans' && a.value.spans.map((s) => it.text?.slice(s.start, s.end))
		).toEqual(['Maria Garcia', 'Berlin']);
		expect(out.moved).toBe(2);
	});

	it('keeps the id of an item not named by its text (an image with redacted metadata)', () => {
		const img: Item = {
			id: 'img1' as Item['id'],
			kind: 'image',
			seq: 1,
			meta: { note: 'call +49 30 1234567' }
		};
		const red = new Map([
			[
				redactionKey(img.id, 'm:note'),
				redactEdits('call +49 30 1234567', piiFind('call +49 30 1234567'))
			]
		]);
		const out = importRedact([img], [], schema, red);
		expect(out.items[0]).toMatchObject({ id: 'img1', meta: { note: 'call [PHONE]' } });
		expect(out.renamed.size).toBe(0);
	});
});
