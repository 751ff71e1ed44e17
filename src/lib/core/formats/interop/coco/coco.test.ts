import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../errors';
import type { BoxesValue, KeypointsValue, LabelSchema } from '../../../types';
import { comparable } from '$tests/helpers/interop';
import { exportCoco } from './export';
import { importCoco } from './import';

const fixture = readFileSync('tests/fixtures/interop/coco.json', 'utf8');

describe('COCO', () => {
	it('reads boxes, polygons and keypoints and creates the schema', () => {
		const r = importCoco(fixture, 'coco.json');
		expect(r.problems).toEqual([]);
		expect(r.items.map((i) => i.media?.name)).toEqual(['street.jpg', 'people.jpg']);
		expect(r.items[0]?.meta).toEqual({ width: '640', height: '480' });
		expect(r.schema.tasks.map((t) => t.type)).toEqual(['boxes', 'polygons', 'keypoints']);
		const kp = r.schema.tasks.find((t) => t.type === 'keypoints');
		expect(kp?.type === 'keypoints' && kp.skeleton).toEqual([
			[0, 1],
			[0, 2],
			[3, 4]
		]);
		const boxes = r.annotations.find((a) => a.value.type === 'boxes' && a.source === 'human');
		expect((boxes?.value as BoxesValue).boxes.map((b) => [b.x, b.y, b.w, b.h])).toEqual([
			[12.5, 40, 100, 60],
			[300, 200, 120.25, 80]
		]);
		const inst = (r.annotations.find((a) => a.value.type === 'keypoints')?.value as KeypointsValue)
			.instances[0];
		expect(inst?.points).toEqual([
			{ x: 400, y: 100, visible: true },
			{ x: 390, y: 90, visible: true },
			{ x: 410, y: 90, visible: false },
			null,
			{ x: 420, y: 300, visible: true }
		]);
		const pred = r.annotations.find((a) => a.source === 'model');
		expect(pred).toMatchObject({ model: 'yolov8n', confidence: 0.87 });
	});

	it('round-trips: import → export → import keeps every annotation', () => {
		const a = importCoco(fixture, 'coco.json');
		const text = exportCoco(a.items, a.annotations, a.schema, { which: 'raw' });
		const b = importCoco(text, 'out.json');
		expect(b.problems).toEqual([]);
		expect(comparable(b.annotations, b.schema)).toEqual(comparable(a.annotations, a.schema));
		const c = importCoco(text, 'out.json', a.schema, { items: a.items });
		expect(c.items).toEqual(a.items);
		expect(c.annotations).toHaveLength(a.annotations.length);
		expect(comparable(c.annotations, c.schema)).toEqual(comparable(a.annotations, a.schema));
	});

	it('exports accepted values with their confidence, or raw and accepted both', () => {
		const a = importCoco(fixture, 'coco.json');
		const acc = JSON.parse(exportCoco(a.items, a.annotations, a.schema, { which: 'accepted' }));
		expect(acc.annotations.every((x: { annotator: string }) => x.annotator === 'accepted')).toBe(
			true
		);
		const both = JSON.parse(exportCoco(a.items, a.annotations, a.schema, { which: 'both' }));
		expect(both.annotations.length).toBe(acc.annotations.length * 2);
	});

	it('maps labels by name onto a given schema and reports the unmapped ones', () => {
		const schema: LabelSchema = {
			tasks: [
				{
					type: 'boxes',
					id: 't1' as never,
					name: 'Objects',
					rotation: false,
					attributes: [],
					labels: [{ id: 'CAR' as never, name: 'Car', color: '#000000', hotkey: '1' }]
				}
			]
		};
		const doc = JSON.parse(fixture);
		doc.categories.push({ id: 9, name: 'truck' });
		doc.annotations.push({ id: 99, image_id: 1, category_id: 9, bbox: [1, 1, 2, 2] });
		const r = importCoco(JSON.stringify(doc), 'c.json', schema);
		const boxes = r.annotations.filter((a) => a.task === 't1');
		expect(boxes.flatMap((a) => (a.value as BoxesValue).boxes.map((b) => b.label))).toEqual([
			'CAR',
			'CAR',
			'CAR'
		]);
		expect(r.unmapped).toEqual([{ task: 'Objects', label: 'truck', count: 1 }]);
		expect(r.problems.some((p) => p.where === '$.annotations[5].category_id')).toBe(true);
	});

	it('reports bad input with file and place, never a half result', () => {
		expect(() => importCoco('{"images": [', 'bad.json')).toThrow(FormatError);
		expect(() => importCoco('{"images": 3}', 'bad.json')).toThrow(/images is not a list/);
		expect(() => importCoco(new Uint8Array([0xff, 0xfe, 0x00, 0xd8]), 'bad.json')).toThrow(
			FormatError
		);
		const withBom = '\uFEFF' + fixture;
		expect(importCoco(withBom, 'bom.json').annotations).toHaveLength(
			importCoco(fixture, 'x').annotations.length
		);
		const doc = JSON.parse(fixture);
		doc.annotations[0].bbox = [600, 400, 100, 100];
		doc.annotations[1].bbox = [700, 10, 5, 5];
		doc.annotations[2].category_id = 42;
		doc.annotations[3].keypoints = [1, 2];
		const r = importCoco(JSON.stringify(doc), 'c.json');
		expect(r.problems.map((p) => p.where)).toEqual([
			'$.annotations[0].bbox',
			'$.annotations[1].bbox',
			'$.annotations[2].category_id',
			'$.annotations[3].keypoints'
		]);
		expect(r.problems[0]).toMatchObject({
			file: 'c.json',
			reason: expect.stringMatching(/clipped/)
		});
	});
});
