/**
 * pdf.js, loaded on first use (never with the app's first page): the library and its worker are
 * separate chunks, fetched when a PDF is imported or shown. Documents open with eval off (the app's content security policy forbids it).
 */
import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';

type PdfJs = typeof PdfJsModule;
let lib: Promise<{ m: PdfJs; worker: PDFWorker }> | undefined;

/**
 * The library and one worker that every document shares; passed to each document explicitly, so
 * closing a document never tears down the worker another one (or the next) is using.
 */
function load(): Promise<{ m: PdfJs; worker: PDFWorker }> {
	lib ??= Promise.all([
		import('pdfjs-dist'),
		import('pdfjs-dist/build/pdf.worker.min.mjs?worker')
	]).then(([m, W]) => ({ m, worker: m.PDFWorker.create({ port: new W.default() }) }));
	return lib;
}

export async function pdfjsLoad(): Promise<PdfJs> {
	return (await load()).m;
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
	const { m, worker } = await load();
	return m.getDocument({ data, worker, isEvalSupported: false, verbosity: 0 }).promise;
}
