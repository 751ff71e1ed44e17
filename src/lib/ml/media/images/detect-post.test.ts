import { describe, expect, it } from 'vitest';
import type { Label, LabelId } from '$lib/core/types';
import { boxesFromDetections, classMappingDefault, detectionsFromRows, nms } from './detect-post';

const label = (id: string, name: string): Label => ({
	id: id as LabelId,
	name,
	color: '#000000',
	hotkey: '1'
});

describe('detector post-processing', () => {
	it('scales rows to image pixels, drops low scores and suppresses duplicates', () => {
		const rows = [
			[100, 100, 300, 400, 0.9, 0], // person
			[105, 102, 298, 395, 0.8, 0], // same person, suppressed
			[110, 100, 300, 400, 0.7, 16], // a dog in the same place: other class, kept
			[0, 0, 50, 50, 0.1, 2], // low score
			[0, 0, 50, 50, 0.9, Number.NaN] // no class
		];
		const d = detectionsFromRows(rows, { inputSize: 512, width: 1024, height: 256 });
		expect(d.map((x) => x.name)).toEqual(['person', 'dog']);
		expect(d[0]).toMatchObject({ x: 200, y: 50, w: 400, h: 150, score: 0.9 });
	});

	it('clamps boxes to the image', () => {
		const d = detectionsFromRows([[-20, 500, 600, 530, 0.5, 2]], {
			inputSize: 512,
			width: 512,
			height: 512
		});
		expect(d[0]).toMatchObject({ x: 0, y: 500, w: 512, h: 12 });
	});

	it('keeps non-overlapping boxes of one class', () => {
		const a = { x: 0, y: 0, w: 10, h: 10, score: 0.9, name: 'car' };
		const b = { ...a, x: 20, score: 0.8 };
		expect(nms([b, a], 0.5)).toEqual([a, b]);
	});

	it('maps COCO classes to schema labels by name, plural, case and synonyms', () => {
		const m = classMappingDefault([
			label('p', 'Pedestrian'),
			label('c', 'Cars'),
			label('t', 'traffic_light'),
			label('x', 'Unicorn')
		]);
		expect(m).toEqual({ person: 'p', car: 'c', 'traffic light': 't' });
	});

	it('turns mapped detections into a boxes value, skipping unmapped classes', () => {
		const dets = [
			{ x: 1.234, y: 2, w: 3, h: 4, score: 0.9, name: 'person' },
			{ x: 1, y: 2, w: 3, h: 4, score: 0.7, name: 'cat' }
		];
		const got = boxesFromDetections(dets, { person: 'p' as LabelId });
		expect(got.value.boxes).toEqual([{ id: 'd0', label: 'p', x: 1.2, y: 2, w: 3, h: 4 }]);
		expect(got.confidence).toBeCloseTo(0.9);
	});
});
