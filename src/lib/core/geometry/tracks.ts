/**
 * Edits of video box tracks (CVAT-style shape tracks): a track is a list of keyframes; the box at
 * any other frame is interpolated (see `trackBoxAt`). Editing a box at a frame makes a keyframe
 * there; `outside` ends the track until its next keyframe. Every function returns new values.
 */
import type { Track, TrackKeyframe } from '../types';
import { keyframeBefore, keyframeDelete, keyframeSet, trackBoxAt } from './interpolate';

export interface TrackBox {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** A track's box shown at one frame, and whether that frame is one of its keyframes. */
export interface TrackShown {
	track: Track;
	box: TrackBox;
	keyframe: boolean;
}

/** The boxes every track shows at `frame`, in track order (tracks outside are left out). */
export function tracksAt(tracks: readonly Track[], frame: number): TrackShown[] {
	const out: TrackShown[] = [];
	for (const track of tracks) {
		const b = trackBoxAt(track.keyframes, frame);
		if (b) out.push({ track, box: { x: b.x, y: b.y, w: b.w, h: b.h }, keyframe: b.keyframe });
	}
	return out;
}

/** A new track that starts at `frame` with `box`. */
export function trackNew(opts: {
	id: string;
	label: Track['label'];
	frame: number;
	box: TrackBox;
}): Track {
	const { x, y, w, h } = opts.box;
	return { id: opts.id, label: opts.label, keyframes: [{ frame: opts.frame, x, y, w, h }] };
}

/** The track with its box at `frame` set to `box` as a keyframe (which also ends any outside). */
export function trackBoxSet(track: Track, frame: number, box: TrackBox): Track {
	const { x, y, w, h } = box;
	return { ...track, keyframes: keyframeSet(track.keyframes, { frame, x, y, w, h }) };
}

/**
 * The track marked outside from `frame` (the object left the view): an `outside` keyframe that
 * keeps the last box shown, so the track can resume from it. Unchanged when nothing is shown there.
 */
export function trackOutsideSet(track: Track, frame: number): Track {
	const b = trackBoxAt(track.keyframes, frame);
	if (!b) return track;
	const k: TrackKeyframe = { frame, x: b.x, y: b.y, w: b.w, h: b.h, outside: true };
	return { ...track, keyframes: keyframeSet(track.keyframes, k) };
}

/** The track without its keyframe at `frame`; undefined when that was its last keyframe. */
export function trackKeyframeDelete(track: Track, frame: number): Track | undefined {
	const keyframes = keyframeDelete(track.keyframes, frame);
	if (!keyframes.some((k) => !k.outside)) return undefined;
	return { ...track, keyframes };
}

/** The frame of the track's keyframe before (`dir` -1) or after (+1) `frame`, if any. */
export function trackKeyframeNear(track: Track, frame: number, dir: -1 | 1): number | undefined {
	const ks = track.keyframes;
	if (dir > 0) return ks.find((k) => k.frame > frame)?.frame;
	const i = keyframeBefore(ks, frame - 1);
	return i < 0 ? undefined : ks[i]?.frame;
}

/** True when `frame` is one of the track's keyframes. */
export function trackHasKeyframe(track: Track, frame: number): boolean {
	const i = keyframeBefore(track.keyframes, frame);
	return i >= 0 && track.keyframes[i]?.frame === frame;
}
