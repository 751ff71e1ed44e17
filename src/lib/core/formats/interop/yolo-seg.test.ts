import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { mediaItem } from '../../media';
import type { BoxesValue, Item, PolygonsValue } from '../../types';
import { importCoco } from './coco';
import { exportVoc, importVoc } from './voc';
import { formatNotes, FORMAT_TASKS } from './export-any';
import { zipOf } from './files';
import { comparable } from '$tests/helpers/interop';
import { exportYolo, importYolo } from './yolo';

const dir = 'tests/fixtures/interop';
const read = (p: string) => readFileSync(`${dir}/${p}`, 'utf8');
const img = (name: string, w: number, h: number, n: number): Item =>
	mediaItem({
		sha256: `${n}`.repeat(64).slice(0, 64),
		kind: 'image',
		mime: 'image/jpeg',
		size: 1000,
		name,
		seq: n,
		meta: { width: String(w), height: String(h) }
	});
const items = [img('street.jpg', 640, 480, 1), img('park.jpg', 800, 600, 2)];
const segFiles = () => ({
	'classes.txt': read('yolo-seg/classes.txt'),
	'labels/street.txt': read('yolo-seg/labels/street.txt'),
	'labels/park.txt': read('yolo-seg/labels/park.txt')
});
const text = (zip: Uint8Array, name: string) =>
	new TextDecoder().decode(unzipSync(zip)[name] as Uint8Array);

describe('YOLO segmentation', () => {
	it('reads polygon lines into a polygons task and box lines into a boxes task', () => {
		const r = importYolo(segFiles(), 'seg', undefined, { items });
		expect(r.problems).toEqual([]);
		expect(r.schema.tasks.map((t) => t.type)).toEqual(['polygons', 'boxes']);
		const street = r.annotations.find((a) => a.item === items[0]?.id);
		expect((street?.value as PolygonsValue).shapes.map((s) => [s.points, s.closed])).toEqual([
			[
				[
					[0, 300],
					[640, 300],
					[640, 480],
					[0, 480]
				],
				true
			],
			[
				[
					[64, 96],
					[160, 96],
					[192, 168],
					[32, 168]
				],
				true
			]
		]);
		const park = r.annotations.filter((a) => a.item === items[1]?.id);
		expect(park.map((a) => a.value.type).sort()).toEqual(['boxes', 'polygons']);
		const box = (park.find((a) => a.value.type === 'boxes')?.value as BoxesValue).boxes[0];
		expect(box).toMatchObject({ x: 20, y: 15, w: 40, h: 30 });
	});

	it('round-trips polygons and boxes through an exported zip, raw and accepted', () => {
		const a = importYolo(zipOf(segFiles()), 'seg.zip', undefined, { items });
		const raw = exportYolo(items, a.annotations, a.schema, { which: 'raw' });
		expect(raw.skipped).toEqual([]);
		expect(text(raw.zip, 'raw/import%3Ayolo/labels/street.txt')).toBe(
			read('yolo-seg/labels/street.txt')
		);
		const b = importYolo(raw.zip, 'out.zip', undefined, { items });
		expect(b.problems).toEqual([]);
		expect(comparable(b.annotations, b.schema)).toEqual(comparable(a.annotations, a.schema));
		const acc = exportYolo(items, a.annotations, a.schema, { which: 'accepted' });
		expect(text(acc.zip, 'labels/park.txt').split('\n')[0]).toBe(
			'2 0.5125 0.15 0.525 0.5 0.4875 0.5 1'
		);
		const c = importYolo(acc.zip, 'acc.zip', undefined, { items });
		expect(c.problems).toEqual([]);
		const strip = (x: typeof a) =>
			comparable(
				x.annotations.map((y) => ({ ...y, annotator: 'x' as never, confidence: undefined })),
				x.schema
			);
		expect(strip(c)).toEqual(strip(a));
		expect(c.annotations.every((y) => y.confidence === 1)).toBe(true);
	});

	it('exports COCO polygons as segmentation lines that come back as the same polygons', () => {
		const coco = importCoco(read('coco.json'), 'coco.json');
		const polys = coco.annotations.filter((x) => x.value.type === 'polygons');
		const out = exportYolo(coco.items, polys, coco.schema, { which: 'raw' });
		const back = importYolo(out.zip, 'y.zip', undefined, { items: coco.items });
		expect(back.problems).toEqual([]);
		const shapes = (v: typeof polys) =>
			v.flatMap((x) => (x.value as PolygonsValue).shapes.map((s) => s.points));
		expect(shapes(back.annotations)).toEqual(shapes(polys));
	});

	it('leaves out open polylines and says so; names bad polygon lines', () => {
		const a = importYolo(segFiles(), 'seg', undefined, { items });
		const open = a.annotations.map((x) =>
			x.value.type === 'polygons'
				? {
						...x,
						value: { ...x.value, shapes: x.value.shapes.map((s) => ({ ...s, closed: false })) }
					}
				: x
		);
		const out = exportYolo(items, open, a.schema, { which: 'raw' });
		expect(out.skipped).toEqual([
			{ item: 'street.jpg', reason: '2 open polylines not written (YOLO holds closed polygons)' },
			{ item: 'park.jpg', reason: '1 open polyline not written (YOLO holds closed polygons)' }
		]);
		const f: Record<string, string> = segFiles();
		f['labels/street.txt'] = '1 0 0.5 1 0.5 1.2 1\n1 0 0 1 0 x 1\n';
		const r = importYolo(f, 'y', undefined, { items });
		expect(r.problems.map((p) => [p.where, p.reason])).toEqual([
			['line 1', 'values must be between 0 and 1 (normalized by the image size)'],
			[
				'line 2',
				'expected "class cx cy w h [confidence]" or "class x1 y1 x2 y2 x3 y3 … [confidence]"'
			]
		]);
	});
});

describe('Pascal VOC and polygons', () => {
	it('writes polygons as their bounding boxes, which come back as boxes', () => {
		const a = importYolo(segFiles(), 'seg', undefined, { items });
		const zip = exportVoc(items, a.annotations, a.schema, { which: 'raw' });
		const b = importVoc(zip, 'voc.zip', undefined, { items });
		expect(b.problems).toEqual([]);
		const street = b.annotations.find((x) => x.item === items[0]?.id)?.value as BoxesValue;
		expect(street.boxes.map((x) => [x.x, x.y, x.w, x.h])).toEqual([
			[0, 300, 640, 180],
			[32, 96, 160, 72]
		]);
		expect(b.annotations.every((x) => x.value.type === 'boxes')).toBe(true);
	});

	it('the export page says what each format leaves out', () => {
		const coco = importCoco(read('coco.json'), 'coco.json');
		expect(FORMAT_TASKS.yolo).toContain('polygons');
		expect(formatNotes('coco', coco.schema)).toEqual([]);
		expect(formatNotes('voc', coco.schema)).toEqual([
			'Pascal VOC has no polygons: the polygons of Polygons are written as their bounding boxes, and come back as boxes.',
			'Not written (Pascal VOC has no place for them): Keypoints (keypoints).'
		]);
		expect(formatNotes('yolo', coco.schema)).toEqual([
			'Not written (YOLO has no place for them): Keypoints (keypoints).'
		]);
	});
});
