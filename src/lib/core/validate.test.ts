import { describe, expect, it } from 'vitest';
import { isAnnotation, isAnnotationValue, isItem, isSchema, isSettings, isTask } from './validate';

const base = {
	item: 'i1',
	task: 't1',
	annotator: 'a1',
	source: 'human',
	startedAt: 1,
	savedAt: 2,
	ms: 1
};

describe('validation of values of every task kind', () => {
	const good: unknown[] = [
		{ type: 'classification', labels: ['l1'] },
		{ type: 'spans', spans: [{ id: 's1', start: 0, end: 4, label: 'per' }] },
		{ type: 'relations', relations: [{ id: 'r', from: 's1', to: 's2', label: 'works-for' }] },
		{
			type: 'boxes',
			boxes: [
				{ id: 'b', label: 'car', x: 1, y: 2, w: 3, h: 4, rotation: 10, attrs: { occluded: true } }
			]
		},
		{
			type: 'polygons',
			shapes: [
				{
					id: 'p',
					label: 'road',
					closed: true,
					points: [
						[0, 0],
						[1, 0],
						[0, 1]
					]
				}
			]
		},
		{
			type: 'keypoints',
			instances: [{ id: 'k', label: 'person', points: [{ x: 1, y: 2, visible: true }, null] }]
		},
		{
			type: 'masks',
			w: 4,
			h: 4,
			masks: [
				{ id: 'm', label: 'sky', rle: '52;', bbox: [1, 1, 2, 1], area: 2 },
				{ id: 'n', label: 'sea', blob: 'ab'.repeat(32), bytes: 9000, bbox: [0, 0, 4, 4], area: 9 }
			]
		},
		{ type: 'transcription', text: 'hello', segments: { s1: 'hi' } },
		{ type: 'audio-segments', segments: [{ id: 'a', start: 0.5, end: 1, label: 'speech' }] },
		{ type: 'video-segments', segments: [{ id: 'v', start: 0, end: 3, label: 'walk' }] },
		{
			type: 'video-tracks',
			fps: 25,
			tracks: [{ id: 't', label: 'car', keyframes: [{ frame: 0, x: 0, y: 0, w: 5, h: 5 }] }]
		}
	];

	it('accepts well-formed values', () => {
		for (const v of good) {
			expect(isAnnotationValue(v), JSON.stringify(v)).toBe(true);
			expect(isAnnotation({ ...base, value: v })).toBe(true);
		}
	});

	it('quarantines garbage', () => {
		const bad: unknown[] = [
			null,
			{ type: 'toString' },
			{ type: 'unknown-kind', labels: [] },
			{ type: 'spans', spans: [{ id: 's', start: 4, end: 2, label: 'x' }] },
			{ type: 'spans', spans: [{ id: 's', start: 0.5, end: 2, label: 'x' }] },
			{ type: 'boxes', boxes: [{ id: 'b', label: 'x', x: 0, y: 0, w: -1, h: 1 }] },
			{ type: 'boxes', boxes: [{ id: 'b', label: 'x', x: NaN, y: 0, w: 1, h: 1 }] },
			{ type: 'polygons', shapes: [{ id: 'p', label: 'x', closed: true, points: [[0, 'a']] }] },
			{ type: 'keypoints', instances: [{ id: 'k', label: 'x', points: [{ x: 1 }] }] },
			{ type: 'audio-segments', segments: [{ id: 'a', start: 2, end: 1, label: 's' }] },
			{ type: 'video-tracks', fps: 0, tracks: [] },
			{ type: 'masks', w: 0, h: 4, masks: [] },
			{ type: 'masks', w: 4, h: 4, masks: [{ id: 'm', label: 'x', bbox: [0, 0, 1, 1], area: 1 }] },
			{
				type: 'masks',
				w: 4,
				h: 4,
				masks: [{ id: 'm', label: 'x', blob: 'not-a-hash', bytes: 3, bbox: [0, 0, 1, 1], area: 1 }]
			},
			{ type: 'boxes', boxes: [{ id: 'b', label: 'x', x: 0, y: 0, w: 1, h: 1, attrs: { a: {} } }] }
		];
		for (const v of bad) expect(isAnnotationValue(v), JSON.stringify(v)).toBe(false);
	});

	it('validates tasks of every kind and rejects a bad skeleton', () => {
		const labels = [{ id: 'l1', name: 'A', color: '#000000', hotkey: '1' }];
		const kp = {
			type: 'keypoints',
			id: 'k',
			name: 'Pose',
			labels,
			attributes: [],
			points: ['head', 'neck'],
			skeleton: [[0, 1]]
		};
		expect(isTask(kp)).toBe(true);
		expect(isTask({ ...kp, skeleton: [[0, 2]] })).toBe(false);
		expect(
			isSchema({
				tasks: [
					kp,
					{ type: 'spans', id: 's', name: 'NER', labels, allowOverlap: false, snap: true },
					{
						type: 'boxes',
						id: 'b',
						name: 'Boxes',
						labels,
						attributes: [{ id: 'occ', name: 'Occluded', kind: 'boolean' }],
						rotation: false
					},
					{ type: 'transcription', id: 'tr', name: 'Text', per: 'item' }
				]
			})
		).toBe(true);
		expect(isTask({ type: 'boxes', id: 'b', name: 'B', labels, attributes: [] })).toBe(false);
		const masks = { type: 'masks', id: 'm', name: 'M', labels, attributes: [], mode: 'instance' };
		expect(isTask({ ...masks, opacity: 0.5, opacities: { l1: 0.8 } })).toBe(true);
		expect(isTask({ ...masks, opacity: 1.5 })).toBe(false);
		expect(isTask({ ...masks, opacity: 0.5, mode: 'panoptic' })).toBe(false);
	});

	it('validates media references and fields on items', () => {
		const sha = 'a'.repeat(64);
		const item = { id: sha.slice(0, 32), kind: 'image', seq: 1 };
		expect(
			isItem({ ...item, media: { blob: sha, mime: 'image/png', size: 10, name: 'a.png' } })
		).toBe(true);
		expect(isItem({ ...item, media: { url: 'https://example.org/a.png' } })).toBe(true);
		expect(isItem({ ...item, media: { url: 'javascript:alert(1)' } })).toBe(false);
		expect(
			isItem({ ...item, media: { blob: 'nothex', mime: 'image/png', size: 1, name: 'a' } })
		).toBe(false);
		expect(
			isItem({
				...item,
				kind: 'multimodal',
				fields: {
					caption: { kind: 'text', text: 'hi' },
					image: { kind: 'image', media: { url: 'https://x.org/a.png' } }
				}
			})
		).toBe(true);
		expect(isItem({ ...item, fields: { caption: { kind: 'text', text: 3 } } })).toBe(false);
	});
});

describe('project settings', () => {
	const base = { overlap: 3, consensusThreshold: 0.8, goldRate: 0, autoAdvance: true };
	it('take every consensus method the app offers, and no other', () => {
		for (const method of ['mv', 'wawa', 'zbs', 'ds', 'glad', 'mace', 'kos'])
			expect(isSettings({ ...base, consensus: { t: { method, threshold: 0.7 } } })).toBe(true);
		for (const method of ['onecoin', 'bogus', 3])
			expect(isSettings({ ...base, consensus: { t: { method, threshold: 0.7 } } })).toBe(false);
	});
});
