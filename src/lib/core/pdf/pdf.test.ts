/**
 * Page text and items of a real PDF (Debian's shared-mime-info specification, read with pdf.js's
 * legacy build): offsets map to runs and back, ranges trim, items per document and per page.
 */
import { describe, expect, it } from 'vitest';
import { pdfFixture, pdfTextItemsNode } from '$tests/helpers/pdf-node';
import { pageOffset, pageRangeTrim, pageRunRanges, pageText } from './page-text';
import { pdfItemPages, pdfItems, pdfLooksLike } from './pdf-item';

describe('pageText', () => {
	it('joins the runs of a real page with a line break after each line end', async () => {
		const items = await pdfTextItemsNode(pdfFixture(), 1);
		const p = pageText(items);
		const runs = items.map((i) => i.str);
		expect(p.starts).toHaveLength(items.length);
		expect(p.text.startsWith('Shared MIME-info Database')).toBe(true);
		for (const [i, r] of runs.entries())
			expect(p.text.slice(p.starts[i], p.starts[i]! + r.length)).toBe(r);
		const at = p.text.indexOf('Thomas Leonard');
		const run = runs.indexOf('Thomas Leonard');
		expect(pageOffset(p, runs, run, 7)).toBe(at + 7);
		expect(pageOffset(p, runs, run, 99)).toBe(at + 'Thomas Leonard'.length);
		expect(pageRunRanges(p, runs, at + 7, at + 14)).toEqual([{ run, from: 7, to: 14 }]);
	});

	it('splits a range over several runs and skips marked content', () => {
		const p = pageText([{ str: 'ab', hasEOL: true }, {}, { str: 'cd', hasEOL: false }]);
		expect(p).toEqual({ text: 'ab\ncd', starts: [0, 3] });
		expect(pageRunRanges(p, ['ab', 'cd'], 1, 4)).toEqual([
			{ run: 0, from: 1, to: 2 },
			{ run: 1, from: 0, to: 1 }
		]);
		expect(pageRangeTrim(' ab \n', 0, 5)).toEqual([1, 3]);
		expect(pageRangeTrim('   ', 0, 3)).toEqual([3, 3]);
	});
});

describe('pdfItems', () => {
	const base = { sha256: 'a'.repeat(64), size: 10, name: 'x.pdf', pages: 3, seq: 5 };
	it('makes one item per document or one per page, ids stable', () => {
		const [doc] = pdfItems({ ...base, per: 'document' });
		expect(doc).toMatchObject({ id: 'a'.repeat(32), kind: 'pdf', pdf: { pages: 3 }, seq: 5 });
		expect(pdfItemPages(doc!)).toEqual([1, 2, 3]);
		const pages = pdfItems({ ...base, per: 'page' });
		expect(pages.map((p) => [p.pdf?.page, p.seq, pdfItemPages(p)])).toEqual([
			[1, 5, [1]],
			[2, 6, [2]],
			[3, 7, [3]]
		]);
		expect(new Set(pages.map((p) => p.id)).size).toBe(3);
		expect(pdfItems({ ...base, per: 'page' }).map((p) => p.id)).toEqual(pages.map((p) => p.id));
	});
	it('knows a PDF by its header', () => {
		expect(pdfLooksLike(pdfFixture().subarray(0, 1024))).toBe(true);
		expect(pdfLooksLike(new TextEncoder().encode('<html>'))).toBe(false);
	});
});
