/**
 * Labels on a PDF item: text spans of a spans task (page, offsets in the page's text, the covered
 * text) and boxes of a boxes task (page, PDF points from the page's top-left, the page's size).
 * Select text (or find it), then a label; pick a box label, then drag on the page or box the
 * selected text. Every change is saved at once through `save` (ORIGIN.LOCAL), so project-wide
 * undo covers it.
 */
import { labelByHotkey } from '$lib/core/schema';
import type {
	AnnotationValue,
	Box,
	BoxesTask,
	LabelId,
	Span,
	SpansTask,
	TaskId
} from '$lib/core/types';

export interface PdfEditorDeps {
	spans(): SpansTask | undefined;
	boxes(): BoxesTask | undefined;
	value(task: TaskId): AnnotationValue | undefined;
	save(task: TaskId, value: AnnotationValue | undefined): void;
	newId(): string;
}

export interface PdfPendingSpan {
	page: number;
	start: number;
	end: number;
	text: string;
}

/** A rectangle on a page in PDF points, and the page's size. */
export interface PdfRect {
	page: number;
	x: number;
	y: number;
	w: number;
	h: number;
	pageSize: [number, number];
}

/** Boxes smaller than this (points) are taken for a click, not a drag. */
export const PDF_BOX_MIN = 3;

export class PdfEditor {
	#d: PdfEditorDeps;
	#pending = $state.raw<PdfPendingSpan | undefined>(undefined);
	#selected = $state<string | undefined>(undefined);
	#boxLabel = $state<LabelId | undefined>(undefined);
	#message = $state('');

	constructor(deps: PdfEditorDeps) {
		this.#d = deps;
	}

	get pending(): PdfPendingSpan | undefined {
		return this.#pending;
	}
	get selected(): string | undefined {
		return this.#selected;
	}
	get message(): string {
		return this.#message;
	}
	/** The label new boxes get; undefined until one is picked. */
	get boxLabel(): LabelId | undefined {
		return this.#boxLabel ?? this.#d.boxes()?.labels[0]?.id;
	}
	set boxLabel(id: LabelId | undefined) {
		this.#boxLabel = id;
	}
	get spans(): Span[] {
		const t = this.#d.spans();
		const v = t && this.#d.value(t.id);
		return v?.type === 'spans' ? v.spans : [];
	}
	get boxes(): Box[] {
		const t = this.#d.boxes();
		const v = t && this.#d.value(t.id);
		return v?.type === 'boxes' ? v.boxes : [];
	}

	/** The text range the next span label applies to (undefined clears it). */
	pendingSet(p: PdfPendingSpan | undefined): void {
		this.#pending = p && p.end > p.start ? p : undefined;
		if (this.#pending) this.#selected = undefined;
	}

	#saveSpans(spans: Span[]): void {
		const t = this.#d.spans();
		if (!t) return;
		const sorted = [...spans].sort(
			(a, b) => (a.page ?? 0) - (b.page ?? 0) || a.start - b.start || a.end - b.end
		);
		this.#d.save(t.id, sorted.length ? { type: 'spans', spans: sorted } : undefined);
	}
	#saveBoxes(boxes: Box[]): void {
		const t = this.#d.boxes();
		if (!t) return;
		this.#d.save(t.id, boxes.length ? { type: 'boxes', boxes } : undefined);
	}

	/** Labels the pending text, or relabels the selected span. Returns true when it did. */
	label(id: LabelId): boolean {
		const p = this.#pending;
		const task = this.#d.spans();
		if (!task) return false;
		if (!p) {
			const s = this.spans.find((x) => x.id === this.#selected);
			if (!s) {
				this.#message = 'Select some text on the page first, then pick its label.';
				return false;
			}
			this.#saveSpans(this.spans.map((x) => (x.id === s.id ? { ...x, label: id } : x)));
			return true;
		}
		const overlaps = this.spans.some(
			(s) => s.page === p.page && s.start < p.end && p.start < s.end
		);
		if (!task.allowOverlap && overlaps) {
			this.#message = 'That text overlaps a span; this task does not allow overlapping spans.';
			return false;
		}
		const span: Span = { id: this.#d.newId(), ...p, label: id };
		this.#saveSpans([...this.spans, span]);
		this.#pending = undefined;
		this.#selected = span.id;
		this.#message = 'Span added.';
		return true;
	}

	/** Adds a box with the box label; refuses one too small to be meant. Returns its id. */
	boxAdd(r: PdfRect): string | undefined {
		const label = this.boxLabel;
		if (!this.#d.boxes() || !label) {
			this.#message = 'Add a label to the boxes task first.';
			return undefined;
		}
		if (r.w < PDF_BOX_MIN || r.h < PDF_BOX_MIN) return undefined;
		const [pw, ph] = r.pageSize;
		const x = Math.max(0, Math.min(r.x, pw));
		const y = Math.max(0, Math.min(r.y, ph));
		const box: Box = {
			id: this.#d.newId(),
			label,
			page: r.page,
			pageSize: r.pageSize,
			x: round2(x),
			y: round2(y),
			w: round2(Math.min(r.w, pw - x)),
			h: round2(Math.min(r.h, ph - y))
		};
		this.#saveBoxes([...this.boxes, box]);
		this.#selected = box.id;
		this.#message = 'Box added.';
		return box.id;
	}

	select(id: string | undefined): void {
		this.#selected = id;
		if (id) this.#pending = undefined;
	}

	/** Deletes the selected span or box. */
	remove(): void {
		const id = this.#selected;
		if (!id) return;
		if (this.spans.some((s) => s.id === id)) {
			this.#saveSpans(this.spans.filter((s) => s.id !== id));
			this.#message = 'Span removed.';
		} else if (this.boxes.some((b) => b.id === id)) {
			this.#saveBoxes(this.boxes.filter((b) => b.id !== id));
			this.#message = 'Box removed.';
		}
		this.#selected = undefined;
	}

	/** Span label hotkeys, Delete and Escape. Returns true when used. */
	key(key: string): boolean {
		if ((key === 'Delete' || key === 'Backspace') && this.#selected) {
			this.remove();
			return true;
		}
		if (key === 'Escape') {
			this.#pending = undefined;
			this.#selected = undefined;
			return true;
		}
		const t = this.#d.spans();
		const l = t && labelByHotkey(t, key);
		return l ? this.label(l.id) : false;
	}
}

const round2 = (n: number) => Math.round(n * 100) / 100;
