/**
 * Labeled ranges and instants of one time series item for a series-segments task: add from a
 * drag on the chart or from two marks at the cursor (keyboard or buttons), an instant at the
 * cursor, relabel, pin to one channel, delete. Every change is saved at once through `save`
 * (ORIGIN.LOCAL), so project-wide undo covers it.
 */
import { labelByHotkey } from '$lib/core/schema';
import type {
	AnnotationValue,
	LabelId,
	SeriesSegment,
	SeriesSegmentsTask,
	TaskId
} from '$lib/core/types';

export interface SeriesEditorDeps {
	task(): SeriesSegmentsTask;
	value(task: TaskId): AnnotationValue | undefined;
	save(task: TaskId, value: AnnotationValue | undefined): void;
	newId(): string;
}

export class SeriesEditor {
	#d: SeriesEditorDeps;
	#selected = $state<string | undefined>(undefined);
	#labelId = $state<LabelId | undefined>(undefined);
	#channel = $state<string | undefined>(undefined);
	#markStart = $state<number | undefined>(undefined);
	#message = $state('');

	constructor(deps: SeriesEditorDeps) {
		this.#d = deps;
		this.#labelId = deps.task().labels[0]?.id;
	}

	get selected(): string | undefined {
		return this.#selected;
	}
	get labelId(): LabelId | undefined {
		return this.#labelId;
	}
	/** The channel new regions are pinned to; undefined: every channel. */
	get channel(): string | undefined {
		return this.#channel;
	}
	get markStart(): number | undefined {
		return this.#markStart;
	}
	get message(): string {
		return this.#message;
	}

	get segments(): SeriesSegment[] {
		const t = this.#d.task();
		const v = this.#d.value(t.id);
		return v?.type === 'series-segments' ? v.segments : [];
	}

	#save(segments: SeriesSegment[]): void {
		const sorted = [...segments].sort((a, b) => a.start - b.start || a.end - b.end);
		const t = this.#d.task();
		this.#d.save(t.id, sorted.length ? { type: 'series-segments', segments: sorted } : undefined);
	}

	/** Adds a range (an instant when a = b) with the current label and channel; returns its id. */
	add(a: number, b: number): string | undefined {
		if (!this.#labelId) {
			this.#message = 'Add a label to this task first (Schema page).';
			return undefined;
		}
		const seg: SeriesSegment = {
			id: this.#d.newId(),
			start: Math.min(a, b),
			end: Math.max(a, b),
			label: this.#labelId,
			...(this.#channel ? { channel: this.#channel } : {})
		};
		this.#save([...this.segments, seg]);
		this.#selected = seg.id;
		this.#message = a === b ? 'Instant added.' : 'Range added.';
		return seg.id;
	}

	/** First call marks a start, the second adds the range up to `t`. */
	mark(t: number): void {
		if (this.#markStart === undefined) {
			this.#markStart = t;
			this.#message = 'Start marked; move the cursor to the end and mark again.';
			return;
		}
		const start = this.#markStart;
		this.#markStart = undefined;
		if (start === t) this.#message = 'The end is the start: press N for an instant.';
		else this.add(start, t);
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

	/** Pins new regions (and the selected one) to `channel`, or to none. */
	channelSet(channel: string | undefined): void {
		this.#channel = channel;
		const s = this.segments.find((x) => x.id === this.#selected);
		if (!s || s.channel === channel) return;
		this.#save(
			this.segments.map((x) => {
				if (x.id !== s.id) return x;
				const { channel: _old, ...rest } = x;
				return channel ? { ...rest, channel } : rest;
			})
		);
	}

	remove(): void {
		const id = this.#selected;
		if (!id) return;
		this.#save(this.segments.filter((s) => s.id !== id));
		this.#selected = undefined;
		this.#message = 'Region removed.';
	}

	/** Label hotkeys, Delete and Escape; M, N and C are the view's (they need the cursor). */
	key(key: string): boolean {
		if ((key === 'Delete' || key === 'Backspace') && this.#selected) {
			this.remove();
			return true;
		}
		if (key === 'Escape') {
			this.#markStart = undefined;
			this.#selected = undefined;
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
