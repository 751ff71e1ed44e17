/**
 * PDF labels through the exports and back, on Debian's shared-mime-info specification read with
 * pdf.js (legacy build): JSONL keeps page, offsets, covered text and boxes in points with
 * page-relative units; Label Studio's multi-page shape reads back to the same values; the PII
 * finder on the text layer lists page and offsets that point at what it found.
 */
import { describe, expect, it } from 'vitest';
import { pdfFixture, pdfPagesNode, pdfTextItemsNode } from '$tests/helpers/pdf-node';
import { exportJsonl } from '../formats/export';
import { exportJsonlParse } from '../formats/export-parse';
import { isAnnotationValue } from '../validate';
import type {
	Annotation,
	AnnotatorId,
	Box,
	Item,
	LabelId,
	LabelSchema,
	Span,
	TaskId
} from '../types';
import { pageText } from './page-text';
import { pdfFromLabelStudio, pdfToLabelStudio, pdfValueImport, type PdfRel } from './pdf-export';
import { pdfItems } from './pdf-item';
import { pdfPiiFind } from './pdf-pii';

const label = (id: string, name: string) => ({
	id: id as LabelId,
	name,
	color: '#ff0000',
	hotkey: '1'
});
const schema: LabelSchema = {
	tasks: [
		{
			type: 'spans',
			id: 'ner' as TaskId,
			name: 'Terms',
			labels: [label('t', 'term')],
			allowOverlap: false,
			snap: false
		},
		{
			type: 'boxes',
			id: 'lay' as TaskId,
			name: 'Layout',
			labels: [label('f', 'figure')],
			attributes: [],
			rotation: false
		}
	]
};

async function fixture() {
	const bytes = pdfFixture();
	const pages = await pdfPagesNode(bytes);
	const p2 = pageText(await pdfTextItemsNode(bytes, 2));
	const word = 'MIME';
	const at = p2.text.indexOf(word);
	const span: Span = {
		id: 's1',
		label: 't' as LabelId,
		page: 2,
		start: at,
		end: at + word.length,
		text: word
	};
	const box: Box = {
		id: 'b1',
		label: 'f' as LabelId,
		page: 3,
		pageSize: [609.714, 789.041],
		x: 60.5,
		y: 100,
		w: 304.86,
		h: 78.9
	};
	const [item] = pdfItems({
		sha256: 'c'.repeat(64),
		size: bytes.byteLength,
		name: 'spec.pdf',
		pages,
		per: 'document',
		seq: 1
	}) as [Item];
	const ann = (task: string, value: Annotation['value']): Annotation =>
		({
			item: item.id,
			task: task as TaskId,
			annotator: 'ada' as AnnotatorId,
			value,
			source: 'human',
			startedAt: 1,
			savedAt: 2,
			ms: 1
		}) as Annotation;
	return {
		item,
		span,
		box,
		p2,
		anns: [
			ann('ner', { type: 'spans', spans: [span] }),
			ann('lay', { type: 'boxes', boxes: [box] })
		]
	};
}

describe('PDF export', () => {
	it('writes page, offsets, covered text, points and relative units to JSONL, and reads them back', async () => {
		const { item, span, box, p2, anns } = await fixture();
		expect(p2.text.slice(span.start, span.end)).toBe('MIME');
		const jsonl = [...exportJsonl({ items: [item], annotationsOf: () => anns, schema })].join('');
		const [row] = exportJsonlParse(jsonl);
		expect(row?.pdf).toEqual({ pages: 17, name: 'spec.pdf', sha256: 'c'.repeat(64) });
		const [a, b] = row?.annotations ?? [];
		expect(a?.value).toEqual({ type: 'spans', spans: [span] });
		const out = (b?.value as unknown as { boxes: (Box & { rel: PdfRel })[] }).boxes[0]!;
		expect(out).toMatchObject(box);
		// Relative units times the page size give the points back (to the 6 decimals written).
		const [pw, ph] = box.pageSize as [number, number];
		expect(out.rel.x * pw).toBeCloseTo(box.x, 3);
		expect(out.rel.y * ph).toBeCloseTo(box.y, 3);
		expect(out.rel.w * pw).toBeCloseTo(box.w, 3);
		expect(out.rel.h * ph).toBeCloseTo(box.h, 3);
		for (const x of [a, b]) {
			const v = pdfValueImport(x!.value!);
			expect(isAnnotationValue(v)).toBe(true);
		}
		expect(pdfValueImport(b!.value!)).toEqual({ type: 'boxes', boxes: [box] });
	});

	it('round-trips spans and boxes through Label Studio’s multi-page shape', async () => {
		const { span, box } = await fixture();
		const [ner, lay] = schema.tasks as unknown as [
			{ labels: ReturnType<typeof label>[] },
			{ labels: ReturnType<typeof label>[] }
		];
		const results = [
			...pdfToLabelStudio({ type: 'spans', spans: [span] }, ner.labels),
			...pdfToLabelStudio({ type: 'boxes', boxes: [box] }, lay.labels)
		];
		expect(results.map((r) => [r.type, r.item_index])).toEqual([
			['labels', 1],
			['rectanglelabels', 2]
		]);
		expect(results[1]).toMatchObject({ original_width: 609.714, original_height: 789.041 });
		expect(results[1]?.value).toMatchObject({ x: 9.9227, rectanglelabels: ['figure'] });
		const back = pdfFromLabelStudio(JSON.parse(JSON.stringify(results)), ner.labels, lay.labels);
		expect(back).toEqual({
			spans: { type: 'spans', spans: [span] },
			boxes: { type: 'boxes', boxes: [box] },
			skipped: []
		});
		expect(
			pdfFromLabelStudio(
				[{ ...results[0], value: { start: 1, end: 2, labels: ['nope'] } }],
				ner.labels,
				lay.labels
			).skipped
		).toEqual(['no span label “nope”']);
	});

	it('finds personal data on the text layer with its page and offsets', async () => {
		const bytes = pdfFixture();
		const pages = [];
		for (let n = 1; n <= 17; n++)
			pages.push({ page: n, text: pageText(await pdfTextItemsNode(bytes, n)).text });
		const found = pdfPiiFind(pages);
		expect(found.length).toBeGreaterThan(0);
		for (const f of found) expect(pages[f.page - 1]?.text.slice(f.start, f.end)).toBe(f.text);
		expect(found[0]).toMatchObject({ page: 1, type: 'name', text: 'Thomas Leonard' });
	});
});
