/**
 * Span labeling on one text: the pending selection (from the mouse, a tap on a word, or
 * Shift+arrows over tokens), adding spans with snapping and the task's overlap rule, selecting
 * and deleting spans, and relations between spans. Each change is saved at once as one undo step.
 */
import { spanAdd, spanSnap, tokenBounds } from '$lib/core/geometry/spans';
import { graphemeSnap } from '$lib/core/text/graphemes';
import { labelByHotkey } from '$lib/core/schema';
import type {
	AnnotationValue,
	LabelId,
	Relation,
	RelationsTask,
	Span,
	SpansTask,
	TaskId
} from '$lib/core/types';

export interface SpansEditorDeps {
	task(): SpansTask;
	relations(): RelationsTask | undefined;
	text(): string;
	value(task: TaskId): AnnotationValue | undefined;
	save(task: TaskId, value: AnnotationValue | undefined): void;
	newId(): string;
}

type Range = { start: number; end: number };

export class SpansEditor {
	#d: SpansEditorDeps;
	#tokens: Range[] | undefined;
	#pending = $state.raw<Range | undefined>(undefined);
	/** Token index of the keyboard cursor, and of the anchor while extending with Shift. */
	#cursor = $state(-1);
	#anchor = -1;
	#selected = $state<string | undefined>(undefined);
	/** The span a relation starts from, while the user picks its target. */
	#relFrom = $state<string | undefined>(undefined);
	#relLabel = $state<LabelId | undefined>(undefined);
	#message = $state('');

	constructor(deps: SpansEditorDeps) {
		this.#d = deps;
		this.#relLabel = deps.relations()?.labels[0]?.id;
	}

	get pending(): Range | undefined {
		return this.#pending;
	}

	get cursor(): number {
		return this.#cursor;
	}

	get selected(): string | undefined {
		return this.#selected;
	}

	get relFrom(): string | undefined {
		return this.#relFrom;
	}

	get relLabel(): LabelId | undefined {
		return this.#relLabel;
	}

	get message(): string {
		return this.#message;
	}

	relLabelSet(v: LabelId | undefined): void {
		this.#relLabel = v;
	}

	get spans(): Span[] {
		const v = this.#d.value(this.#d.task().id);
		return v?.type === 'spans' ? v.spans : [];
	}

	get relations(): Relation[] {
		const r = this.#d.relations();
		const v = r && this.#d.value(r.id);
		return v?.type === 'relations' ? v.relations : [];
	}

	get tokens(): Range[] {
		this.#tokens ??= tokenBounds(this.#d.text());
		return this.#tokens;
	}

	/** Sets the pending selection from character offsets (mouse or touch selection). */
	selectRange(start: number, end: number): void {
		const t = this.#d.task();
		const text = this.#d.text();
		const r = t.snap ? spanSnap(text, start, end) : graphemeSnap(text, start, end);
		this.#pending = r && r.end > r.start ? r : undefined;
		this.#selected = undefined;
	}

	/** A tap or click without a selection: the span there if any, else the word there. */
	tapAt(offset: number): void {
		const hit = this.spansAt(offset);
		if (hit.length) {
			const shortest = hit.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
			this.spanClick(shortest.id);
			return;
		}
		const i = this.#tokenAt(offset);
		const tok = i >= 0 ? this.tokens[i] : undefined;
		if (!tok || offset < tok.start || offset > tok.end) {
			this.#pending = undefined;
			return;
		}
		this.#cursor = this.#anchor = i;
		this.#pending = { ...tok };
		this.#selected = undefined;
	}

	spansAt(offset: number): Span[] {
		return this.spans.filter((s) => s.start <= offset && offset < s.end);
	}

	spanClick(id: string): void {
		if (this.#relFrom && this.#relFrom !== id) {
			this.#relationAdd(this.#relFrom, id);
			return;
		}
		this.#selected = this.#selected === id ? undefined : id;
		this.#pending = undefined;
	}

	/** Index of the token containing or just before `offset`. */
	#tokenAt(offset: number): number {
		const t = this.tokens;
		let lo = 0;
		let hi = t.length - 1;
		let ans = -1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if ((t[mid] as Range).start <= offset) {
				ans = mid;
				lo = mid + 1;
			} else hi = mid - 1;
		}
		return ans;
	}

	/** Moves the token cursor by `delta`; with `extend`, grows the pending selection. */
	step(delta: number, extend: boolean): void {
		const n = this.tokens.length;
		if (!n) return;
		const from = this.#cursor < 0 ? (delta > 0 ? -1 : n) : this.#cursor;
		const next = Math.max(0, Math.min(n - 1, from + delta));
		if (!extend || this.#anchor < 0) this.#anchor = next;
		this.#cursor = next;
		const a = this.tokens[Math.min(this.#anchor, next)] as Range;
		const b = this.tokens[Math.max(this.#anchor, next)] as Range;
		this.#pending = { start: a.start, end: b.end };
		this.#selected = undefined;
	}

	/** Grows the pending selection by `n` whole tokens to the right (buttons for touch users). */
	extend(n: number): void {
		const p = this.#pending;
		if (!p) return;
		const next = this.tokens.findIndex((t) => t.start >= p.end);
		if (next < 0) return;
		const last = this.tokens[Math.min(this.tokens.length - 1, next + n - 1)] as Range;
		this.#pending = { start: p.start, end: last.end };
		this.#cursor = Math.min(this.tokens.length - 1, next + n - 1);
	}

	/** Labels the pending selection, or relabels the selected span. Returns true on a change. */
	apply(label: LabelId): boolean {
		const t = this.#d.task();
		const spans = this.spans;
		if (this.#selected && !this.#pending) {
			const s = spans.find((x) => x.id === this.#selected);
			if (!s || s.label === label) return false;
			this.#save(spans.map((x) => (x.id === s.id ? { ...x, label } : x)));
			return true;
		}
		const p = this.#pending;
		if (!p) {
			this.#message = 'Select some text first.';
			return false;
		}
		const span: Span = { id: this.#d.newId(), start: p.start, end: p.end, label };
		const r = spanAdd(spans, span, t.allowOverlap);
		if (!r.ok) {
			this.#message =
				r.reason === 'overlap'
					? 'This task does not allow overlapping spans.'
					: 'That span is already labeled.';
			return false;
		}
		this.#save(r.spans);
		this.#pending = undefined;
		this.#selected = undefined;
		const name = t.labels.find((l) => l.id === label)?.name ?? '';
		this.#message = `Labeled “${this.#d.text().slice(p.start, p.end).slice(0, 60)}” as ${name}.`;
		return true;
	}

	remove(): void {
		const id = this.#selected;
		if (!id) return;
		this.#save(this.spans.filter((s) => s.id !== id));
		const rels = this.relations;
		const kept = rels.filter((r) => r.from !== id && r.to !== id);
		if (kept.length !== rels.length) this.#saveRelations(kept);
		this.#selected = undefined;
		this.#message = 'Span removed.';
	}

	/** Starts a relation from the selected span; the next span clicked is its target. */
	relateStart(): void {
		if (!this.#selected || !this.#d.relations()) return;
		this.#relFrom = this.#selected;
		this.#message = 'Now choose the span the relation points to.';
	}

	#relationAdd(from: string, to: string): void {
		const label = this.#relLabel;
		this.#relFrom = undefined;
		if (!label) return;
		const rels = this.relations;
		if (rels.some((r) => r.from === from && r.to === to && r.label === label)) return;
		this.#saveRelations([...rels, { id: this.#d.newId(), from, to, label }]);
		this.#selected = to;
		this.#message = 'Relation added.';
	}

	relationRemove(id: string): void {
		this.#saveRelations(this.relations.filter((r) => r.id !== id));
	}

	#save(spans: Span[]): void {
		this.#d.save(this.#d.task().id, spans.length ? { type: 'spans', spans } : undefined);
	}

	#saveRelations(relations: Relation[]): void {
		const r = this.#d.relations();
		if (r) this.#d.save(r.id, relations.length ? { type: 'relations', relations } : undefined);
	}

	/** Keys on the focused text; returns true when used. */
	key(e: {
		key: string;
		shiftKey: boolean;
		ctrlKey: boolean;
		altKey: boolean;
		metaKey: boolean;
	}): boolean {
		if (e.ctrlKey || e.metaKey || e.altKey) return false;
		if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
			this.step(e.key === 'ArrowRight' ? 1 : -1, e.shiftKey);
			return true;
		}
		if (e.key === 'Enter' && this.#pending) {
			const hit = this.spansAt(this.#pending.start);
			if (!hit.length) return false;
			this.spanClick(hit.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a)).id);
			if (!this.#relFrom) this.#pending = undefined;
			return true;
		}
		if (e.key === 'Escape') {
			this.#pending = undefined;
			this.#selected = undefined;
			this.#relFrom = undefined;
			return true;
		}
		if ((e.key === 'Delete' || e.key === 'Backspace') && this.#selected) {
			this.remove();
			return true;
		}
		if ((e.key === 'r' || e.key === 'R') && this.#selected && this.#d.relations()) {
			this.relateStart();
			return true;
		}
		const label = labelByHotkey(this.#d.task(), e.key);
		if (label && (this.#pending || this.#selected)) {
			this.apply(label.id);
			return true;
		}
		return false;
	}
}
