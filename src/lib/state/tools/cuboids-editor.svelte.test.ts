/**
 * The cuboid editor against a plain value store: add, nudge, turn, fit to points, relabel by
 * hotkey, delete, and a KITTI label file out and back in.
 */
import { describe, expect, it } from 'vitest';
import type { AnnotationValue, CuboidsTask, LabelId, TaskId } from '$lib/core/types';
import { CuboidsEditor } from './cuboids-editor.svelte';

const task: CuboidsTask = {
	type: 'cuboids',
	id: 't' as TaskId,
	name: 'Objects',
	labels: [
		{ id: 'car' as LabelId, name: 'Car', color: '#2563eb', hotkey: '1' },
		{ id: 'ped' as LabelId, name: 'Pedestrian', color: '#dc2626', hotkey: '2' }
	],
	attributes: []
};

function setup() {
	let v: AnnotationValue | undefined;
	let n = 0;
	const ed = new CuboidsEditor({
		task: () => task,
		value: () => v,
		save: (_t, x) => (v = x),
		newId: () => `c${++n}`
	});
	return { ed, value: () => v };
}

describe('CuboidsEditor', () => {
	it('adds, nudges, turns, relabels and deletes', () => {
		const { ed, value } = setup();
		ed.add({ x: 1, y: 2, z: 0.5, l: 4, w: 2, h: 1.5, yaw: 0 });
		ed.nudge(0.1, -1);
		ed.turn(Math.PI);
		ed.turn(Math.PI / 2);
		expect(ed.hotkey('2')).toBe(true);
		expect(ed.hotkey('9')).toBe(false);
		const c = ed.selected!;
		expect([c.label, c.x, c.y]).toEqual(['ped', 1.1, 1]);
		expect(c.yaw).toBeCloseTo(-Math.PI / 2, 12);
		ed.set({ l: -3 });
		expect(ed.selected?.l).toBe(0.01);
		ed.remove();
		expect(value()).toBeUndefined();
	});

	it('fits to the points inside and says when there are none', () => {
		const { ed } = setup();
		const positions = new Float32Array([9.5, 0, 0, 10.5, 0.4, 1, 10, -0.4, 0.2, 50, 50, 50]);
		ed.add({ x: 10, y: 0, z: 0.5, l: 1.5, w: 1.2, h: 1.4, yaw: 0 });
		ed.fit({ positions, count: 4 });
		expect(ed.message).toBe('Fitted to 3 points.');
		expect(ed.selected).toMatchObject({ x: 10, y: 0, l: 1, h: 1 });
		ed.set({ x: -40 });
		ed.fit({ positions, count: 4 });
		expect(ed.message).toMatch(/^No points in or near this cuboid/);
	});

	it('writes a KITTI label file and reads it back by label name', () => {
		const { ed } = setup();
		ed.add({ x: 12, y: -3, z: -0.9, l: 4.2, w: 1.8, h: 1.5, yaw: 0.4 });
		const text = ed.kittiText();
		expect(text).toMatch(/^Car 0\.00 0 -10 /);
		ed.kittiImport(`${text}Tram 0 0 0 0 0 0 0 1 1 1 0 0 0 0\n`, '000001.txt');
		expect(ed.message).toBe('1 cuboids read from 000001.txt. 1 left out: no label named Tram.');
		expect(ed.cuboids).toHaveLength(2);
		expect(ed.cuboids[1]!.x).toBeCloseTo(12, 2);
		ed.kittiImport('Car 1 2\n', 'bad.txt');
		expect(ed.message).toMatch(/bad\.txt, line 1/);
	});
});
