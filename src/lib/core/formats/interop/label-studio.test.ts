import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../errors';
import type { BoxesValue, KeypointsValue, PolygonsValue } from '../../types';
import { exportLabelStudio, importLabelStudio } from './label-studio';
import { comparable } from '$tests/helpers/interop';

const fixture = readFileSync('tests/fixtures/interop/label-studio.json', 'utf8');

/** Every LS result, as (task data, who, from_name, type, value) with numbers rounded. */
function lsResults(json: string): string[] {
	const tasks = JSON.parse(json) as {
		data: Record<string, unknown>;
		annotations: {
			completed_by: unknown;
			result: { from_name: string; type: string; value: Record<string, unknown> }[];
		}[];
		predictions: {
			model_version: string;
			score: number;
			result: { from_name: string; type: string; value: Record<string, unknown> }[];
		}[];
	}[];
	const round = (v: unknown): unknown =>
		typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : Array.isArray(v) ? v.map(round) : v;
	const out: string[] = [];
	for (const t of tasks) {
		const key = String(t.data.text ?? t.data.image);
		const add = (
			who: string,
			r: { from_name: string; type: string; value: Record<string, unknown> }
		) => {
			const v = Object.fromEntries(
				Object.entries(r.value)
					.filter(([k]) => k !== 'width' || r.type !== 'keypointlabels')
					.map(([k, x]) => [k, round(x)])
			);
			out.push(JSON.stringify([key, who, r.from_name, r.type, v]));
		};
		for (const a of t.annotations) {
			const c = a.completed_by;
			const who = String(typeof c === 'object' && c ? (c as { id: number }).id : c);
			a.result.forEach((r) => add(who, r));
		}
		for (const p of t.predictions) p.result.forEach((r) => add(`${p.model_version}@${p.score}`, r));
	}
	return out.sort();
}

describe('Label Studio', () => {
	it('reads choices, spans, rectangles, polygons and keypoints in pixels', () => {
		const r = importLabelStudio(fixture, 'ls.json');
		expect(r.problems).toEqual([]);
		expect(r.schema.tasks.map((t) => [t.type, t.name])).toEqual([
			['classification', 'sentiment'],
			['spans', 'label'],
			['boxes', 'objects'],
			['polygons', 'regions'],
			['keypoints', 'points']
		]);
		expect(r.items.map((i) => i.kind)).toEqual(['text', 'image']);
		expect(r.items[0]?.meta).toEqual({ review_id: 'r-0042' });
		expect(r.items[1]?.meta).toEqual({ width: '1024', height: '768' });
		const box = r.annotations.find((a) => a.value.type === 'boxes' && a.source === 'human');
		expect((box?.value as BoxesValue).boxes[0]).toMatchObject({
			x: 107.52,
			y: 155.52,
			w: 307.2,
			h: 119.04
		});
		const poly = r.annotations.find((a) => a.value.type === 'polygons')?.value as PolygonsValue;
		expect(poly.shapes[0]?.points[0]).toEqual([512, 460.8]);
		const kp = r.annotations.find((a) => a.value.type === 'keypoints')?.value as KeypointsValue;
		expect(kp.instances).toHaveLength(2);
		expect(r.annotations.map((a) => a.annotator).sort()).toEqual([
			'ls:1',
			'ls:1',
			'ls:1',
			'ls:1',
			'ls:1',
			'ls:2',
			'model:sentiment-v2',
			'model:yolov8n'
		]);
		const pred = r.annotations.find((a) => a.annotator === 'model:yolov8n');
		expect(pred).toMatchObject({ source: 'model', model: 'yolov8n', confidence: 0.91 });
	});

	it('a Label Studio export imported and exported back keeps every annotation', () => {
		const a = importLabelStudio(fixture, 'ls.json');
		const out = exportLabelStudio(a.items, a.annotations, a.schema, { which: 'raw' });
		expect(lsResults(out)).toEqual(lsResults(fixture));
		const b = importLabelStudio(out, 'ls-out.json');
		expect(b.problems).toEqual([]);
		expect(comparable(b.annotations, b.schema)).toEqual(comparable(a.annotations, a.schema));
		expect(b.items).toEqual(
			a.items.map((i) => (i.kind === 'text' ? { ...i, source: 'ls-out.json' } : i))
		);
	});

	it('keeps two annotations by the same person apart', () => {
		const doc = JSON.parse(fixture);
		doc[0].annotations.push({ ...doc[0].annotations[1], id: 99 });
		const a = importLabelStudio(JSON.stringify(doc), 'ls.json');
		expect(a.annotations.filter((x) => x.annotator.startsWith('ls:2'))).toHaveLength(2);
		const out = exportLabelStudio(a.items, a.annotations, a.schema, { which: 'raw' });
		expect(lsResults(out)).toEqual(lsResults(JSON.stringify(doc)));
	});

	it('lists unknown result types, bad values and missing sizes with their JSON path', () => {
		const doc = JSON.parse(fixture);
		doc[0].annotations[0].result.push({
			id: 'z',
			from_name: 'notes',
			to_name: 'text',
			type: 'textarea',
			value: { text: ['hi'] }
		});
		doc[0].annotations[0].result[1].value.end = 500;
		delete doc[1].annotations[0].result[0].original_width;
		delete doc[1].predictions[0].result[0].original_width;
		doc[1].annotations[0].result[1].value.points = 'nope';
		const r = importLabelStudio(JSON.stringify(doc), 'ls.json');
		expect(r.problems.map((p) => p.where)).toEqual([
			'$[0].annotations[0].result[1].value',
			'$[0].annotations[0].result[3].type',
			'$[1].annotations[0].result[1].value.points'
		]);
		expect(() => importLabelStudio('{"tasks": 1}', 'x.json')).toThrow(FormatError);
		expect(() => importLabelStudio(fixture.slice(0, 300), 'x.json')).toThrow(/truncated/);
	});
});
