import { readFileSync } from 'node:fs';
import { zipSync, unzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PassphraseError } from '../../crypto';
import { taskNew } from '../../tasks';
import type {
	Annotation,
	AnnotatorId,
	BoxesValue,
	ClassificationTask,
	EpochMs,
	ItemId,
	LabelId,
	LabelSchema,
	SpansTask,
	TaskId
} from '../../types';
import type { ItemOutcome } from '../../quality/live/outcomes';
import { acceptedAnnotations } from './accepted';
import { ACCEPTED } from './common';
import { interopDetect, zipContents } from './detect';
import { formatsFor, interopExport } from './export-any';
import { importYolo } from './yolo';
import { interopPlan, planApply, valueLabels } from './plan';
import { sealExport, sealedPeek, unsealExport } from './sealed';

const fx = (p: string) => new Uint8Array(readFileSync(`tests/fixtures/interop/${p}`));
const u8 = (s: string) => new TextEncoder().encode(s);

describe('interopDetect', () => {
	it('names each fixture by its name and content', () => {
		expect(interopDetect('a.json', fx('coco.json'))).toBe('coco');
		expect(interopDetect('export.json', fx('label-studio.json'))).toBe('label-studio');
		expect(interopDetect('x.conll', fx('ner.conll'))).toBe('conll');
		expect(interopDetect('ner.txt', fx('ner.conll'))).toBe('conll');
		expect(interopDetect('spans.jsonl', fx('spans.jsonl'))).toBe('spacy');
		expect(interopDetect('park.xml', fx('voc/park.xml'))).toBe('voc');
		expect(
			interopDetect(
				'r.parquet',
				new Uint8Array(readFileSync('tests/fixtures/parquet/reviews.parquet'))
			)
		).toBe('parquet');
		expect(interopDetect('labels.zip', zipSync({ 'a.txt': u8('x') }))).toBe('zip');
	});

	it('leaves plain data files to the row importer', () => {
		expect(interopDetect('r.jsonl', u8('{"text": "hi", "label": "a"}\n'))).toBeUndefined();
		expect(interopDetect('r.json', u8('[{"text": "hi"}]'))).toBeUndefined();
		expect(interopDetect('r.csv', u8('text,label\nhi,a\n'))).toBeUndefined();
		expect(interopDetect('lines.txt', u8('one line\nanother line\n'))).toBeUndefined();
	});

	it('splits a zip into media and labels and names the label format', () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
		const coco = zipContents(
			zipSync({ 'images/street.jpg': png, 'annotations.json': fx('coco.json') }),
			'z'
		);
		expect(coco.kind).toBe('coco');
		expect(Object.keys(coco.media)).toEqual(['images/street.jpg']);
		const yolo = zipContents(
			zipSync({
				'classes.txt': fx('yolo/classes.txt'),
				'labels/park.txt': fx('yolo/labels/park.txt'),
				'images/park.png': png
			}),
			'z'
		);
		expect(yolo.kind).toBe('yolo');
		const voc = zipContents(zipSync({ 'Annotations/park.xml': fx('voc/park.xml') }), 'z');
		expect(voc.kind).toBe('voc');
		expect(zipContents(zipSync({ 'a.png': png }), 'z').kind).toBeUndefined();
		expect(() => zipContents(u8('PK\x03\x04broken'), 'bad.zip')).toThrow(
			/bad\.zip: the zip cannot be read/
		);
	});
});

describe('encrypted exports', () => {
	it('round-trips, is detected, and a wrong passphrase is a clear error', async () => {
		const data = u8('{"hello": "world"}');
		const s = await sealExport('p.coco.json', data, 'correct horse', { iterations: 1000 });
		expect(s.name).toBe('p.coco.json.qsealed');
		expect(interopDetect(s.name, s.bytes.subarray(0, 256))).toBe('sealed');
		expect(interopDetect('renamed.zip', s.bytes.subarray(0, 256))).toBe('sealed');
		expect(sealedPeek(s.bytes, s.name)).toBe('p.coco.json');
		const back = await unsealExport(s.bytes, s.name, 'correct horse');
		expect(back).toEqual({ name: 'p.coco.json', bytes: data });
		await expect(unsealExport(s.bytes, s.name, 'wrong')).rejects.toThrow(PassphraseError);
		await expect(unsealExport(s.bytes, s.name, '')).rejects.toThrow(
			/encrypted: enter its passphrase/
		);
		// The ciphertext does not contain the plain text.
		expect(new TextDecoder().decode(s.bytes)).not.toContain('hello');
		const files = unzipSync(s.bytes);
		files['sealed.bin']![5]! ^= 1;
		await expect(unsealExport(zipSync(files), s.name, 'correct horse')).rejects.toThrow(
			PassphraseError
		);
	});
});

const cls = (labels: string[]): ClassificationTask => {
	const t = taskNew('classification', 'sent' as TaskId, 'sentiment') as ClassificationTask;
	return {
		...t,
		labels: labels.map((n, i) => ({
			id: `id-${n}` as LabelId,
			name: n,
			color: '#000000',
			hotkey: String(i + 1)
		}))
	};
};

describe('interopPlan', () => {
	it('lists matched, unknown and new-task labels with counts, and applies the choices', () => {
		const ls = fx('label-studio.json');
		// The project already has "sentiment" with Positive and Neutral (not Negative).
		const schema: LabelSchema = { tasks: [cls(['Positive', 'Neutral'])] };
		const plan = interopPlan('label-studio', ls, 'ls.json', schema, {});
		const sentiment = plan.labels.filter((l) => l.taskName === 'sentiment');
		expect(sentiment.map((l) => [l.name, l.status, l.count])).toEqual([
			['Positive', 'matched', 2],
			['Mixed', 'unknown', 1],
			['Negative', 'unknown', 1]
		]);
		expect(plan.newTasks.map((t) => t.name)).toEqual(['label', 'objects', 'regions', 'points']);
		expect(plan.labels.filter((l) => l.status === 'new-task').length).toBeGreaterThan(3);

		const negative = sentiment[2]!;
		// Keep: the label is created in the project's task.
		const kept = planApply(plan);
		const task = kept.schema.tasks.find((t) => t.id === 'sent') as ClassificationTask;
		expect(task.labels.map((l) => l.name)).toEqual(['Positive', 'Neutral', 'Mixed', 'Negative']);
		expect(new Set(task.labels.map((l) => l.hotkey)).size).toBe(4);
		// Map onto Neutral: no new label, the choice says Neutral.
		const mapped = planApply(plan, new Map([[negative.id, 'id-Neutral' as LabelId]]));
		expect(
			(mapped.schema.tasks.find((t) => t.id === 'sent') as ClassificationTask).labels
		).toHaveLength(3);
		const sentAnns = mapped.annotations.filter((a) => a.task === 'sent');
		expect(
			sentAnns
				.flatMap((a) => valueLabels(a.value))
				.filter((l) => l.startsWith('id-'))
				.sort()
		).toEqual(['id-Neutral', 'id-Positive', 'id-Positive']);
		// Skip: its answers are left out.
		const skipped = planApply(plan, new Map([[negative.id, 'skip']]));
		expect(skipped.skipped).toBe(1);
		expect(skipped.annotations.filter((a) => a.task === 'sent')).toHaveLength(2);
		expect(skipped.annotations.length).toBe(kept.annotations.length - 1);
	});

	it('maps and skips region labels (boxes) too', () => {
		const files = {
			'classes.txt': fx('yolo/classes.txt'),
			'labels/park.txt': fx('yolo/labels/park.txt')
		};
		const items = [
			{
				id: 'p' as ItemId,
				kind: 'image' as const,
				seq: 0,
				source: 'park.jpg',
				media: { url: 'park.jpg', name: 'park.jpg' },
				meta: { width: '100', height: '100' }
			}
		];
		const boxes = {
			...taskNew('boxes', 'b' as TaskId, 'Objects'),
			labels: [{ id: 'dog-id' as LabelId, name: 'Dog', color: '#000000', hotkey: '1' }]
		};
		const plan = interopPlan(
			'yolo',
			files,
			'y.zip',
			{ tasks: [boxes] as LabelSchema['tasks'] },
			{ items }
		);
		expect(plan.labels.map((l) => [l.name, l.status, l.count])).toEqual([
			['Dog', 'matched', 1],
			['car', 'unknown', 1]
		]);
		const car = plan.labels[1]!;
		const out = planApply(plan, new Map([[car.id, 'dog-id' as LabelId]]));
		expect((out.annotations[0]!.value as BoxesValue).boxes.map((b) => b.label)).toEqual([
			'dog-id',
			'dog-id'
		]);
		const none = planApply(plan, new Map([[car.id, 'skip']]));
		expect((none.annotations[0]!.value as BoxesValue).boxes.map((b) => b.label)).toEqual([
			'dog-id'
		]);
		expect(importYolo(files, 'y.zip', undefined, { items }).annotations).toHaveLength(1);
		// The item names its image by a path that cannot be fetched: kept as its source, no media.
		expect(none.items).toEqual([
			{ id: 'p', kind: 'image', seq: 0, source: 'park.jpg', meta: { width: '100', height: '100' } }
		]);
	});
});

const ann = (item: string, task: string, who: string, value: Annotation['value']): Annotation => ({
	item: item as ItemId,
	task: task as TaskId,
	annotator: who as AnnotatorId,
	value,
	source: 'human',
	startedAt: 0 as EpochMs,
	savedAt: 0 as EpochMs,
	ms: 1
});

describe('acceptedAnnotations', () => {
	const spans = { ...taskNew('spans', 'ner' as TaskId, 'NER'), labels: [] } as SpansTask;
	const schema: LabelSchema = { tasks: [cls(['a', 'b']), spans] };
	const sp = (start: number, id: string) => ({
		type: 'spans' as const,
		spans: [{ id, start, end: start + 2, label: 'L' as LabelId }]
	});
	const outcome = (
		item: string,
		label: string,
		status: ItemOutcome['status'],
		confidence: number
	): ItemOutcome => ({
		item,
		label,
		confidence,
		agreement: confidence,
		answers: 3,
		status,
		method: 'mv',
		reasons: [],
		suspicion: 0
	});

	it('uses classification outcomes (accepted or reviewed only), decisions, gold and agreement', () => {
		const annotations = [
			ann('i1', 'ner', 'x', sp(0, 'r1')),
			ann('i1', 'ner', 'y', sp(0, 'r2')),
			ann('i2', 'ner', 'x', sp(0, 'r3')),
			ann('i2', 'ner', 'y', sp(4, 'r4')),
			ann('i3', 'ner', 'x', sp(0, 'r5')),
			ann('i3', 'ner', 'y', sp(4, 'r6'))
		];
		const out = acceptedAnnotations({
			schema,
			annotations,
			outcomes: new Map([
				[
					'sent' as TaskId,
					[
						outcome('i1', 'id-a', 'accepted', 0.8),
						outcome('i2', 'id-b', 'review', 0.5),
						outcome('i3', 'id-b', 'reviewed', 1)
					]
				]
			]),
			decisions: [
				{
					item: 'i3' as ItemId,
					task: 'ner' as TaskId,
					value: sp(8, 'd'),
					by: 'rev' as AnnotatorId,
					at: 5 as EpochMs
				},
				{
					item: 'i2' as ItemId,
					task: 'ner' as TaskId,
					value: sp(9, 'd'),
					by: 'x' as AnnotatorId,
					at: 6 as EpochMs
				}
			],
			gold: [],
			reviewers: new Set(['rev']),
			threshold: 0.7,
			overlap: 2
		});
		const view = out.map((a) => [
			a.item,
			a.task,
			a.annotator,
			a.confidence,
			JSON.stringify(valueLabels(a.value)),
			a.value.type === 'spans' ? a.value.spans[0]?.start : undefined,
			a.method
		]);
		expect(view).toEqual([
			['i1', 'sent', ACCEPTED, 0.8, '["id-a"]', undefined, 'mv'],
			['i3', 'sent', ACCEPTED, 1, '["id-b"]', undefined, 'mv'],
			// i3 NER: the reviewer's decision; i2: a decision by a non-reviewer does not count, and
			// the annotators disagree (0.5 < 0.7), so none; i1: both agree (region ids differ).
			['i3', 'ner', ACCEPTED, 1, '["L"]', 8, 'review'],
			['i1', 'ner', ACCEPTED, 1, '["L"]', 0, 'mv']
		]);
	});
});

describe('interopExport', () => {
	it('offers the formats the tasks fit, and zips media with YOLO labels', () => {
		const boxes = {
			...taskNew('boxes', 'b' as TaskId, 'Objects'),
			labels: [{ id: 'c' as LabelId, name: 'car', color: '#000000', hotkey: '1' }]
		};
		expect(formatsFor({ tasks: [cls(['a'])] })).toEqual(['label-studio']);
		expect(formatsFor({ tasks: [boxes] as LabelSchema['tasks'] })).toEqual([
			'coco',
			'yolo',
			'voc',
			'label-studio'
		]);
		const item = {
			id: 'i' as ItemId,
			kind: 'image' as const,
			seq: 0,
			media: { blob: 'ab', mime: 'image/png', size: 3, name: 'car.png' },
			meta: { width: '200', height: '100' }
		};
		const a = ann('i', 'b', 'x', {
			type: 'boxes',
			boxes: [{ id: 'r', label: 'c' as LabelId, x: 50, y: 25, w: 100, h: 50 }]
		});
		const f = interopExport(
			'yolo',
			[item],
			[a],
			{ tasks: [boxes] as LabelSchema['tasks'] },
			{ which: 'raw' },
			new Map([['car.png', new Uint8Array([1, 2, 3])]])
		);
		const files = unzipSync(f.bytes);
		expect(Object.keys(files).sort()).toEqual([
			'classes.txt',
			'images/car.png',
			'raw/x/labels/car.txt'
		]);
		expect(new TextDecoder().decode(files['raw/x/labels/car.txt'])).toBe('0 0.5 0.5 0.5 0.5\n');
		expect(files['images/car.png']).toEqual(new Uint8Array([1, 2, 3]));
		const coco = interopExport(
			'coco',
			[item],
			[a],
			{ tasks: [boxes] as LabelSchema['tasks'] },
			{ which: 'raw' }
		);
		expect(coco.suffix).toBe('.coco.json');
		expect(JSON.parse(new TextDecoder().decode(coco.bytes)).annotations).toHaveLength(1);
		expect(strToU8('x')).toHaveLength(1);
	});
});
