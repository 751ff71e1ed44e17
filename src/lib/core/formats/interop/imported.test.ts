import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCoco } from './coco';
import { importedName, isImportedAnnotator, valueSummary } from './imported';

describe('imported annotators', () => {
	it('knows import ids from member ids and names them', () => {
		for (const id of ['import:coco', 'ls:7', 'model:yolov8n', 'accepted'])
			expect(isImportedAnnotator(id), id).toBe(true);
		for (const id of ['a1b2c3d4e5f6', 'ada', 'imported'])
			expect(isImportedAnnotator(id)).toBe(false);
		expect(importedName('import:coco')).toBe('Imported (COCO)');
		expect(importedName('import:label-studio')).toBe('Imported (Label Studio)');
		expect(importedName('ls:7')).toBe('Label Studio user 7');
		expect(importedName('model:yolov8n')).toBe('Imported prediction (yolov8n)');
	});

	it('summarises values with the label names of their task', () => {
		const r = importCoco(readFileSync('tests/fixtures/interop/coco.json', 'utf8'), 'coco.json');
		const task = (id: string) => r.schema.tasks.find((t) => t.id === id);
		expect(r.annotations.map((a) => [a.annotator, valueSummary(a.value, task(a.task))])).toEqual([
			['import:coco', '2 boxes: car, car'],
			['import:coco', '1 polygon: road'],
			['import:coco', '1 instance: person'],
			['model:yolov8n', '1 box: car']
		]);
	});
});
