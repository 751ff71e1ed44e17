/**
 * One video element driven frame by frame: its URL, duration (found by seeking when the file has
 * none in its header), the current time and frame, play and pause, and seeks that land in the
 * middle of a frame. Shared by the action-segments and box-tracks tools.
 */
import {
	fpsDiffers,
	fpsFromFrameTimes,
	frameCount,
	frameSeekTime,
	timeToFrame
} from '$lib/core/geometry/time';
import type { MediaRef } from '$lib/core/types';

export interface VideoPlayerDeps {
	media(): MediaRef;
	mediaUrl(ref: MediaRef): Promise<string>;
	/** Frames per second the task counts in. */
	fps(): number;
}

/** Quiet time after the last seek or play before the frame-rate probe starts. */
const PROBE_IDLE_MS = 1500;

export class VideoPlayer {
	#d: VideoPlayerDeps;
	#el: HTMLVideoElement | undefined;
	#live = true;
	#probeTimer: ReturnType<typeof setTimeout> | undefined;
	/** A probe ran to its end (with or without an answer): it is not tried again. */
	#probed = false;
	/** Stops a running probe (the user seeks or plays: their frames come first). */
	#probeStop: (() => void) | undefined;
	#url = $state('');
	#error = $state('');
	#duration = $state(0);
	#now = $state(0);
	#playing = $state(false);
	#width = $state(0);
	#height = $state(0);
	#fileFps = $state<number | undefined>(undefined);
	readonly #fps = $derived.by(() => this.#d.fps());
	readonly #frame = $derived(timeToFrame(this.#now, this.#fps));
	readonly #frames = $derived(frameCount(this.#duration, this.#fps));

	/** The video's object or remote URL, once known. */
	get url(): string {
		return this.#url;
	}

	get error(): string {
		return this.#error;
	}

	/** Length in seconds (0 until known). */
	get duration(): number {
		return this.#duration;
	}

	/** The current time in seconds. */
	get now(): number {
		return this.#now;
	}

	get playing(): boolean {
		return this.#playing;
	}

	/** Size of the video's frames in pixels, once its metadata is loaded. */
	get width(): number {
		return this.#width;
	}

	get height(): number {
		return this.#height;
	}

	/** Frames per second the task counts in. */
	get fps(): number {
		return this.#fps;
	}

	/** The file's own frame rate, measured by playing a hidden copy (undefined until known). */
	get fileFps(): number | undefined {
		return this.#fileFps;
	}

	/** A warning when the file's frame rate is not the one the task counts in. */
	get fpsWarning(): string {
		const file = this.#fileFps;
		if (!file || !fpsDiffers(this.#fps, file)) return '';
		return `This video plays at ${Math.round(file * 100) / 100} frames per second, but the task counts ${this.#fps}: frame numbers will not match the file's frames. Set the task's frames per second on the Tasks page.`;
	}

	/** The frame shown (0-based). */
	get frame(): number {
		return this.#frame;
	}

	/** How many frames the clip has (0 until its duration is known). */
	get frames(): number {
		return this.#frames;
	}

	constructor(deps: VideoPlayerDeps) {
		this.#d = deps;
		deps
			.mediaUrl(deps.media())
			.then((u) => this.#live && (this.#url = u))
			.catch(
				(e: unknown) => this.#live && (this.#error = e instanceof Error ? e.message : String(e))
			);
	}

	/** Binds the element; call from its `loadedmetadata` event. */
	loaded(v: HTMLVideoElement): void {
		this.#el = v;
		this.#probeSoon();
		this.#width = v.videoWidth;
		this.#height = v.videoHeight;
		if (Number.isFinite(v.duration)) {
			this.#duration = v.duration;
			return;
		}
		// Recorded WebM often has no duration in its header: seeking far ahead makes the browser find it.
		v.addEventListener('durationchange', () => {
			if (!Number.isFinite(v.duration) || this.#duration) return;
			this.#duration = v.duration;
			v.currentTime = 0;
		});
		v.currentTime = 1e7;
	}

	/** Reads the element's time (on `timeupdate` and `seeked`). */
	sync(): void {
		if (this.#el) this.#now = this.#el.currentTime;
	}

	/** Follows the element's `play` and `pause` events. */
	playingSet(playing: boolean): void {
		this.#playing = playing;
	}

	/** Pauses and shows frame `n` (clamped to the clip). */
	frameGo(n: number): void {
		const v = this.#el;
		if (!v || !this.frames) return;
		this.#probeSoon();
		v.pause();
		const t = frameSeekTime(Math.max(0, Math.min(this.frames - 1, n)), this.fps);
		v.currentTime = t;
		this.#now = t;
	}

	pause(): void {
		this.#el?.pause();
	}

	toggle(): void {
		const v = this.#el;
		if (!v) return;
		this.#probeSoon();
		if (v.paused) void v.play();
		else v.pause();
	}

	/** Playback keys: Space, arrows (Shift: one second), Home, End. Returns true when used. */
	key(e: { key: string; shiftKey: boolean }): boolean {
		const step = e.shiftKey ? Math.round(this.fps) : 1;
		if (e.key === ' ') this.toggle();
		else if (e.key === 'ArrowRight') this.frameGo(this.frame + step);
		else if (e.key === 'ArrowLeft') this.frameGo(this.frame - step);
		else if (e.key === 'Home') this.frameGo(0);
		else if (e.key === 'End') this.frameGo(this.frames - 1);
		else return false;
		return true;
	}

	/**
	 * (Re)schedules the frame-rate probe for when the player has been quiet for a moment, and stops
	 * one that is running: its hidden copy decodes the same file, which would slow the seeks and
	 * playback the user asked for (tools.video_seek_ms).
	 */
	#probeSoon(): void {
		this.#probeStop?.();
		clearTimeout(this.#probeTimer);
		if (!this.#live || this.#probed || !this.#el) return;
		const el = this.#el;
		this.#probeTimer = setTimeout(() => {
			if (el.paused) void this.#fpsProbe(el.src);
			else this.#probeSoon();
		}, PROBE_IDLE_MS);
	}

	/**
	 * Plays a hidden, muted copy for about half a second and reads the media time of each frame it
	 * presents (requestVideoFrameCallback), so frame counting can be checked against the file.
	 * Browsers without the callback, or that refuse to play, leave `fileFps` unknown; a probe
	 * stopped by a seek or play is tried again once the player is quiet.
	 */
	async #fpsProbe(src: string): Promise<void> {
		if (typeof HTMLVideoElement === 'undefined') return;
		if (!('requestVideoFrameCallback' in HTMLVideoElement.prototype)) return;
		const v = document.createElement('video');
		v.muted = true;
		v.playsInline = true;
		v.preload = 'auto';
		v.src = src;
		const times: number[] = [];
		let stopped = false;
		try {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, 3000);
				const end = () => {
					clearTimeout(timer);
					resolve();
				};
				this.#probeStop = () => {
					stopped = true;
					end();
				};
				const onFrame = (_: number, m: VideoFrameCallbackMetadata) => {
					if (stopped) return;
					times.push(m.mediaTime);
					if (times.length >= 16 || !this.#live) end();
					else v.requestVideoFrameCallback(onFrame);
				};
				v.requestVideoFrameCallback(onFrame);
				v.play().catch(end);
			});
		} finally {
			this.#probeStop = undefined;
			v.pause();
			v.removeAttribute('src');
			v.load();
		}
		if (stopped) return;
		this.#probed = true;
		// The first frame after play() may be shown twice or late: skip it.
		const fps = fpsFromFrameTimes(times.slice(1));
		if (this.#live && fps) this.#fileFps = fps;
	}

	destroy(): void {
		this.#live = false;
		clearTimeout(this.#probeTimer);
		this.#probeStop?.();
		this.#el = undefined;
	}
}
