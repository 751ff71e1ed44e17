import { describe, expect, it } from 'vitest';
import type { LabelId, SpansValue } from '../types';
import { isAnnotationValue } from '../validate';
import { htmlSpansFromLabelStudio, htmlSpansToLabelStudio } from './html-spans';

const labels = [
	{ id: 'p' as LabelId, name: 'Term', color: '#2563eb', hotkey: '1' },
	{ id: 'q' as LabelId, name: 'Acronym', color: '#dc2626', hotkey: '2' }
];
const text = 'One such convention is the calling convention.';
const value: SpansValue = {
	type: 'spans',
	spans: [
		{
			id: 'a',
			start: 23,
			end: 34,
			label: 'p' as LabelId,
			xpath: {
				start: '/p[1]/text()[1]',
				startOffset: 23,
				end: '/p[1]/em[1]/text()[1]',
				endOffset: 7
			}
		},
		{
			id: 'b',
			start: 4,
			end: 8,
			label: 'q' as LabelId,
			xpath: { start: '/p[1]/text()[1]', startOffset: 4, end: '/p[1]/text()[1]', endOffset: 8 }
		}
	]
};

describe('HTML spans in the Label Studio HyperText shape', () => {
	it('keeps every span, its XPaths, offsets and text through a round trip', () => {
		expect(isAnnotationValue(value)).toBe(true);
		const ls = htmlSpansToLabelStudio(value, labels, text);
		expect(ls[0]?.value).toEqual({
			start: '/p[1]/text()[1]',
			end: '/p[1]/em[1]/text()[1]',
			startOffset: 23,
			endOffset: 7,
			globalOffsets: { start: 23, end: 34 },
			text: 'the calling',
			hypertextlabels: ['Term']
		});
		const back = htmlSpansFromLabelStudio(JSON.parse(JSON.stringify(ls)) as unknown[], labels);
		expect(back.skipped).toEqual([]);
		expect(back.value.spans).toEqual([...value.spans].sort((a, b) => a.start - b.start));
	});

	it('leaves out results with an unknown label or no global offsets, saying why', () => {
		const r = htmlSpansFromLabelStudio(
			[
				{
					type: 'hypertextlabels',
					value: {
						start: '/p[1]',
						end: '/p[1]',
						startOffset: 0,
						endOffset: 1,
						globalOffsets: { start: 0, end: 1 },
						hypertextlabels: ['Place']
					}
				},
				{
					type: 'hypertextlabels',
					value: {
						start: '/p[1]',
						end: '/p[1]',
						startOffset: 0,
						endOffset: 1,
						hypertextlabels: ['Term']
					}
				},
				{ type: 'labels', value: {} }
			],
			labels
		);
		expect(r).toEqual({
			value: { type: 'spans', spans: [] },
			skipped: ['no label “Place”', 'no global offsets']
		});
		expect(
			isAnnotationValue({ type: 'spans', spans: [{ ...value.spans[0], xpath: { start: 1 } }] })
		).toBe(false);
	});
});
