/**
 * Time maths for audio and video: frames and seconds, and time segments. A frame `n` covers
 * `[n / fps, (n + 1) / fps)`; seeking to its middle lands on it whatever the decoder's rounding.
 */
import type { TimeSegment } from '../types';

/** The frame shown at time `t` seconds (floor, with a small tolerance for float error). */
export function timeToFrame(t: number, fps: number): number {
	if (!(fps > 0) || !Number.isFinite(t) || t <= 0) return 0;
	return Math.floor(t * fps + 1e-6);
}

/** The start time of frame `n`, in seconds. */
export function frameToTime(n: number, fps: number): number {
	return fps > 0 ? Math.max(0, n) / fps : 0;
}

/** The time to seek to so that frame `n` is shown: the middle of its interval. */
export function frameSeekTime(n: number, fps: number): number {
	return fps > 0 ? (Math.max(0, n) + 0.5) / fps : 0;
}

/** Number of whole frames in `duration` seconds. */
export function frameCount(duration: number, fps: number): number {
	return fps > 0 && duration > 0 ? Math.max(1, Math.round(duration * fps)) : 0;
}

/** `m:ss.mmm` (or `h:mm:ss.mmm`), for timelines and screen readers. */
export function timeFormat(t: number): string {
	const ms = Math.round(Math.max(0, t) * 1000);
	const h = Math.floor(ms / 3_600_000);
	const m = Math.floor((ms % 3_600_000) / 60_000);
	const s = Math.floor((ms % 60_000) / 1000);
	const rest = String(ms % 1000).padStart(3, '0');
	const mm = h ? String(m).padStart(2, '0') : String(m);
	return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}.${rest}`;
}

/** A segment from two times in any order, clamped to `[0, duration]`. */
export function segmentFrom(
	a: number,
	b: number,
	duration: number
): { start: number; end: number } {
	const clamp = (x: number) => Math.min(Math.max(0, x), duration);
	return { start: clamp(Math.min(a, b)), end: clamp(Math.max(a, b)) };
}

/** Segments that contain time `t`. */
export function segmentsAt<S extends TimeSegment>(segments: readonly S[], t: number): S[] {
	return segments.filter((s) => s.start <= t && t < s.end);
}

/**
 * Frame rate from the media times (seconds) of frames presented one after another while playing,
 * as `requestVideoFrameCallback` reports them. A busy device drops frames, so most gaps can be two
 * or three frames long and their median under-reads the rate: the frame gap is the shortest gap
 * that occurs at least twice (within 2%), which one stray short gap cannot set either. Falls back
 * to the median when no gap repeats. Undefined with fewer than 5 gaps.
 */
export function fpsFromFrameTimes(times: readonly number[]): number | undefined {
	const gaps: number[] = [];
	for (let i = 1; i < times.length; i++) {
		const d = (times[i] as number) - (times[i - 1] as number);
		if (d > 0) gaps.push(d);
	}
	if (gaps.length < 5) return undefined;
	gaps.sort((a, b) => a - b);
	let gap: number | undefined;
	for (let i = 0; i + 1 < gaps.length && gap === undefined; i++)
		if ((gaps[i + 1] as number) <= (gaps[i] as number) * 1.02) gap = gaps[i + 1] as number;
	if (gap === undefined) {
		const mid = gaps.length >> 1;
		gap =
			gaps.length % 2
				? (gaps[mid] as number)
				: ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
	}
	return Math.round((1 / gap) * 1000) / 1000;
}

/** True when a file's frame rate differs from the task's by more than 5% (frame numbers drift). */
export function fpsDiffers(taskFps: number, fileFps: number): boolean {
	return Math.abs(fileFps - taskFps) / taskFps > 0.05;
}
