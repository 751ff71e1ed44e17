/**
 * Label Studio export of HTML and time series items: HyperText spans keep their XPaths and global
 * offsets, time series regions their start, end and channel, and both read back to the same
 * values with the core readers.
 */
import { describe, expect, it } from 'vitest';
import { htmlSpansFromLabelStudio } from '../../html/html-spans';
import { seriesRegionsFromLabelStudio } from '../../series/series-regions';
import type {
	Annotation,
	AnnotationValue,
	Item,
	ItemId,
	LabelId,
	LabelSchema,
	TaskId
} from '../../types';
import { exportLabelStudio } from './label-studio';

const labels = [{ id: 'l1' as LabelId, name: 'Term', color: '#2563eb', hotkey: '1' }];
const schema: LabelSchema = {
	tasks: [
		{ type: 'spans', id: 'sp' as TaskId, name: 'Terms', labels, allowOverlap: false, snap: false },
		{ type: 'series-segments', id: 'ts' as TaskId, name: 'Events', labels, attributes: [] }
	]
};
const html: Item = { id: 'h' as ItemId, kind: 'html', seq: 1, text: '<p>the <em>calling</em></p>' };
const series: Item = {
	id: 's' as ItemId,
	kind: 'series',
	seq: 2,
	media: { blob: 'a'.repeat(64), mime: 'application/x-quorum-series', size: 10, name: 'walk.csv' },
	series: { channels: ['ax'], length: 2, time: 'epoch', start: 1, end: 2 }
};
const spans: AnnotationValue = {
	type: 'spans',
	spans: [
		{
			id: 'x1',
			start: 0,
			end: 11,
			label: 'l1' as LabelId,
			xpath: {
				start: '/p[1]/text()[1]',
				startOffset: 0,
				end: '/p[1]/em[1]/text()[1]',
				endOffset: 7
			}
		}
	]
};
const regions: AnnotationValue = {
	type: 'series-segments',
	segments: [{ id: 'r1', start: 1.5, end: 1.75, label: 'l1' as LabelId, channel: 'ax' }]
};
const ann = (item: Item, task: string, value: AnnotationValue): Annotation =>
	({
		item: item.id,
		task,
		annotator: 'me',
		value,
		source: 'human',
		startedAt: 0,
		savedAt: 1,
		ms: 1
	}) as Annotation;

describe('Label Studio export of documents and signals', () => {
	it('writes HyperText and TimeSeries results that read back to the same values', () => {
		const out = JSON.parse(
			exportLabelStudio(
				[html, series],
				[ann(html, 'sp', spans), ann(series, 'ts', regions)],
				schema,
				{
					which: 'raw'
				}
			)
		) as {
			data: Record<string, string>;
			annotations: { result: { type: string; to_name: string }[] }[];
		}[];
		expect(out[0]?.data.html).toBe(html.text);
		expect(out[1]?.data.ts).toBe('walk.csv');
		const [h, s] = [out[0]?.annotations[0]?.result ?? [], out[1]?.annotations[0]?.result ?? []];
		expect(h.map((r) => [r.type, r.to_name])).toEqual([['hypertextlabels', 'html']]);
		expect(s.map((r) => [r.type, r.to_name])).toEqual([['timeserieslabels', 'ts']]);
		expect(htmlSpansFromLabelStudio(h, labels).value).toEqual(spans);
		expect(seriesRegionsFromLabelStudio(s, labels).value).toEqual(regions);
	});
});
