import { describe, expect, it } from 'vitest';
import { seriesEncode, type Series } from '$lib/core/series/series-blob';
import type { AnnotationValue, LabelId, SeriesSegmentsTask, TaskId } from '$lib/core/types';
import { SeriesEditor } from './series-editor.svelte';
import { SeriesView } from './series-view.svelte';

const n = 1000;
const series: Series = {
	timeKind: 'seconds',
	time: Float64Array.from({ length: n }, (_, i) => i / 10),
	channels: [{ name: 'x', values: Float32Array.from({ length: n }, (_, i) => Math.sin(i / 20)) }]
};

describe('SeriesView', () => {
	it('opens a blob, zooms around a time, pans inside the series and fits', async () => {
		const v = new SeriesView();
		await v.open(async () => seriesEncode(series));
		expect([v.t0, v.t1, v.isFit]).toEqual([0, 99.9, true]);
		v.zoom(4, 10);
		expect(v.t0).toBeCloseTo(7.5);
		expect(v.t1).toBeCloseTo(32.475);
		v.pan(-1);
		expect(v.t0).toBe(0);
		v.key('End');
		expect(v.t1).toBeCloseTo(99.9);
		for (let i = 0; i < 20; i++) v.key('+');
		expect(v.t1 - v.t0).toBeCloseTo(0.8);
		expect(v.columns(0, 100)?.samples).toBeGreaterThan(0);
		v.key('0');
		expect(v.isFit).toBe(true);
		expect(v.nearest(12.34)).toBe(123);
	});

	it('says why a damaged blob cannot be shown', async () => {
		const v = new SeriesView();
		await v.open(async () => new Uint8Array([1, 2, 3]), 'rec.csv');
		expect(v.error).toMatch(/cannot be shown.*rec\.csv.*not a Quorum time series/);
	});
});

describe('SeriesEditor', () => {
	it('adds ranges by two marks and instants, pins a channel, relabels and removes', () => {
		const task: SeriesSegmentsTask = {
			type: 'series-segments',
			id: 'ev' as TaskId,
			name: 'Events',
			labels: [
				{ id: 'a' as LabelId, name: 'A', color: '#000000', hotkey: '1' },
				{ id: 'b' as LabelId, name: 'B', color: '#ffffff', hotkey: '2' }
			],
			attributes: []
		};
		let saved: AnnotationValue | undefined;
		let k = 0;
		const ed = new SeriesEditor({
			task: () => task,
			value: () => saved,
			save: (_t, v) => (saved = v),
			newId: () => `s${++k}`
		});
		ed.mark(5);
		ed.mark(2);
		ed.key('Escape');
		ed.channelSet('x');
		ed.add(7, 7);
		expect(ed.segments).toEqual([
			{ id: 's1', start: 2, end: 5, label: 'a' },
			{ id: 's2', start: 7, end: 7, label: 'a', channel: 'x' }
		]);
		ed.select('s1');
		expect(ed.key('2')).toBe(true);
		ed.channelSet('x');
		expect(ed.segments[0]).toEqual({ id: 's1', start: 2, end: 5, label: 'b', channel: 'x' });
		ed.key('Delete');
		ed.select('s2');
		ed.remove();
		expect(saved).toBeUndefined();
	});
});
