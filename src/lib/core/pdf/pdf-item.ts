/**
 * The items of an imported PDF: one for the whole document, or one per page. The document's
 * bytes are a content-addressed blob (media); a whole-document item's id is that SHA-256
 * truncated to 128 bits (as for media), a page's id hashes the blob's SHA-256 with the page
 * number, so importing the same file twice adds nothing. Pure.
 */
import { itemIdFromText } from '../ids';
import type { Item, ItemId } from '../types';

export const PDF_MIME = 'application/pdf';

export function pdfItems(opts: {
	sha256: string;
	size: number;
	name: string;
	pages: number;
	/** `page`: one item per page. */
	per: 'document' | 'page';
	/** The first item's `seq`; the next items count up from it. */
	seq: number;
}): Item[] {
	const media = { blob: opts.sha256, mime: PDF_MIME, size: opts.size, name: opts.name };
	if (opts.per === 'document')
		return [
			{
				id: opts.sha256.slice(0, 32) as ItemId,
				kind: 'pdf',
				media,
				pdf: { pages: opts.pages },
				seq: opts.seq,
				source: opts.name
			}
		];
	return Array.from({ length: opts.pages }, (_, i) => ({
		id: itemIdFromText(`pdf:${opts.sha256}#${i + 1}`),
		kind: 'pdf' as const,
		media,
		pdf: { pages: opts.pages, page: i + 1 },
		seq: opts.seq + i,
		source: `${opts.name} p. ${i + 1}`
	}));
}

/** The pages an item shows, 1-based: its one page, or all of them. */
export function pdfItemPages(item: Item): number[] {
	const info = item.pdf;
	if (!info) return [];
	if (info.page) return [info.page];
	return Array.from({ length: info.pages }, (_, i) => i + 1);
}

/** Whether the bytes start like a PDF (`%PDF-` within the first 1,024 bytes, as readers allow). */
export function pdfLooksLike(head: Uint8Array): boolean {
	const s = String.fromCharCode(...head.subarray(0, 1024));
	return s.includes('%PDF-');
}
