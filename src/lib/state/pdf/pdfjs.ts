/**
 * pdf.js, loaded on first use (never with the app's first page): the library and its worker are
 * separate chunks, fetched when a PDF is imported or shown. One worker serves every document
 * (`workerPort`). Documents open with eval off (the app's content security policy forbids it).
 */
import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';

type PdfJs = typeof PdfJsModule;
let lib: Promise<PdfJs> | undefined;

export function pdfjsLoad(): Promise<PdfJs> {
	lib ??= Promise.all([
		import('pdfjs-dist'),
		import('pdfjs-dist/build/pdf.worker.min.mjs?worker')
	]).then(([m, worker]) => {
		m.GlobalWorkerOptions.workerPort = new worker.default();
		return m;
	});
	return lib;
}

/** Why a file cannot be opened, said so that the user knows what to do. */
export function pdfErrorReason(e: unknown): string {
	const name = e instanceof Error ? e.name : '';
	if (name === 'PasswordException')
		return 'it is protected by a password; save an unprotected copy (e.g. qpdf --decrypt) and import that';
	if (name === 'InvalidPDFException')
		return 'it is not a readable PDF (damaged, cut short, or another kind of file)';
	return `it could not be read as a PDF (${e instanceof Error ? e.message : String(e)})`;
}

/** Opens PDF bytes (pdf.js takes ownership of the buffer, so pass a copy you can spare). */
export async function pdfOpen(data: Uint8Array): Promise<PDFDocumentProxy> {
	const m = await pdfjsLoad();
	return m.getDocument({ data, isEvalSupported: false, verbosity: 0 }).promise;
}
