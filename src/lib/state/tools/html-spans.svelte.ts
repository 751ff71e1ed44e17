/**
 * Spans of one HTML item for a spans task: the pending selection (global offsets and its XPath
 * form, read by the view from the rendered document), add with a label, refuse overlaps when the
 * task does, select, relabel, delete. Every change is saved at once through `save` (ORIGIN.LOCAL),
 * so project-wide undo covers it.
 */
import { labelByHotkey } from '$lib/core/schema';
import type { AnnotationValue, LabelId, Span, SpanXPath, SpansTask, TaskId } from '$lib/core/types';

export interface HtmlSpansDeps {
	task(): SpansTask;
	value(task: TaskId): AnnotationValue | undefined;
	save(task: TaskId, value: AnnotationValue | undefined): void;
	newId(): string;
}

export interface PendingSpan {
	start: number;
	end: number;
	xpath: SpanXPath;
}

export class HtmlSpansEditor {
	#d: HtmlSpansDeps;
	#pending = $state.raw<PendingSpan | undefined>(undefined);
	#selected = $state<string | undefined>(undefined);
	#message = $state('');

	constructor(deps: HtmlSpansDeps) {
		this.#d = deps;
	}

	get pending(): PendingSpan | undefined {
		return this.#pending;
	}
	get selected(): string | undefined {
		return this.#selected;
	}
	get message(): string {
		return this.#message;
	}
	get spans(): Span[] {
		const v = this.#d.value(this.#d.task().id);
		return v?.type === 'spans' ? v.spans : [];
	}

	/** The text range the next label applies to (undefined clears it). */
	pendingSet(p: PendingSpan | undefined): void {
		this.#pending = p && p.end > p.start ? p : undefined;
		if (this.#pending) this.#selected = undefined;
	}

	#save(spans: Span[]): void {
		const t = this.#d.task();
		const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
		this.#d.save(t.id, sorted.length ? { type: 'spans', spans: sorted } : undefined);
	}

	/** Labels the pending range, or relabels the selected span. Returns true when it did. */
	label(id: LabelId): boolean {
		const p = this.#pending;
		if (!p) {
			const s = this.spans.find((x) => x.id === this.#selected);
			if (!s) {
				this.#message = 'Select some text first, then pick its label.';
				return false;
			}
			this.#save(this.spans.map((x) => (x.id === s.id ? { ...x, label: id } : x)));
			return true;
		}
		const task = this.#d.task();
		if (!task.allowOverlap && this.spans.some((s) => s.start < p.end && p.start < s.end)) {
			this.#message = 'That text overlaps a span; this task does not allow overlapping spans.';
			return false;
		}
		const span: Span = {
			id: this.#d.newId(),
			start: p.start,
			end: p.end,
			label: id,
			xpath: p.xpath
		};
		this.#save([...this.spans, span]);
		this.#pending = undefined;
		this.#selected = span.id;
		this.#message = 'Span added.';
		return true;
	}

	select(id: string | undefined): void {
		this.#selected = id;
		if (id) this.#pending = undefined;
	}

	remove(): void {
		const id = this.#selected;
		if (!id) return;
		this.#save(this.spans.filter((s) => s.id !== id));
		this.#selected = undefined;
		this.#message = 'Span removed.';
	}

	/** Label hotkeys, Delete and Escape. Returns true when used. */
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
		const l = labelByHotkey(this.#d.task(), key);
		return l ? this.label(l.id) : false;
	}
}
