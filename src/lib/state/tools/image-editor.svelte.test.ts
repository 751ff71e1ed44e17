import { describe, expect, it } from 'vitest';
import type { AnnotationValue, BoxesTask, LabelId, PolygonsTask, TaskId } from '$lib/core/types';
import { ImageEditor } from './image-editor.svelte';
import { SegmentsEditor } from './segments-editor.svelte';

const label = (id: string) => ({ id: id as LabelId, name: id, color: '#123456', hotkey: '1' });
const boxes: BoxesTask = {
	type: 'boxes',
	id: 'b' as TaskId,
	name: 'Boxes',
	labels: [label('car')],
	attributes: [],
	rotation: true
};
const polys: PolygonsTask = {
	type: 'polygons',
	id: 'p' as TaskId,
	name: 'Areas',
	labels: [label('road')],
	attributes: [],
	shape: 'polygon'
};

function editor(tasks: () => (BoxesTask | PolygonsTask)[] = () => [boxes, polys]) {
	const store = new Map<string, AnnotationValue>();
	const saves: (AnnotationValue | undefined)[] = [];
	let n = 0;
	const ed = new ImageEditor({
		tasks,
		value: (t) => store.get(t),
		save: (t, v) => {
			saves.push(v);
			if (v) store.set(t, v);
			else store.delete(t);
		},
		size: () => ({ w: 100, h: 80 }),
		newId: () => `r${++n}`,
		scale: () => 1
	});
	return { ed, store, saves };
}

describe('image editor', () => {
	it('draws a box in one save, clamped to the image, and ignores tiny drags', () => {
		const { ed, store, saves } = editor();
		ed.down([10, 10], { kind: 'empty' });
		ed.move([50, 40]);
		ed.move([120, 90]);
		expect(saves).toHaveLength(0);
		ed.up();
		expect(saves).toHaveLength(1);
		expect(store.get('b')).toEqual({
			type: 'boxes',
			boxes: [{ id: 'r1', label: 'car', x: 10, y: 10, w: 90, h: 70 }]
		});
		ed.down([5, 5], { kind: 'empty' });
		ed.move([6, 6]);
		ed.up();
		expect(saves).toHaveLength(1);
	});

	it('picking a label after drawing labels the next box, not the one just drawn', () => {
		const two = { ...boxes, labels: [label('person'), label('object')] };
		const { ed, store } = editor(() => [two]);
		const labels = () =>
			(store.get('b') as { boxes: { label: string }[] }).boxes.map((b) => b.label);
		ed.down([10, 10], { kind: 'empty' });
		ed.move([30, 30]);
		ed.up();
		ed.labelSet('object' as LabelId);
		ed.down([40, 40], { kind: 'empty' });
		ed.move([60, 60]);
		ed.up();
		expect(labels()).toEqual(['person', 'object']);
		// A box the person selects is relabeled.
		ed.select('r1');
		ed.labelSet('object' as LabelId);
		expect(labels()).toEqual(['object', 'object']);
	});

	it('moves, resizes, nudges, rotates and deletes the selected box', () => {
		const { ed, store } = editor();
		ed.boxAddAt([50, 40], 20);
		const get = () =>
			(store.get('b') as { boxes: { x: number; w: number; rotation?: number }[] }).boxes[0];
		expect(get()).toMatchObject({ x: 40, w: 20 });
		ed.down([50, 40], { kind: 'region', id: 'r1' });
		ed.move([60, 40]);
		ed.up();
		expect(get()?.x).toBe(50);
		ed.down([70, 50], { kind: 'handle', id: 'r1', handle: 'se' });
		ed.move([75, 50]);
		ed.up();
		expect(get()?.w).toBe(25);
		ed.nudge(-3, 0);
		expect(get()?.x).toBe(47);
		ed.rotate(-5);
		expect(get()?.rotation).toBe(355);
		ed.remove();
		expect(store.has('b')).toBe(false);
	});

	it('draws a polygon, refuses a self-crossing one and edits vertices', () => {
		const { ed, store } = editor();
		ed.taskSet('p' as TaskId);
		for (const p of [
			[10, 10],
			[50, 10],
			[50, 50],
			[10, 50]
		] as const)
			ed.down([p[0], p[1]], { kind: 'empty' });
		ed.down([11, 11], { kind: 'empty' });
		const shape = () => (store.get('p') as { shapes: { points: number[][] }[] }).shapes[0];
		expect(shape()?.points).toHaveLength(4);
		ed.down([30, 10], { kind: 'midpoint', id: 'r1', index: 0 });
		ed.move([30, 0]);
		ed.up();
		expect(shape()?.points).toHaveLength(5);
		expect(shape()?.points[1]).toEqual([30, 0]);
		// A tap on a vertex (no drag) selects it.
		ed.down([30, 0], { kind: 'vertex', id: 'r1', index: 1 });
		ed.up();
		expect(ed.vertex).toBe(1);
		ed.remove();
		expect(shape()?.points).toHaveLength(4);
		ed.down([10, 50], { kind: 'vertex', id: 'r1', index: 3 });
		ed.move([60, 30]);
		ed.up();
		expect(ed.message).toContain('cross itself');
		expect(shape()?.points[3]).toEqual([10, 50]);
	});
});

describe('segments editor', () => {
	it('adds by marks, relabels, transcribes per segment and deletes with its text', () => {
		const store = new Map<string, AnnotationValue>();
		const task = {
			type: 'audio-segments' as const,
			id: 'a' as TaskId,
			name: 'Sounds',
			labels: [label('speech'), { ...label('music'), hotkey: '2' }],
			attributes: []
		};
		const tr = {
			type: 'transcription' as const,
			id: 't' as TaskId,
			name: 'Words',
			per: 'segment' as const
		};
		const ed = new SegmentsEditor({
			task: () => task,
			transcription: () => tr,
			value: (t) => store.get(t),
			save: (t, v) => (v ? store.set(t, v) : store.delete(t)),
			newId: () => 's1'
		});
		ed.mark(1.5);
		ed.mark(0.5);
		expect(ed.segments).toEqual([{ id: 's1', start: 0.5, end: 1.5, label: 'speech' }]);
		expect(ed.key('2')).toBe(true);
		expect(ed.segments[0]?.label).toBe('music');
		ed.transcriptSet('hello', 's1');
		expect(ed.transcript('s1')).toBe('hello');
		ed.remove();
		expect(store.has('a')).toBe(false);
		expect(ed.transcript('s1')).toBe('');
		ed.mark(1);
		ed.mark(1.01);
		expect(ed.message).toContain('too short');
	});
});
