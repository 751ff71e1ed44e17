/**
 * PDF helpers for node unit tests: real pdf.js (its legacy build, which runs in node) to count
 * pages and read text, on the fixture from Debian (tests/fixtures/pdf/README.md).
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** shared-mime-info's specification, as Debian ships it (tests/fixtures/pdf/README.md). */
export const pdfFixture = (): Uint8Array =>
	new Uint8Array(readFileSync('tests/fixtures/pdf/shared-mime-info-spec.pdf'));

export async function pdfPagesNode(bytes: Uint8Array): Promise<number> {
	const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 })
		.promise;
	try {
		return doc.numPages;
	} finally {
		await doc.destroy();
	}
}

/** The text items of one page (1-based), as the text layer gets them. */
export async function pdfTextItemsNode(
	bytes: Uint8Array,
	page: number
): Promise<{ str: string; hasEOL: boolean }[]> {
	const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 })
		.promise;
	try {
		const tc = await (await doc.getPage(page)).getTextContent();
		return tc.items.flatMap((i) => ('str' in i ? [{ str: i.str, hasEOL: i.hasEOL }] : []));
	} finally {
		await doc.destroy();
	}
}
