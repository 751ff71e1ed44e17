import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvReader } from '../formats/csv-reader';
import { exportJsonl } from '../formats/export';
import { exportJsonlParse } from '../formats/export-parse';
import type { Annotation, Item, LabelId, SeriesSegmentsTask, TaskId } from '../types';
import { isAnnotationValue, isItem } from '../validate';
import { seriesDecode, seriesEncode, type Series } from './series-blob';
import { seriesInfoOf, seriesItem } from './series-item';
import {
	seriesFromTable,
	seriesNumericColumns,
	seriesWindows,
	type SeriesTable
} from './series-parse';
import { seriesRegionsFromLabelStudio, seriesRegionsToLabelStudio } from './series-regions';
import { debianFile } from '../../../../tests/helpers/debian-files';

function csvTable(text: string): SeriesTable {
	const r = new CsvReader();
	const recs = [...r.push(text), ...r.end()].map((x) => x.fields);
	return { columns: recs[0] ?? [], rows: recs.slice(1) };
}

describe('series from a table', () => {
	it('reads the sunspots recording (years as plain numbers, one channel)', () => {
		const t = csvTable(readFileSync(debianFile('statsmodels', 'sunspots/sunspots.csv'), 'utf8'));
		const { series, skipped } = seriesFromTable(t, { time: { kind: 'auto', column: 'YEAR' } });
		expect(skipped).toBe(0);
		expect(series.timeKind).toBe('number');
		expect(series.channels.map((c) => c.name)).toEqual(['SUNACTIVITY']);
		expect(series.time.length).toBe(309);
		expect([series.time[0], series.channels[0]?.values[1]]).toEqual([1700, 11]);
	});

	it('reads the macro data with up to 16 channels and names the columns left out', () => {
		const t = csvTable(readFileSync(debianFile('statsmodels', 'macrodata/macrodata.csv'), 'utf8'));
		expect(seriesNumericColumns(t)).toHaveLength(14);
		const { series, dropped } = seriesFromTable(t, {
			time: { kind: 'index', rate: 4 },
			channels: [...t.columns, ...t.columns.map((c) => c)].slice(0, 14)
		});
		expect(dropped).toEqual([]);
		expect(series.channels).toHaveLength(14);
		expect(series.time[4]).toBe(1);
		const wide: SeriesTable = {
			columns: Array.from({ length: 18 }, (_, i) => `c${i}`),
			rows: [Array.from({ length: 18 }, (_, i) => String(i))]
		};
		const cut = seriesFromTable(wide, { time: { kind: 'index', rate: 1 } });
		expect(cut.series.channels).toHaveLength(16);
		expect(cut.dropped).toEqual(['c16', 'c17']);
	});

	it('reads ISO times and epoch milliseconds as epoch seconds, sorted, skipping bad rows', () => {
		const iso = seriesFromTable(
			{
				columns: ['time', 'x'],
				rows: [
					['2024-01-01T00:00:02Z', '3'],
					['not a time', '9'],
					['2024-01-01T00:00:00Z', '1'],
					['2024-01-01T00:00:01Z', '']
				]
			},
			{ time: { kind: 'iso', column: 'time' } }
		);
		expect(iso.skipped).toBe(1);
		expect(iso.series.timeKind).toBe('epoch');
		expect(Array.from(iso.series.time)).toEqual([1704067200, 1704067201, 1704067202]);
		expect(Array.from(iso.series.channels[0]?.values ?? [])).toEqual([1, NaN, 3]);
		const ms = seriesFromTable(
			{ columns: ['ts', 'a'], rows: [['1704067200500', '1']] },
			{ time: { kind: 'auto', column: 'ts' } }
		);
		expect(ms.series.time[0]).toBe(1704067200.5);
	});

	it('explains a time column that holds neither times nor numbers', () => {
		expect(() =>
			seriesFromTable(
				{ columns: ['who', 'x'], rows: [['ann', '1']] },
				{ time: { kind: 'auto', column: 'who' }, file: 'f.csv' }
			)
		).toThrow(/neither times nor numbers.*sample index/);
		expect(() =>
			seriesFromTable({ columns: ['t'], rows: [['1']] }, { time: { kind: 'auto', column: 't' } })
		).toThrow(/no numeric column/);
	});

	it('cuts a long recording into windows of a time length', () => {
		const n = 1000;
		const s: Series = {
			timeKind: 'seconds',
			time: Float64Array.from({ length: n }, (_, i) => i / 100),
			channels: [{ name: 'a', values: Float32Array.from({ length: n }, (_, i) => i) }]
		};
		const w = seriesWindows(s, 3);
		expect(w.map((x) => x.time.length)).toEqual([300, 300, 300, 100]);
		expect(w[1]?.channels[0]?.values[0]).toBe(300);
	});
});

describe('series blob', () => {
	it('round-trips a window (a subarray of a longer series)', () => {
		const s: Series = {
			timeKind: 'epoch',
			time: Float64Array.from([1, 2, 3, 4, 5]),
			channels: [
				{ name: 'x', values: Float32Array.from([1, NaN, 3, 4, 5]) },
				{ name: 'ü', values: Float32Array.from([5, 4, 3, 2, 1]) }
			]
		};
		const [, win] = seriesWindows(s, 2);
		const back = seriesDecode(seriesEncode(win as Series));
		expect(Array.from(back.time)).toEqual([3, 4]);
		expect(back.channels.map((c) => [c.name, Array.from(c.values)])).toEqual([
			['x', [3, 4]],
			['ü', [3, 2]]
		]);
		expect(back.timeKind).toBe('epoch');
	});

	it('refuses bytes that are not a series blob or are truncated', () => {
		const ok = seriesEncode({
			timeKind: 'seconds',
			time: Float64Array.from([0, 1]),
			channels: [{ name: 'a', values: Float32Array.from([1, 2]) }]
		});
		expect(() => seriesDecode(new TextEncoder().encode('a,b\n1,2'), 'x')).toThrow(/not a Quorum/);
		expect(() => seriesDecode(ok.slice(0, ok.length - 2), 'x')).toThrow(/truncated/);
	});
});

describe('series items and regions', () => {
	const task: SeriesSegmentsTask = {
		type: 'series-segments',
		id: 't1' as TaskId,
		name: 'Events',
		labels: [
			{ id: 'l1' as LabelId, name: 'Peak', color: '#dc2626', hotkey: '1' },
			{ id: 'l2' as LabelId, name: 'Calm', color: '#2563eb', hotkey: '2' }
		],
		attributes: []
	};
	const value = {
		type: 'series-segments' as const,
		segments: [
			{ id: 's1', start: -3.5, end: 2, label: 'l1' as LabelId, channel: 'x' },
			{ id: 's2', start: 5, end: 5, label: 'l2' as LabelId }
		]
	};

	it('makes a valid item and accepts negative times and instants', () => {
		const s: Series = {
			timeKind: 'number',
			time: Float64Array.from([-5, 10]),
			channels: [{ name: 'x', values: Float32Array.from([0, 1]) }]
		};
		const item = seriesItem({
			sha256: 'a'.repeat(64),
			size: 40,
			name: 'rec.csv',
			seq: 1,
			info: seriesInfoOf(s, 2)
		});
		expect(isItem(item)).toBe(true);
		expect(item.series).toEqual({
			channels: ['x'],
			length: 2,
			time: 'number',
			start: -5,
			end: 10,
			window: 2
		});
		expect(isItem({ ...item, series: undefined })).toBe(false);
		expect(isAnnotationValue(value)).toBe(true);
		expect(
			isAnnotationValue({ ...value, segments: [{ id: 'a', start: 2, end: 1, label: 'l1' }] })
		).toBe(false);
	});

	it('round-trips regions through the Label Studio shape', () => {
		const ls = seriesRegionsToLabelStudio(value, task.labels);
		expect(ls[1]?.value).toEqual({ start: 5, end: 5, instant: true, timeserieslabels: ['Calm'] });
		const back = seriesRegionsFromLabelStudio(
			JSON.parse(JSON.stringify(ls)) as unknown[],
			task.labels
		);
		expect(back).toEqual({ value, unknown: [] });
		const unknown = seriesRegionsFromLabelStudio(
			[{ type: 'timeserieslabels', value: { start: 1, end: 2, timeserieslabels: ['Noise'] } }],
			task.labels
		);
		expect(unknown).toEqual({
			value: { type: 'series-segments', segments: [] },
			unknown: ['Noise']
		});
	});

	it('keeps every region and the series description through a JSONL export', () => {
		const item: Item = seriesItem({
			sha256: 'b'.repeat(64),
			size: 10,
			name: 'acc.parquet',
			seq: 1,
			info: { channels: ['x'], length: 2, time: 'epoch', start: 1, end: 2 }
		});
		const ann: Annotation = {
			item: item.id,
			task: task.id,
			annotator: 'me',
			value,
			source: 'human',
			startedAt: 0,
			savedAt: 1000,
			ms: 5
		} as Annotation;
		const text = [
			...exportJsonl({ items: [item], annotationsOf: () => [ann], schema: { tasks: [task] } })
		].join('');
		const [back] = exportJsonlParse(text);
		expect(back?.annotations[0]?.value).toEqual(value);
		expect(back?.series).toMatchObject({
			channels: ['x'],
			time: 'epoch',
			sha256: 'b'.repeat(64),
			name: 'acc.parquet'
		});
	});
});
