import { describe, expect, it } from 'vitest';
import type { MaskBlob } from '$lib/core/mask/value';
import type { AnnotationValue, LabelId, MasksTask, MasksValue, TaskId } from '$lib/core/types';
import { MaskEditor } from './mask-editor.svelte';

const label = (id: string, hotkey: string) => ({
	id: id as LabelId,
	name: id,
	color: '#336699',
	hotkey
});
const task = (mode: MasksTask['mode']): MasksTask => ({
	type: 'masks',
	id: 'm' as TaskId,
	name: 'Masks',
	labels: [label('sky', '1'), label('tree', '2')],
	attributes: [],
	mode,
	opacity: 0.5
});

function editor(mode: MasksTask['mode'] = 'semantic', size = { w: 100, h: 80 }) {
	let value: AnnotationValue | undefined;
	const saves: (MasksValue | undefined)[] = [];
	const stored = new Map<string, string>();
	let n = 0;
	const ed = new MaskEditor({
		task: () => task(mode),
		value: () => value,
		save: (v) => {
			saves.push(v);
			value = v;
		},
		size: () => size,
		newId: () => `k${++n}`,
		blobs: {
			async put(blobs: readonly MaskBlob[]) {
				for (const b of blobs) stored.set(b.sha256, b.text);
			},
			text: async (sha) => stored.get(sha)
		}
	});
	return { ed, saves, stored, set: (v: AnnotationValue | undefined) => (value = v) };
}

const count = (d: Uint16Array, v: number) => d.reduce((n, x) => n + (x === v ? 1 : 0), 0);
/** Pixels of the mask with this id or label (masks renumber when one empties). */
const areaOf = (ed: MaskEditor, idOrLabel: string) =>
	count(ed.plane.data, ed.masks.findIndex((m) => m.id === idOrLabel || m.label === idOrLabel) + 1);

describe('mask editor', () => {
	it('saves one value per stroke, not per move', async () => {
		const { ed, saves } = editor();
		ed.sizeSet(10);
		ed.down([10, 10]);
		ed.move([40, 10]);
		ed.move([60, 30]);
		await ed.saved();
		expect(saves).toHaveLength(0);
		ed.up();
		await ed.saved();
		expect(saves).toHaveLength(1);
		const v = saves[0] as MasksValue;
		expect(v.masks).toHaveLength(1);
		expect(v.masks[0]?.label).toBe('sky');
		expect(v.masks[0]?.area).toBeGreaterThan(300);
	});

	it('paints one mask per label in semantic mode, a new label taking pixels from the old', async () => {
		const { ed, saves } = editor();
		ed.sizeSet(20);
		ed.down([30, 40]);
		ed.up();
		ed.labelSet('tree' as LabelId);
		ed.down([40, 40]);
		ed.up();
		ed.labelSet('sky' as LabelId);
		ed.down([80, 40]);
		ed.up();
		await ed.saved();
		const v = saves.at(-1) as MasksValue;
		expect(v.masks.map((m) => m.label)).toEqual(['sky', 'tree']);
		// Discs of radius 10 at x = 30 and 40 (overlapping) and at 80: about 505 + 314 pixels.
		expect(areaOf(ed, 'sky') + areaOf(ed, 'tree')).toBeGreaterThan(800);
		expect(areaOf(ed, 'tree')).toBeGreaterThan(300);
	});

	it('starts a new instance after "new instance" and erases only the selected one', async () => {
		const { ed, saves } = editor('instance');
		ed.sizeSet(20);
		ed.down([30, 40]);
		ed.up();
		ed.instanceNew();
		ed.down([40, 40]);
		ed.up();
		await ed.saved();
		expect((saves.at(-1) as MasksValue).masks.map((m) => m.id)).toEqual(['k1', 'k2']);
		const first = areaOf(ed, 'k1');
		const second = areaOf(ed, 'k2');
		ed.select('k1');
		ed.toolSet('eraser');
		ed.sizeSet(10);
		ed.down([0, 32]);
		ed.move([100, 32]);
		ed.up();
		await ed.saved();
		expect(areaOf(ed, 'k1')).toBeLessThan(first);
		expect(areaOf(ed, 'k1')).toBeGreaterThan(0);
		expect(areaOf(ed, 'k2')).toBe(second);
		expect((saves.at(-1) as MasksValue).masks.find((m) => m.id === 'k2')?.area).toBe(
			(saves.at(-2) as MasksValue).masks.find((m) => m.id === 'k2')?.area
		);
	});

	it('paints narrower with light pen pressure', async () => {
		const a = editor();
		a.ed.sizeSet(20);
		a.ed.down([10, 40], 1);
		a.ed.move([90, 40], 1);
		a.ed.up();
		const b = editor();
		b.ed.sizeSet(20);
		b.ed.down([10, 40], 0.25);
		b.ed.move([90, 40], 0.25);
		b.ed.up();
		expect(count(b.ed.plane.data, 1) * 3).toBeLessThan(count(a.ed.plane.data, 1));
	});

	it('reloads what undo brings back, and keeps its own saves without reloading', async () => {
		const { ed, saves, set } = editor();
		ed.sizeSet(10);
		ed.down([20, 20]);
		ed.up();
		await ed.saved();
		const one = saves[0];
		ed.down([70, 60]);
		ed.up();
		await ed.saved();
		const painted = count(ed.plane.data, 1);
		await ed.load();
		expect(count(ed.plane.data, 1)).toBe(painted);
		set(one);
		await ed.load();
		expect(count(ed.plane.data, 1)).toBeLessThan(painted);
		expect(count(ed.plane.data, 1)).toBe((one as MasksValue).masks[0]?.area);
	});

	it('keeps big masks in blobs and reads them back from there', async () => {
		const { ed, saves, stored, set } = editor('semantic', { w: 400, h: 300 });
		ed.sizeSet(2);
		// 50 thin vertical strokes: 100 runs a row, a code far over the inline limit.
		for (let x = 2; x < 400; x += 8) {
			ed.down([x, 5]);
			ed.move([x, 295]);
			ed.up();
		}
		await ed.saved();
		const v = saves.at(-1) as MasksValue;
		expect(v.masks[0]?.blob).toMatch(/^[0-9a-f]{64}$/);
		expect(v.masks[0]?.rle).toBeUndefined();
		expect(stored.has(v.masks[0]?.blob as string)).toBe(true);
		const before = Uint16Array.from(ed.plane.data);
		set(undefined);
		await ed.load();
		expect(count(ed.plane.data, 1)).toBe(0);
		set(v);
		await ed.load();
		expect(ed.plane.data.every((x, i) => x === before[i])).toBe(true);
	});

	it('fills an enclosed area and the holes of a mask', async () => {
		const { ed, saves } = editor();
		ed.sizeSet(4);
		// A closed ring.
		const ring: [number, number][] = [
			[20, 20],
			[80, 20],
			[80, 60],
			[20, 60],
			[20, 20]
		];
		ed.down(ring[0] as [number, number]);
		for (const p of ring.slice(1)) ed.move(p);
		ed.up();
		const ringArea = count(ed.plane.data, 1);
		ed.holesFill();
		expect(count(ed.plane.data, 1)).toBeGreaterThan(ringArea + 50 * 30);
		ed.toolSet('fill');
		ed.labelSet('tree' as LabelId);
		ed.down([50, 40]);
		await ed.saved();
		// The fill took the whole filled ring from sky, whose mask is gone.
		expect(areaOf(ed, 'tree')).toBeGreaterThan(ringArea + 50 * 30);
		expect(ed.masks.map((m) => m.label)).toEqual(['tree']);
		expect((saves.at(-1) as MasksValue).masks.map((m) => m.label)).toEqual(['tree']);
	});

	it('says what to do when the masks belong to an image of another size', async () => {
		const { ed, set } = editor();
		set({ type: 'masks', w: 10, h: 10, masks: [] });
		await ed.load();
		expect(ed.message).toMatch(/10 × 10 image/);
	});

	it('smooths the outline of the mask being painted in one save', async () => {
		const { ed, saves } = editor();
		ed.sizeSet(30);
		ed.hardnessSet(1);
		ed.down([50, 40]);
		ed.up();
		ed.sizeSet(2);
		ed.down([50, 24]);
		ed.move([50, 20]);
		ed.up();
		await ed.saved();
		const n = saves.length;
		const spiky = areaOf(ed, 'sky');
		ed.smooth(2);
		await ed.saved();
		expect(saves).toHaveLength(n + 1);
		expect(areaOf(ed, 'sky')).toBeLessThan(spiky);
		expect(areaOf(ed, 'sky')).toBeGreaterThan(spiky * 0.9);
	});
});
