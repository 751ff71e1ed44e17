/**
 * The PDF on the label page: the open document (pdf.js, lazily loaded), the pages this item shows
 * (all, or its one page), the current page, the zoom (a scale over PDF points, or fit to the
 * width), keyboard paging, and each page's text as spans count it (core/pdf/page-text.ts).
 */
import { pageText, type PageText } from '$lib/core/pdf/page-text';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import type { TextContent } from 'pdfjs-dist/types/src/display/api';
import { pdfErrorReason, pdfOpen } from '../pdf/pdfjs';

export interface PdfPageText extends PageText {
	/** The runs' strings, in order (one per text layer span). */
	runs: string[];
	content: TextContent;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

export class PdfView {
	#doc = $state.raw<PDFDocumentProxy | undefined>(undefined);
	#pages = $state.raw<number[]>([]);
	#index = $state(0);
	#scale = $state(1);
	#fit = $state(true);
	#width = $state(0);
	#pageWidth = $state(0);
	#error = $state('');
	#texts = new Map<number, Promise<PdfPageText>>();

	get doc(): PDFDocumentProxy | undefined {
		return this.#doc;
	}
	get error(): string {
		return this.#error;
	}
	/** The pages this item shows, 1-based. */
	get pages(): readonly number[] {
		return this.#pages;
	}
	/** The current page's number in the PDF (1-based). */
	get page(): number {
		return this.#pages[this.#index] ?? 1;
	}
	get index(): number {
		return this.#index;
	}
	/** Whether the zoom follows the width of the view. */
	get fit(): boolean {
		return this.#fit;
	}
	/** CSS pixels per PDF point: the fitted scale, or the chosen one. */
	scaleFor(pageWidthPt: number): number {
		if (this.#fit && this.#width > 0 && pageWidthPt > 0) return this.#width / pageWidthPt;
		return this.#scale;
	}
	/** The shown page's width in points (the page view reports it). */
	set pageWidth(w: number) {
		this.#pageWidth = w;
	}
	/** CSS pixels per PDF point of the shown page. */
	get scale(): number {
		return this.scaleFor(this.#pageWidth);
	}
	/** The width available to a page, in CSS pixels (the view reports it). */
	set width(w: number) {
		this.#width = Math.max(0, w);
	}

	/** Opens the document; `pages` are the ones this item shows. */
	async open(bytes: () => Promise<Uint8Array>, pages: number[]): Promise<void> {
		this.close();
		try {
			const doc = await pdfOpen(await bytes());
			this.#doc = doc;
			this.#pages = pages.filter((p) => p >= 1 && p <= doc.numPages);
			this.#index = 0;
		} catch (e) {
			this.#error = `This PDF cannot be shown: ${pdfErrorReason(e)}.`;
		}
	}

	close(): void {
		void this.#doc?.destroy();
		this.#doc = undefined;
		this.#texts.clear();
		this.#error = '';
	}

	go(index: number): void {
		this.#index = Math.max(0, Math.min(this.#pages.length - 1, Math.round(index)));
	}
	/** Shows PDF page `n` when this item has it. */
	goPage(n: number): void {
		const i = this.#pages.indexOf(n);
		if (i >= 0) this.#index = i;
	}
	next(): void {
		this.go(this.#index + 1);
	}
	prev(): void {
		this.go(this.#index - 1);
	}

	/** One zoom step in or out from the scale now shown (which may be the fitted one). */
	zoom(dir: 1 | -1): void {
		const now = this.scale;
		const next =
			dir > 0
				? ZOOMS.find((z) => z > now + 1e-6)
				: [...ZOOMS].reverse().find((z) => z < now - 1e-6);
		this.#scale = next ?? now;
		this.#fit = false;
	}
	fitWidth(): void {
		this.#fit = true;
	}

	/** Paging keys: PageDown or ] next, PageUp or [ previous, Home and End; + and - zoom. */
	key(key: string): boolean {
		if (key === 'PageDown' || key === ']') this.next();
		else if (key === '+' || key === '=') this.zoom(1);
		else if (key === '-') this.zoom(-1);
		else if (key === 'PageUp' || key === '[') this.prev();
		else if (key === 'Home') this.go(0);
		else if (key === 'End') this.go(this.#pages.length - 1);
		else return false;
		return true;
	}

	pageProxy(n: number): Promise<PDFPageProxy> | undefined {
		return this.#doc?.getPage(n);
	}

	/** The text of page `n` (cached). */
	text(n: number): Promise<PdfPageText> | undefined {
		const doc = this.#doc;
		if (!doc) return undefined;
		let t = this.#texts.get(n);
		if (!t) {
			t = doc
				.getPage(n)
				.then((p) => p.getTextContent())
				.then((content) => {
					const items = content.items.map((i) => ('str' in i ? i : {}));
					const runs = content.items.flatMap((i) => ('str' in i ? [i.str] : []));
					return { ...pageText(items), runs, content };
				});
			this.#texts.set(n, t);
		}
		return t;
	}
}
