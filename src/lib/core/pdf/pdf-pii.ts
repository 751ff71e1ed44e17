/**
 * The PII finder (core/privacy/detect.ts) on a PDF's text layer: each page's text as spans count
 * it (page-text.ts), findings listed with their page and offsets in that page's text, so a
 * finding can be shown, labeled or redacted later by the same coordinates as a span. Pure.
 */
import { piiFind, type PiiFinding, type PiiOptions } from '../privacy/detect';

export interface PdfPiiFinding extends PiiFinding {
	/** 1-based page; `start` and `end` are offsets in its text. */
	page: number;
}

export function pdfPiiFind(
	pages: readonly { page: number; text: string }[],
	opts: PiiOptions = {}
): PdfPiiFinding[] {
	return pages.flatMap(({ page, text }) => piiFind(text, opts).map((f) => ({ ...f, page })));
}
