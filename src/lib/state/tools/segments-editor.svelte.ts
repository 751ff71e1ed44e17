/**
 * Labeled time segments of one audio or video item, and their transcriptions: add from a drag on
 * the waveform or from two marks (keyboard or buttons), move and resize, relabel, delete. Every
 * change is saved at once through `save` (ORIGIN.LOCAL), so project-wide undo covers it.
 */
import { labelByHotkey } from '$lib/core/schema';
import type {
	AnnotationValue,
	AudioSegmentsTask,
	LabelId,
	TaskId,
	TimeSegment,
	TranscriptionTask,
	VideoSegmentsTask
} from '$lib/core/types';

export interface SegmentsEditorDeps {
	task(): AudioSegmentsTask | VideoSegmentsTask;
	transcription(): TranscriptionTask | undefined;
	value(task: TaskId): AnnotationValue | undefined;
	save(task: TaskId, value: AnnotationValue | undefined): void;
	newId(): string;
}

/** Segments shorter than this (seconds) are taken as a click, not a segment. */
const MIN_SEGMENT = 0.05;

export class SegmentsEditor {
	#d: SegmentsEditorDeps;
	#selected = $state<string | undefined>(undefined);
	#labelId = $state<LabelId | undefined>(undefined);
	/** Start time set by the first "mark", waiting for the second. */
	#markStart = $state<number | undefined>(undefined);
	#message = $state('');

	constructor(deps: SegmentsEditorDeps) {
		this.#d = deps;
		this.#labelId = deps.task().labels[0]?.id;
	}

	get selected(): string | undefined {
		return this.#selected;
	}

	get labelId(): LabelId | undefined {
		return this.#labelId;
	}

	get markStart(): number | undefined {
		return this.#markStart;
	}

	get message(): string {
		return this.#message;
	}

	get segments(): TimeSegment[] {
		const t = this.#d.task();
		const v = this.#d.value(t.id);
		return v && v.type === t.type ? v.segments : [];
	}

	#save(segments: TimeSegment[]): void {
		const sorted = [...segments].sort((a, b) => a.start - b.start || a.end - b.end);
		const t = this.#d.task();
		this.#d.save(t.id, sorted.length ? { type: t.type, segments: sorted } : undefined);
	}

	/** Adds a segment with the current label; returns its id, or undefined if too short. */
	add(a: number, b: number): string | undefined {
		const start = Math.max(0, Math.min(a, b));
		const end = Math.max(a, b);
		if (!this.#labelId || end - start < MIN_SEGMENT) return undefined;
		const seg: TimeSegment = { id: this.#d.newId(), start, end, label: this.#labelId };
		this.#save([...this.segments, seg]);
		this.#selected = seg.id;
		return seg.id;
	}

	update(id: string, start: number, end: number): void {
		const segs = this.segments;
		const s = segs.find((x) => x.id === id);
		if (!s || (Math.abs(s.start - start) < 1e-3 && Math.abs(s.end - end) < 1e-3)) return;
		this.#save(segs.map((x) => (x.id === id ? { ...x, start: Math.max(0, start), end } : x)));
	}

	select(id: string | undefined): void {
		this.#selected = id;
		const s = this.segments.find((x) => x.id === id);
		if (s) this.#labelId = s.label;
	}

	labelSet(id: LabelId): void {
		this.#labelId = id;
		const s = this.segments.find((x) => x.id === this.#selected);
		if (s && s.label !== id)
			this.#save(this.segments.map((x) => (x.id === s.id ? { ...x, label: id } : x)));
	}

	/** First call marks a start, the second adds the segment up to `t`. */
	mark(t: number): void {
		if (this.#markStart === undefined) {
			this.#markStart = t;
			this.#message = 'Start marked; play or seek to the end and mark again.';
			return;
		}
		const id = this.add(this.#markStart, t);
		this.#markStart = undefined;
		this.#message = id ? 'Segment added.' : 'Segment too short; not added.';
	}

	remove(): void {
		const id = this.#selected;
		if (!id) return;
		this.#save(this.segments.filter((s) => s.id !== id));
		const tr = this.#d.transcription();
		const v = tr && this.#d.value(tr.id);
		if (tr && v?.type === 'transcription' && v.segments?.[id] !== undefined) {
			const rest = { ...v.segments };
			delete rest[id];
			this.#d.save(tr.id, { ...v, segments: rest });
		}
		this.#selected = undefined;
		this.#message = 'Segment removed.';
	}

	/** The transcription of the item (no id) or of segment `id`. */
	transcript(id?: string): string {
		const tr = this.#d.transcription();
		const v = tr && this.#d.value(tr.id);
		if (v?.type !== 'transcription') return '';
		return id ? (v.segments?.[id] ?? '') : v.text;
	}

	transcriptSet(text: string, id?: string): void {
		const tr = this.#d.transcription();
		if (!tr) return;
		const v = this.#d.value(tr.id);
		const cur = v?.type === 'transcription' ? v : { type: 'transcription' as const, text: '' };
		const next = id ? { ...cur, segments: { ...cur.segments, [id]: text } } : { ...cur, text };
		const empty = !next.text.trim() && !Object.values(next.segments ?? {}).some((t) => t.trim());
		this.#d.save(tr.id, empty ? undefined : next);
	}

	/** Label hotkeys and Delete; playback keys are the view's. Returns true when used. */
	key(key: string): boolean {
		if ((key === 'Delete' || key === 'Backspace') && this.#selected) {
			this.remove();
			return true;
		}
		const label = labelByHotkey(this.#d.task(), key);
		if (label) {
			this.labelSet(label.id);
			return true;
		}
		return false;
	}
}
