/**
 * Box tracks through the frames of one video: draw a box to start a track, move or resize its
 * box on another frame to add a keyframe (interpolated boxes in between are editable too, which
 * makes a keyframe), mark it outside, delete a keyframe or the track, relabel, set attributes.
 * A gesture edits a local draft; only its end is saved (one undo step, through `save`).
 */
import { rectClamp, rectFromCorners, rectResize, type Handle } from '$lib/core/geometry/box';
import {
	trackBoxSet,
	trackHasKeyframe,
	trackKeyframeDelete,
	trackKeyframeNear,
	trackNew,
	trackOutsideSet,
	tracksAt,
	type TrackBox,
	type TrackShown
} from '$lib/core/geometry/tracks';
import { labelByHotkey } from '$lib/core/schema';
import type {
	AnnotationValue,
	LabelId,
	Point,
	TaskId,
	Track,
	VideoTracksTask
} from '$lib/core/types';

export interface TracksEditorDeps {
	task(): VideoTracksTask;
	value(task: TaskId): AnnotationValue | undefined;
	save(task: TaskId, value: AnnotationValue | undefined): void;
	newId(): string;
	/** The frame shown, and the size of the video's frames in pixels. */
	frame(): number;
	size(): { w: number; h: number };
}

/** What a pointer went down on: a track's box, one of its handles, or nothing. */
export type TrackHit =
	| { kind: 'empty' }
	| { kind: 'region'; id: string }
	| { kind: 'handle'; id: string; handle: Handle };

type Gesture =
	| { kind: 'draw'; anchor: Point }
	| { kind: 'move'; anchor: Point; orig: TrackBox; moved: boolean }
	| { kind: 'resize'; anchor: Point; orig: TrackBox; handle: Handle };

const MIN_BOX = 2;

export class TracksEditor {
	#d: TracksEditorDeps;
	#g: Gesture | undefined;
	#selected = $state<string | undefined>(undefined);
	#labelId = $state<LabelId | undefined>(undefined);
	/** The box under a gesture at the shown frame (a new track's, or the selected track's). */
	#draft = $state.raw<TrackBox | undefined>(undefined);
	#message = $state('');

	constructor(deps: TracksEditorDeps) {
		this.#d = deps;
		this.#labelId = deps.task().labels[0]?.id;
	}

	get selected(): string | undefined {
		return this.#selected;
	}

	get labelId(): LabelId | undefined {
		return this.#labelId;
	}

	get draft(): TrackBox | undefined {
		return this.#draft;
	}

	get message(): string {
		return this.#message;
	}

	get tracks(): Track[] {
		const v = this.#d.value(this.#d.task().id);
		return v?.type === 'video-tracks' ? v.tracks : [];
	}

	/** The boxes shown at the current frame. */
	get shown(): TrackShown[] {
		return tracksAt(this.tracks, this.#d.frame());
	}

	get selectedTrack(): Track | undefined {
		return this.tracks.find((t) => t.id === this.#selected);
	}

	/** True when the selected track has a keyframe at the shown frame. */
	get onKeyframe(): boolean {
		const t = this.selectedTrack;
		return !!t && trackHasKeyframe(t, this.#d.frame());
	}

	#write(tracks: Track[]): void {
		const task = this.#d.task();
		this.#d.save(
			task.id,
			tracks.length ? { type: 'video-tracks', fps: task.fps ?? 25, tracks } : undefined
		);
	}

	#put(track: Track): void {
		const list = this.tracks;
		const i = list.findIndex((t) => t.id === track.id);
		this.#write(i < 0 ? [...list, track] : list.map((t) => (t.id === track.id ? track : t)));
	}

	#clamp(b: TrackBox): TrackBox {
		const { w, h } = this.#d.size();
		const { x, y, w: bw, h: bh } = rectClamp(b, w, h);
		return { x, y, w: bw, h: bh };
	}

	#clampPoint(p: Point): Point {
		const { w, h } = this.#d.size();
		return [Math.min(w, Math.max(0, p[0])), Math.min(h, Math.max(0, p[1]))];
	}

	#boxOf(id: string): TrackBox | undefined {
		return this.shown.find((s) => s.track.id === id)?.box;
	}

	down(p: Point, hit: TrackHit): void {
		this.#message = '';
		const box = hit.kind === 'empty' ? undefined : this.#boxOf(hit.id);
		if (hit.kind === 'handle' && box) {
			this.select(hit.id);
			this.#g = { kind: 'resize', anchor: p, orig: box, handle: hit.handle };
			return;
		}
		if (hit.kind === 'region' && box) {
			this.select(hit.id);
			this.#g = { kind: 'move', anchor: p, orig: box, moved: false };
			return;
		}
		if (!this.#labelId) {
			this.#message = 'Add a label to this task first.';
			return;
		}
		const q = this.#clampPoint(p);
		this.#selected = undefined;
		this.#g = { kind: 'draw', anchor: q };
		this.#draft = { x: q[0], y: q[1], w: 0, h: 0 };
	}

	move(p: Point): void {
		const g = this.#g;
		if (!g) return;
		if (g.kind === 'draw') this.#draft = rectFromCorners(g.anchor, this.#clampPoint(p));
		else if (g.kind === 'move') {
			const dx = p[0] - g.anchor[0];
			const dy = p[1] - g.anchor[1];
			g.moved ||= Math.abs(dx) + Math.abs(dy) > 0.5;
			this.#draft = this.#clamp({ ...g.orig, x: g.orig.x + dx, y: g.orig.y + dy });
		} else {
			const r = rectResize(g.orig, g.handle, p[0] - g.anchor[0], p[1] - g.anchor[1]);
			this.#draft = this.#clamp(r);
		}
	}

	up(): void {
		const g = this.#g;
		const d = this.#draft;
		this.#g = undefined;
		this.#draft = undefined;
		if (!g || !d) return;
		if (g.kind === 'draw') {
			if (d.w < MIN_BOX || d.h < MIN_BOX) return;
			this.#start(d);
			return;
		}
		if (g.kind === 'move' && !g.moved) return;
		this.boxSet(d);
	}

	cancel(): void {
		this.#g = undefined;
		this.#draft = undefined;
	}

	/** Starts a new track at the shown frame with the current label. */
	#start(box: TrackBox): void {
		if (!this.#labelId) return;
		const t = trackNew({ id: this.#d.newId(), label: this.#labelId, frame: this.#d.frame(), box });
		this.#put(t);
		this.#selected = t.id;
		this.#message = 'Track started. Step to another frame and move the box to add a keyframe.';
	}

	/** Sets the selected track's box at the shown frame: a keyframe. */
	boxSet(box: TrackBox): void {
		const t = this.selectedTrack;
		if (!t) return;
		this.#put(trackBoxSet(t, this.#d.frame(), this.#clamp(box)));
	}

	/** Starts a track with a box in the middle of the frame (drawing without a pointer). */
	boxAdd(): void {
		const { w, h } = this.#d.size();
		const s = Math.max(MIN_BOX, Math.round(Math.min(w, h) / 4));
		this.#start(this.#clamp({ x: (w - s) / 2, y: (h - s) / 2, w: s, h: s }));
	}

	/**
	 * Marks the selected track outside from the shown frame; on a frame where it is already
	 * outside, removes that mark (the track continues).
	 */
	outsideToggle(): void {
		const t = this.selectedTrack;
		if (!t) return;
		const f = this.#d.frame();
		const k = t.keyframes.find((x) => x.frame === f);
		if (k?.outside) {
			this.#put({ ...t, keyframes: t.keyframes.filter((x) => x !== k) });
			this.#message = 'Track continues from here.';
		} else if (this.#boxOf(t.id)) {
			this.#put(trackOutsideSet(t, f));
			this.#message = 'Track marked outside from this frame until its next keyframe.';
		} else this.#message = 'The track is not shown on this frame.';
	}

	/** Deletes the selected track's keyframe at the shown frame (the track with its last one). */
	keyframeDelete(): void {
		const t = this.selectedTrack;
		if (!t || !trackHasKeyframe(t, this.#d.frame())) return;
		const next = trackKeyframeDelete(t, this.#d.frame());
		if (next) this.#put(next);
		else this.trackDelete();
	}

	trackDelete(): void {
		const id = this.#selected;
		if (!id) return;
		this.#write(this.tracks.filter((t) => t.id !== id));
		this.#selected = undefined;
		this.#message = 'Track deleted.';
	}

	/** The frame of the selected track's keyframe before or after the shown one. */
	keyframeNear(dir: -1 | 1): number | undefined {
		const t = this.selectedTrack;
		return t && trackKeyframeNear(t, this.#d.frame(), dir);
	}

	select(id: string | undefined): void {
		this.#selected = id;
		const t = this.selectedTrack;
		if (t) this.#labelId = t.label;
	}

	labelSet(id: LabelId): void {
		this.#labelId = id;
		const t = this.selectedTrack;
		if (t && t.label !== id) this.#put({ ...t, label: id });
	}

	attrSet(id: string, value: boolean | string): void {
		const t = this.selectedTrack;
		if (t) this.#put({ ...t, attrs: { ...t.attrs, [id]: value } });
	}

	/** Moves (or with `resize`, grows) the selected track's box at the shown frame. */
	nudge(dx: number, dy: number, resize: boolean): void {
		const t = this.#selected && this.#boxOf(this.#selected);
		if (!t) return;
		this.boxSet(
			resize
				? { ...t, w: Math.max(MIN_BOX, t.w + dx), h: Math.max(MIN_BOX, t.h + dy) }
				: { ...t, x: t.x + dx, y: t.y + dy }
		);
	}

	/**
	 * Editing keys (playback keys are the player's): N new track, O outside, K delete keyframe,
	 * Delete removes the track, Tab selects the next shown track, Alt+arrows move the box
	 * (Alt+Shift+arrows resize), label hotkeys relabel. Returns true when used.
	 */
	key(e: { key: string; shiftKey: boolean; altKey: boolean }): boolean {
		const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
		const arrows: Record<string, Point> = {
			ArrowLeft: [-1, 0],
			ArrowRight: [1, 0],
			ArrowUp: [0, -1],
			ArrowDown: [0, 1]
		};
		const dir = arrows[k];
		if (dir && e.altKey) {
			this.nudge(dir[0] * (e.shiftKey ? 1 : 2), dir[1] * (e.shiftKey ? 1 : 2), e.shiftKey);
			return true;
		}
		if (e.altKey) return false;
		if (k === 'n') this.boxAdd();
		else if (k === 'o') this.outsideToggle();
		else if (k === 'k') this.keyframeDelete();
		else if ((k === 'Delete' || k === 'Backspace') && this.#selected) this.trackDelete();
		else if (k === 'Escape') this.#selected = undefined;
		else if (k === 'Tab' && !e.shiftKey) {
			const ids = this.shown.map((s) => s.track.id);
			const i = ids.indexOf(this.#selected ?? '');
			if (!ids.length || i === ids.length - 1) return false;
			this.select(ids[i + 1]);
		} else {
			const label = labelByHotkey(this.#d.task(), k);
			if (!label) return false;
			this.labelSet(label.id);
		}
		return true;
	}
}
