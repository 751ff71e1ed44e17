/**
 * The PDF labeling state: spans keep their page and covered text and overlap only on the same
 * page; boxes keep points and the page size, are clipped to the page, and a click-sized drag
 * makes none; Delete removes what is selected.
 */
import { describe, expect, it } from 'vitest';
import type { AnnotationValue, BoxesTask, LabelId, SpansTask, TaskId } from '$lib/core/types';
import { PdfEditor } from './pdf-editor.svelte';

const l = (id: string, hotkey: string) => ({
	id: id as LabelId,
	name: id.toUpperCase(),
	color: '#123456',
	hotkey
});
const spans: SpansTask = {
	type: 'spans',
	id: 's' as TaskId,
	name: 'Terms',
	labels: [l('a', '1'), l('b', '2')],
	allowOverlap: false,
	snap: false
};
const boxes: BoxesTask = {
	type: 'boxes',
	id: 'x' as TaskId,
	name: 'Layout',
	labels: [l('fig', '1'), l('tab', '2')],
	attributes: [],
	rotation: false
};

function setup() {
	const saved = new Map<string, AnnotationValue | undefined>();
	let n = 0;
	const ed = new PdfEditor({
		spans: () => spans,
		boxes: () => boxes,
		value: (t) => saved.get(t),
		save: (t, v) => saved.set(t, v),
		newId: () => `id${++n}`
	});
	return { ed, saved };
}

describe('PdfEditor', () => {
	it('labels text on a page, refuses an overlap on that page only, relabels and deletes', () => {
		const { ed } = setup();
		expect(ed.key('1')).toBe(false);
		expect(ed.message).toMatch(/Select some text on the page first/);
		ed.pendingSet({ page: 2, start: 4, end: 9, text: 'MIME-' });
		expect(ed.key('1')).toBe(true);
		ed.pendingSet({ page: 2, start: 8, end: 12, text: '-inf' });
		expect(ed.key('2')).toBe(false);
		expect(ed.message).toMatch(/overlaps/);
		ed.pendingSet({ page: 1, start: 8, end: 12, text: 'abcd' });
		expect(ed.key('2')).toBe(true);
		expect(ed.spans).toEqual([
			{ id: 'id2', page: 1, start: 8, end: 12, text: 'abcd', label: 'b' },
			{ id: 'id1', page: 2, start: 4, end: 9, text: 'MIME-', label: 'a' }
		]);
		ed.select('id1');
		ed.key('2');
		expect(ed.spans[1]?.label).toBe('b');
		expect(ed.key('Delete')).toBe(true);
		expect(ed.spans.map((s) => s.id)).toEqual(['id2']);
	});

	it('adds boxes in points with the page size, clipped to the page; a click adds none', () => {
		const { ed, saved } = setup();
		const page = { page: 3, pageSize: [600, 800] as [number, number] };
		expect(ed.boxAdd({ ...page, x: 10, y: 10, w: 2, h: 40 })).toBeUndefined();
		ed.boxLabel = 'tab' as LabelId;
		const id = ed.boxAdd({ ...page, x: 500.123, y: 700, w: 200, h: 50.456 });
		expect(saved.get('x')).toEqual({
			type: 'boxes',
			boxes: [{ id, label: 'tab', ...page, x: 500.12, y: 700, w: 99.88, h: 50.46 }]
		});
		expect(ed.selected).toBe(id);
		ed.remove();
		expect(saved.get('x')).toBeUndefined();
	});
});
