import { describe, expect, it } from 'vitest';
import { cocoRleRuns } from '../../../mask/coco';
import { maskPlaneNew, maskPlaneRuns } from '../../../mask/plane';
import { masksValueFrom } from '../../../mask/value';
import type {
	Annotation,
	AnnotatorId,
	Item,
	ItemId,
	LabelId,
	LabelSchema,
	TaskId
} from '../../../types';
import { exportCoco } from './export';
import { importCoco } from './import';

const schema: LabelSchema = {
	tasks: [
		{
			type: 'masks',
			id: 'm' as TaskId,
			name: 'Parts',
			labels: [
				{ id: 'sky' as LabelId, name: 'sky', color: '#3366ff', hotkey: '1' },
				{ id: 'sea' as LabelId, name: 'sea', color: '#00aa88', hotkey: '2' }
			],
			attributes: [],
			mode: 'semantic',
			opacity: 0.5
		}
	]
};
const item: Item = {
	id: 'i1' as ItemId,
	seq: 0,
	kind: 'image',
	media: { blob: 'ab'.repeat(32), mime: 'image/png', size: 10, name: 'a.png' },
	meta: { width: '60', height: '40' }
};

describe('COCO export of masks', () => {
	it('writes masks as COCO RLE that reads back to every pixel, blob masks included', () => {
		const p = maskPlaneNew(60, 40);
		for (let y = 0; y < 40; y++)
			for (let x = 0; x < 60; x++) if ((x - 20) ** 2 + (y - 20) ** 2 < 150) p.data[y * 60 + x] = 1;
		// The sea: a striped area with a long code, kept as a blob.
		for (let i = 60 * 30; i < 60 * 40; i++) if (i % 3 === 0) p.data[i] = 2;
		const metas = [
			{ id: 'a', label: 'sky' as LabelId },
			{ id: 'b', label: 'sea' as LabelId }
		];
		const { value, blobs } = masksValueFrom(p, metas, 200);
		expect(value.masks[1]?.blob).toBeDefined();
		const ann: Annotation = {
			item: item.id,
			task: 'm' as TaskId,
			annotator: 'ann' as AnnotatorId,
			value,
			source: 'human',
			startedAt: 1 as never,
			savedAt: 2 as never,
			ms: 1
		};
		const maskCodes = new Map(blobs.map((b) => [b.sha256, b.text]));
		const out = JSON.parse(exportCoco([item], [ann], schema, { which: 'raw', maskCodes }));
		expect(out.categories.map((c: { name: string }) => c.name)).toEqual(['sky', 'sea']);
		expect(out.annotations).toHaveLength(2);
		const want = maskPlaneRuns(p, 2);
		out.annotations.forEach(
			(a: { segmentation: { size: unknown; counts: unknown } }, i: number) => {
				const back = cocoRleRuns(a.segmentation);
				expect(back.w).toBe(60);
				expect(back.runs).toEqual(want[i]);
			}
		);
		expect(out.annotations[0].area).toBe(value.masks[0]?.area);
		// Without the blob's code the mask is left out, never written wrong.
		const short = JSON.parse(exportCoco([item], [ann], schema, { which: 'raw' }));
		expect(short.annotations).toHaveLength(1);
	});

	it('round-trips masks through COCO RLE: export, import, every pixel the same', () => {
		const p = maskPlaneNew(60, 40);
		for (let i = 0; i < p.data.length; i++)
			if (Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 1 > 0.6) p.data[i] = 1 + (i % 2);
		const { value, blobs } = masksValueFrom(
			p,
			[
				{ id: 'a', label: 'sky' as LabelId },
				{ id: 'b', label: 'sea' as LabelId }
			],
			Infinity
		);
		expect(blobs).toEqual([]);
		const ann: Annotation = {
			item: item.id,
			task: 'm' as TaskId,
			annotator: 'ann' as AnnotatorId,
			value,
			source: 'human',
			startedAt: 1 as never,
			savedAt: 2 as never,
			ms: 1
		};
		const text = exportCoco([item], [ann], schema, { which: 'raw' });
		const back = importCoco(text, 'out.json', schema, { items: [item] });
		expect(back.problems).toEqual([]);
		const v = back.annotations[0]?.value as typeof value;
		expect(v.type).toBe('masks');
		expect(v.masks.map((m) => [m.label, m.rle, m.area])).toEqual(
			value.masks.map((m) => [m.label, m.rle, m.area])
		);
	});

	it('says what is wrong with a malformed RLE and imports nothing for it', () => {
		const file = JSON.stringify({
			images: [{ id: 1, file_name: 'a.png', width: 60, height: 40 }],
			categories: [{ id: 1, name: 'sky' }],
			annotations: [
				{ id: 1, image_id: 1, category_id: 1, segmentation: { size: [40, 60], counts: [5, 5] } },
				{ id: 2, image_id: 1, category_id: 1, segmentation: { size: [10, 10], counts: [100] } }
			]
		});
		const r = importCoco(file, 'bad.json');
		expect(r.problems.map((p) => p.reason)).toEqual([
			'A COCO mask’s counts do not cover its 60 × 40 pixels.',
			'the mask’s size is not the image’s: left out'
		]);
		expect(r.annotations).toEqual([]);
	});
});
