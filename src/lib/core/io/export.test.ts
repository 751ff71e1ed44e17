import { describe, expect, it } from 'vitest';
import { classificationTaskNew } from '../schema';
import type { Annotation, AnnotatorId, EpochMs, Item, ItemId, LabelId, TaskId } from '../types';
import { CsvReader } from './csv-stream';
import { csvCell, exportCsv, exportJsonl, type ExportedItem } from './export';

const task = classificationTaskNew({
	id: 'class' as TaskId,
	name: 'Label',
	labels: [
		{ id: 'l1' as LabelId, name: 'positive' },
		{ id: 'l2' as LabelId, name: 'negative' }
	]
});
const items: Item[] = [
	{ id: 'a' as ItemId, kind: 'text', text: 'Good, "really"', seq: 1, meta: { rating: '5' } },
	{ id: 'b' as ItemId, kind: 'text', text: '=SUM(A1)\nsecond line', seq: 2 },
	{ id: 'c' as ItemId, kind: 'text', text: 'unlabeled', seq: 3, meta: { rating: '3' } }
];
const ann = (item: string, who: string, label: string, savedAt: number): Annotation => ({
	item: item as ItemId,
	task: 'class' as TaskId,
	annotator: who as AnnotatorId,
	value: { type: 'classification', labels: [label as LabelId] },
	source: 'human',
	startedAt: (savedAt - 500) as EpochMs,
	savedAt: savedAt as EpochMs,
	ms: 500
});
const anns = [ann('a', 'u1', 'l1', 2000), ann('a', 'u2', 'l2', 1000), ann('b', 'u1', 'l2', 3000)];
const input = {
	items,
	schema: { tasks: [task] },
	annotationsOf: (i: Item) => anns.filter((a) => a.item === i.id),
	members: new Map([
		['u1', { id: 'u1' as AnnotatorId, name: 'Ada', color: '#000000', role: 'owner' as const }]
	])
};

describe('export', () => {
	it('writes JSONL with every item, its metadata and its labels by name', () => {
		const lines = [...exportJsonl(input)].join('').trim().split('\n');
		const parsed = lines.map((l) => JSON.parse(l) as ExportedItem);
		expect(parsed).toHaveLength(3);
		expect(parsed[0]).toEqual({
			id: 'a',
			text: 'Good, "really"',
			meta: { rating: '5' },
			annotations: [
				{
					task: 'class',
					annotator: 'u2',
					labels: ['negative'],
					source: 'human',
					savedAt: '1970-01-01T00:00:01.000Z',
					ms: 500
				},
				{
					task: 'class',
					annotator: 'u1',
					annotatorName: 'Ada',
					labels: ['positive'],
					source: 'human',
					savedAt: '1970-01-01T00:00:02.000Z',
					ms: 500
				}
			]
		});
		expect(parsed[2]?.annotations).toEqual([]);
	});

	it('writes CSV that reads back to the same cells, one row per annotation, with formulas guarded', () => {
		const text = [...exportCsv(input)].join('');
		const r = new CsvReader();
		const recs = [...r.push(text), ...r.end()].map((x) => x.fields);
		expect(recs[0]).toEqual([
			'item_id',
			'text',
			'meta_rating',
			'task',
			'annotator',
			'annotator_name',
			'labels',
			'source',
			'saved_at',
			'ms'
		]);
		expect(recs.slice(1).map((x) => [x[0], x[1], x[2], x[4], x[6]])).toEqual([
			['a', 'Good, "really"', '5', 'u2', 'negative'],
			['a', 'Good, "really"', '5', 'u1', 'positive'],
			['b', "'=SUM(A1)\nsecond line", '', 'u1', 'negative'],
			['c', 'unlabeled', '3', '', '']
		]);
	});

	it('quotes cells only when needed', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('-1')).toBe("'-1");
		expect(csvCell('-1', false)).toBe('-1');
	});
});
