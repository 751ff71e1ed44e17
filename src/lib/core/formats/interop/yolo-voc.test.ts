import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../errors';
import { mediaItem } from '../../media';
import type { BoxesValue, Item } from '../../types';
import { zipOf } from './files';
import { comparable } from '$tests/helpers/interop';
import { exportVoc, importVoc } from './voc';
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
const yoloFiles = () => ({
	'classes.txt': read('yolo/classes.txt'),
	'labels/street.txt': read('yolo/labels/street.txt'),
	'labels/park.txt': read('yolo/labels/park.txt')
});

describe('YOLO', () => {
	it('reads normalized boxes with the image sizes of the project', () => {
		const r = importYolo(yoloFiles(), 'yolo', undefined, { items });
		expect(r.problems).toEqual([]);
		const street = r.annotations.find((a) => a.item === items[0]?.id);
		expect((street?.value as BoxesValue).boxes.map((b) => [b.x, b.y, b.w, b.h])).toEqual([
			[96, 180, 128, 120],
			[430, 72, 40, 240]
		]);
		expect(
			r.schema.tasks[0]?.type === 'boxes' && r.schema.tasks[0].labels.map((l) => l.name)
		).toEqual(['car', 'person', 'dog']);
	});

	it('round-trips through a zip', () => {
		const a = importYolo(zipOf(yoloFiles()), 'yolo.zip', undefined, { items });
		for (const which of ['raw', 'accepted'] as const) {
			const out = exportYolo(items, a.annotations, a.schema, { which });
			expect(out.skipped).toEqual([]);
			const b = importYolo(out.zip, 'out.zip', undefined, { items });
			expect(b.problems).toEqual([]);
			const strip = (x: typeof a) =>
				comparable(
					x.annotations.map((y) => ({ ...y, annotator: 'x' as never, confidence: undefined })),
					x.schema
				);
			expect(strip(b)).toEqual(strip(a));
		}
		const raw = exportYolo(items, a.annotations, a.schema, { which: 'raw' });
		const b = importYolo(raw.zip, 'out.zip', undefined, { items });
		expect(comparable(b.annotations, b.schema)).toEqual(comparable(a.annotations, a.schema));
		expect(Object.keys(unzipSync(raw.zip)).sort()).toEqual([
			'classes.txt',
			'raw/import%3Ayolo/labels/park.txt',
			'raw/import%3Ayolo/labels/street.txt'
		]);
	});

	it('lists bad lines, unknown classes and unknown images; rejects a broken zip', () => {
		const f: Record<string, string> = yoloFiles();
		f['labels/street.txt'] = '0 0.5 0.5 0.2\n7 0.5 0.5 0.1 0.1\n0 0.95 0.5 0.2 0.2\n';
		f['labels/ghost.txt'] = '0 0.5 0.5 0.1 0.1\n';
		const r = importYolo(f, 'y', undefined, { items });
		expect(r.problems.map((p) => [p.file, p.where])).toEqual([
			['labels/street.txt', 'line 1'],
			['labels/street.txt', 'line 2'],
			['labels/street.txt', 'line 3'],
			['labels/ghost.txt', 'file']
		]);
		expect(() => importYolo(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]), 'y.zip')).toThrow(
			FormatError
		);
		expect(() => importYolo({ 'a.txt': '0 0 0 0 0' }, 'y')).toThrow(/classes.txt/);
	});
});

describe('Pascal VOC', () => {
	const files = () => ({ 'street.xml': read('voc/street.xml'), 'park.xml': read('voc/park.xml') });

	it('reads boxes, flags and sizes', () => {
		const r = importVoc(files(), 'voc');
		expect(r.problems).toEqual([]);
		expect(r.items.map((i) => [i.media?.name, i.meta])).toEqual([
			['street.jpg', { width: '640', height: '480' }],
			['park & lake.jpg', { width: '800', height: '600' }]
		]);
		const park = r.annotations[1]?.value as BoxesValue;
		expect(park.boxes[0]).toMatchObject({
			x: 10,
			y: 20,
			w: 100,
			h: 70,
			attrs: { truncated: false, occluded: true, difficult: true }
		});
	});

	it('round-trips through a zip', () => {
		const a = importVoc(files(), 'voc');
		const zip = exportVoc(a.items, a.annotations, a.schema, { which: 'raw' });
		const b = importVoc(zip, 'voc.zip');
		expect(b.problems).toEqual([]);
		expect(comparable(b.annotations, b.schema)).toEqual(comparable(a.annotations, a.schema));
		const one = importVoc(read('voc/street.xml'), 'street.xml');
		expect(one.annotations).toHaveLength(1);
	});

	it('names the line of malformed, truncated or hostile XML', () => {
		const xml = read('voc/street.xml');
		expect(() => importVoc(xml.slice(0, 400), 'cut.xml')).toThrow(/is not closed/);
		expect(() => importVoc('<annotation><a></b></annotation>', 'x.xml')).toThrow(/line 1/);
		expect(() =>
			importVoc('<!DOCTYPE x [<!ENTITY a "aaaa">]><annotation>&a;</annotation>', 'x.xml')
		).toThrow(FormatError);
		const bad = xml
			.replace('<xmax>260</xmax>', '<xmax>60</xmax>')
			.replace('<xmin>400.5', '<xmin>630');
		const r = importVoc(bad, 'b.xml');
		expect(r.problems.map((p) => p.where)).toEqual(['line 15', 'line 27']);
	});
});
