/**
 * Box tracks through video frames: the box at any frame from the track's keyframes, by linear
 * interpolation between the keyframes around it (as CVAT does for shape tracks).
 */
import type { TrackKeyframe } from '../types';

export const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

/** Index of the last keyframe at or before `frame`, or -1. Keyframes are sorted by frame. */
export function keyframeBefore(keyframes: readonly TrackKeyframe[], frame: number): number {
	let lo = 0;
	let hi = keyframes.length - 1;
	let ans = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if ((keyframes[mid] as TrackKeyframe).frame <= frame) {
			ans = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return ans;
}

/**
 * The track's box at `frame`: a keyframe's own box, or the linear blend of the keyframes before
 * and after. Undefined before the first keyframe, after the last one unless it is held (the last
 * keyframe holds until the end), and between an `outside` keyframe and the next one.
 */
export function trackBoxAt(
	keyframes: readonly TrackKeyframe[],
	frame: number
): { x: number; y: number; w: number; h: number; keyframe: boolean } | undefined {
	const i = keyframeBefore(keyframes, frame);
	if (i < 0) return undefined;
	const a = keyframes[i] as TrackKeyframe;
	if (a.outside) return undefined;
	if (a.frame === frame) return { x: a.x, y: a.y, w: a.w, h: a.h, keyframe: true };
	const b = keyframes[i + 1];
	if (!b) return { x: a.x, y: a.y, w: a.w, h: a.h, keyframe: false };
	const t = (frame - a.frame) / (b.frame - a.frame);
	return {
		x: lerp(a.x, b.x, t),
		y: lerp(a.y, b.y, t),
		w: lerp(a.w, b.w, t),
		h: lerp(a.h, b.h, t),
		keyframe: false
	};
}

/** A copy of the keyframes with `k` set at its frame (replacing one there), kept sorted. */
export function keyframeSet(
	keyframes: readonly TrackKeyframe[],
	k: TrackKeyframe
): TrackKeyframe[] {
	const out = keyframes.filter((x) => x.frame !== k.frame);
	const i = keyframeBefore(out, k.frame);
	out.splice(i + 1, 0, k);
	return out;
}

export function keyframeDelete(
	keyframes: readonly TrackKeyframe[],
	frame: number
): TrackKeyframe[] {
	return keyframes.filter((k) => k.frame !== frame);
}
