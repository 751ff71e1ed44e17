import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemIdFromText } from '../ids';
import { classificationTaskNew } from '../schema';
import type {
	Annotation,
	AnnotatorId,
	EpochMs,
	Item,
	ItemId,
	LabelId,
	LabelSchema,
	TaskId
} from '../types';
import { CsvReader } from './csv-reader';
import { exportCsv, exportJsonl, exportedItemFrom, type ExportInput } from './export';
import { exportCsvParse, exportJsonlParse } from './export-parse';
import { itemsFromRows } from './import-items';
import { importRows } from './import-rows';

const sentiment = classificationTaskNew({
	id: 'sentiment' as TaskId,
	name: 'Sentiment',
	labels: [
		{ id: 'pos' as LabelId, name: 'positive' },
		{ id: 'neg' as LabelId, name: 'negative' },
		{ id: 'neu' as LabelId, name: 'neutral' }
	]
});
const topics = classificationTaskNew({
	id: 'topics' as TaskId,
	name: 'Topics',
	multi: true,
	labels: [
		{ id: 'ship' as LabelId, name: 'shipping' },
		{ id: 'qual' as LabelId, name: 'quality' },
		{ id: 'price' as LabelId, name: 'price' }
	]
});
const schema: LabelSchema = { tasks: [sentiment, topics] };
/** Label names by task: a label id means something only within its task. */
const NAMES = new Map(
	[sentiment, topics].map((t) => [
		t.id as string,
		new Map(t.labels.map((l) => [l.id as string, l.name]))
	])
);
const labelName = (task: string, label: string) => NAMES.get(task)?.get(label) ?? label;

function ann(
	item: string,
	task: string,
	who: string,
	labels: string[],
	savedAt: number,
	ms = 1200
): Annotation {
	return {
		item: item as ItemId,
		task: task as TaskId,
		annotator: who as AnnotatorId,
		value: { type: 'classification', labels: labels as LabelId[] },
		source: 'human',
		startedAt: (savedAt - ms) as EpochMs,
		savedAt: savedAt as EpochMs,
		ms
	};
}

function inputOf(items: Item[], anns: Annotation[]): ExportInput {
	return {
		items,
		schema,
		annotationsOf: (i) => anns.filter((a) => a.item === i.id),
		members: new Map([['ada', { name: 'Ada' }]])
	};
}

const items: Item[] = [
	{ id: 'a' as ItemId, kind: 'text', text: 'Good, "really"', seq: 1, meta: { rating: '5' } },
	{ id: 'b' as ItemId, kind: 'text', text: '=SUM(A1)\nsecond line', seq: 2 },
	{ id: 'c' as ItemId, kind: 'text', text: 'unlabeled', seq: 3, meta: { rating: '3', shop: 'x' } }
];
const anns = [
	ann('a', 'topics', 'ada', ['ship', 'price'], 5000),
	ann('a', 'sentiment', 'bo', ['neg'], 2000),
	ann('a', 'sentiment', 'ada', ['pos'], 1000),
	ann('b', 'sentiment', 'ada', ['neu'], 3000, 812.6)
];
const input = inputOf(items, anns);

describe('exportJsonl', () => {
	it('writes every item with its metadata and labels by name, ordered by task, time, annotator', () => {
		const text = [...exportJsonl(input)].join('');
		expect(text.endsWith('\n')).toBe(true);
		const parsed = exportJsonlParse(text);
		expect(parsed).toHaveLength(3);
		expect(parsed[0]).toEqual({
			id: 'a',
			text: 'Good, "really"',
			meta: { rating: '5' },
			annotations: [
				{
					task: 'sentiment',
					annotator: 'ada',
					annotatorName: 'Ada',
					labels: ['positive'],
					source: 'human',
					savedAt: '1970-01-01T00:00:01.000Z',
					ms: 1200
				},
				{
					task: 'sentiment',
					annotator: 'bo',
					labels: ['negative'],
					source: 'human',
					savedAt: '1970-01-01T00:00:02.000Z',
					ms: 1200
				},
				{
					task: 'topics',
					annotator: 'ada',
					annotatorName: 'Ada',
					labels: ['shipping', 'price'],
					source: 'human',
					savedAt: '1970-01-01T00:00:05.000Z',
					ms: 1200
				}
			]
		});
		expect(parsed[1]?.annotations[0]?.ms).toBe(813);
		expect(parsed[2]).toEqual({
			id: 'c',
			text: 'unlabeled',
			meta: { rating: '3', shop: 'x' },
			annotations: []
		});
	});

	it('keeps model answers, unknown label ids and non-classification values', () => {
		const model: Annotation = {
			...ann('a', 'sentiment', 'bot', ['pos', 'gone'], 9000),
			source: 'model',
			model: 'tfjs-use-1',
			confidence: 0.93
		};
		const spans: Annotation = {
			...ann('a', 'ner', 'ada', [], 9500),
			value: { type: 'spans', spans: [{ id: 's1', start: 0, end: 4, label: 'ORG' as LabelId }] }
		};
		const [e] = exportJsonlParse(
			[...exportJsonl(inputOf([items[0] as Item], [model, spans]))].join('')
		);
		expect(e?.annotations).toEqual([
			expect.objectContaining({
				labels: ['positive', 'gone'],
				source: 'model',
				model: 'tfjs-use-1',
				confidence: 0.93
			}),
			expect.objectContaining({ task: 'ner', labels: [], value: spans.value })
		]);
	});

	it('does not reorder the annotations it is given', () => {
		const mine = [...anns];
		exportedItemFrom({ ...input, annotationsOf: () => mine }, items[0] as Item);
		expect(mine).toEqual(anns);
	});

	it('streams: chunks of 500 items, pulling items only as chunks are read', () => {
		let pulled = 0;
		function* many(): Generator<Item> {
			for (let i = 0; i < 1200; i++) {
				pulled++;
				yield { id: `i${i}` as ItemId, kind: 'text', text: `text ${i}`, seq: i };
			}
		}
		const gen = exportJsonl({ ...input, items: many() });
		const first = gen.next();
		expect(pulled).toBe(500);
		expect((first.value as string).split('\n')).toHaveLength(501);
		expect([...gen].map((c) => c.split('\n').length - 1)).toEqual([500, 200]);
	});
});

describe('accepted values in JSONL and CSV', () => {
	const accepted = [
		{
			...ann('a', 'sentiment', 'accepted', ['pos'], 0, 0),
			confidence: 0.75,
			method: 'ds' as const
		}
	];
	const withAccepted = (which: 'raw' | 'accepted' | 'both'): ExportInput => ({
		...input,
		which,
		acceptedOf: (i) => accepted.filter((a) => a.item === i.id)
	});
	const who = (text: string) =>
		exportJsonlParse(text).map((e) => e.annotations.map((a) => a.annotator));

	it('follow the raw / accepted / both choice, with confidence and method', () => {
		expect(who([...exportJsonl(withAccepted('raw'))].join(''))).toEqual([
			['ada', 'bo', 'ada'],
			['ada'],
			[]
		]);
		const acc = exportJsonlParse([...exportJsonl(withAccepted('accepted'))].join(''));
		expect(acc.map((e) => e.annotations.length)).toEqual([1, 0, 0]);
		expect(acc[0]?.annotations[0]).toMatchObject({
			annotator: 'accepted',
			labels: ['positive'],
			confidence: 0.75,
			method: 'ds'
		});
		const csv = [...exportCsv(withAccepted('both'))].join('');
		const back = exportCsvParse(csv);
		expect(back[0]?.annotations.map((a) => [a.annotator, a.method])).toEqual([
			['accepted', 'ds'],
			['ada', undefined],
			['bo', undefined],
			['ada', undefined]
		]);
		expect(csv).toContain(',positive,human,1970-01-01T00:00:00.000Z,0,,0.75,ds\r\n');
	});
});

describe('exportCsv', () => {
	it('writes one row per item, task and annotator, unlabeled items once, formulas guarded', () => {
		const text = [...exportCsv(input)].join('');
		const r = new CsvReader();
		const recs = [...r.push(text), ...r.end()].map((x) => x.fields);
		expect(recs[0]).toEqual([
			'item_id',
			'text',
			'meta_rating',
			'meta_shop',
			'task',
			'annotator',
			'annotator_name',
			'labels',
			'source',
			'saved_at',
			'ms',
			'value',
			'confidence',
			'method'
		]);
		expect(recs.slice(1).map((x) => [x[0], x[1], x[2], x[4], x[5], x[7], x[9], x[10]])).toEqual([
			[
				'a',
				'Good, "really"',
				'5',
				'sentiment',
				'ada',
				'positive',
				'1970-01-01T00:00:01.000Z',
				'1200'
			],
			[
				'a',
				'Good, "really"',
				'5',
				'sentiment',
				'bo',
				'negative',
				'1970-01-01T00:00:02.000Z',
				'1200'
			],
			[
				'a',
				'Good, "really"',
				'5',
				'topics',
				'ada',
				'shipping|price',
				'1970-01-01T00:00:05.000Z',
				'1200'
			],
			[
				'b',
				"'=SUM(A1)\nsecond line",
				'',
				'sentiment',
				'ada',
				'neutral',
				'1970-01-01T00:00:03.000Z',
				'813'
			],
			['c', 'unlabeled', '3', '', '', '', '', '']
		]);
		expect(text).toContain('\r\n');
		expect(text.startsWith('\uFEFF')).toBe(false);
	});

	it('can skip the guard, start with a BOM and take fixed metadata columns', () => {
		const text = [
			...exportCsv(input, { guardFormulas: false, bom: true, metaColumns: ['shop'] })
		].join('');
		expect(text.startsWith('\uFEFFitem_id,text,meta_shop,task,')).toBe(true);
		expect(text).toContain('b,"=SUM(A1)\nsecond line",,sentiment');
		expect(exportCsvParse(text.slice(1), 'x.csv', false)[1]?.text).toBe('=SUM(A1)\nsecond line');
	});

	it('reads back to what JSONL says, apart from empty metadata', () => {
		const fromCsv = exportCsvParse([...exportCsv(input)].join(''));
		const fromJsonl = exportJsonlParse([...exportJsonl(input)].join(''));
		expect(fromCsv).toEqual(fromJsonl);
	});
});

describe('round trip', () => {
	const cellText = fc.string({
		unit: fc.constantFrom(
			'a',
			'Z',
			' ',
			',',
			'"',
			'\n',
			'\r\n',
			"'",
			'=',
			'-',
			'+',
			'@',
			'é',
			'😀',
			'|'
		),
		minLength: 1,
		maxLength: 12
	});

	it('exports what was labeled and reads it back from JSONL and CSV (seeded)', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(cellText, { minLength: 1, maxLength: 8 }),
				fc.array(fc.tuple(fc.constantFrom('k1', 'note', 'text', '=x'), cellText), { maxLength: 3 }),
				fc.array(
					fc.record({
						item: fc.nat(),
						task: fc.constantFrom('sentiment', 'topics'),
						who: fc.constantFrom('ada', 'bo', 'cy'),
						labels: fc.subarray(['pos', 'neg', 'ship', 'qual']),
						savedAt: fc.integer({ min: 0, max: 4e12 }),
						ms: fc.nat({ max: 600000 })
					}),
					{ maxLength: 12 }
				),
				(texts, meta, raw) => {
					const items: Item[] = texts.map((text, i) => ({
						id: itemIdFromText(text),
						kind: 'text',
						text,
						seq: i,
						...(i % 2 === 0 && meta.length > 0 && { meta: Object.fromEntries(meta) })
					}));
					// One annotation per (item, task, annotator), as in the shared doc.
					const byKey = new Map<string, Annotation>();
					for (const r of raw) {
						const id = items[r.item % items.length]?.id as string;
						byKey.set(
							`${id}/${r.task}/${r.who}`,
							ann(id, r.task, r.who, r.labels, r.savedAt, r.ms)
						);
					}
					const labeled = [...byKey.values()];
					const inp = inputOf(items, labeled);
					const expected = items.map((it) => ({
						id: it.id,
						text: it.text,
						meta: it.meta ?? {},
						annotations: labeled
							.filter((a) => a.item === it.id)
							.sort(
								(a, b) =>
									(a.task === b.task ? 0 : a.task === 'sentiment' ? -1 : 1) ||
									a.savedAt - b.savedAt ||
									(a.annotator < b.annotator ? -1 : 1)
							)
							.map((a) => ({
								task: a.task,
								annotator: a.annotator,
								...(a.annotator === 'ada' && { annotatorName: 'Ada' }),
								labels: (a.value.type === 'classification' ? a.value.labels : []).map((l) =>
									labelName(a.task, l)
								),
								source: 'human',
								savedAt: new Date(a.savedAt).toISOString(),
								ms: a.ms
							}))
					}));
					expect(exportJsonlParse([...exportJsonl(inp)].join(''))).toEqual(expected);
					expect(exportCsvParse([...exportCsv(inp)].join(''))).toEqual(expected);
				}
			),
			{ seed: 20261129, numRuns: 300 }
		);
	});

	it('imports reviews.csv, labels 25 items, and exports exactly those labels', async () => {
		const text = readFileSync('tests/fixtures/import/reviews.csv', 'utf8');
		const seen = new Set<ItemId>();
		const items: Item[] = [];
		for await (const b of importRows({
			file: 'reviews.csv',
			format: 'csv',
			mapping: { textField: 'text', metaFields: ['rating', 'product'] },
			chunks: [text],
			onError: 'abort'
		}))
			items.push(
				...itemsFromRows(b.rows, { file: 'reviews.csv', seqStart: items.length, seen }).items
			);
		expect(items).toHaveLength(42);
		const labeled = items.slice(0, 25).map((it, i) => {
			const rating = Number(it.meta?.rating);
			const label = rating >= 4 ? 'pos' : rating <= 2 ? 'neg' : 'neu';
			return ann(it.id, 'sentiment', 'ada', [label], 1.8e12 + i * 1000, 900 + i);
		});
		const inp = inputOf(items, labeled);
		for (const parsed of [
			exportJsonlParse([...exportJsonl(inp)].join('')),
			exportCsvParse([...exportCsv(inp)].join(''))
		]) {
			expect(parsed.map((p) => p.id)).toEqual(items.map((i) => i.id));
			expect(parsed.map((p) => p.meta)).toEqual(items.map((i) => i.meta));
			expect(parsed.filter((p) => p.annotations.length > 0)).toHaveLength(25);
			expect(parsed.slice(0, 25).map((p) => p.annotations.map((a) => a.labels))).toEqual(
				labeled.map((a) => [
					a.value.type === 'classification'
						? a.value.labels.map((l) => labelName('sentiment', l))
						: []
				])
			);
		}
	});
});

describe('export parsers', () => {
	it('name the line of a bad record or a missing column', () => {
		expect(() =>
			exportJsonlParse('{"id":"a","text":"t","meta":{},"annotations":[]}\n{oops\n')
		).toThrow('export.jsonl, line 2: not valid JSON');
		expect(() => exportJsonlParse('{"id":"a"}')).toThrow(/line 1: expected \{id, text/);
		expect(() => exportCsvParse('item_id,text\r\na,b\r\n')).toThrow(
			'export.csv, line 1: the column "task" is missing'
		);
		expect(() => exportCsvParse('')).toThrow(/empty/);
	});
});
