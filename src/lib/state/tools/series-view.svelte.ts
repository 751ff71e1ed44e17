/**
 * The view of one time series item: its samples (loaded from their blob once), the visible time
 * range with zoom and pan, and the cursor. Drawing asks `columns()` for the min and max of each
 * pixel column, which the channel's min/max pyramid answers in O(width · log n) at any zoom.
 */
import {
	minMaxAll,
	minMaxColumns,
	minMaxPyramid,
	timeIndex,
	type Columns,
	type MinMaxPyramid
} from '$lib/core/series/decimate';
import { seriesDecode, type Series } from '$lib/core/series/series-blob';

/** Fewest samples the view shows when zoomed in all the way. */
const MIN_SAMPLES = 8;

export class SeriesView {
	#series = $state.raw<Series | undefined>(undefined);
	#pyramids: MinMaxPyramid[] = [];
	#yRanges: [number, number][] = [];
	#error = $state('');
	#t0 = $state(0);
	#t1 = $state(1);
	#cursor = $state<number | undefined>(undefined);

	/** Decodes the blob's bytes and shows the whole series. */
	async open(bytes: () => Promise<Uint8Array>, name = 'series'): Promise<void> {
		try {
			this.seriesSet(seriesDecode(await bytes(), name));
		} catch (e) {
			this.#error = `This time series cannot be shown: ${e instanceof Error ? e.message : String(e)}`;
		}
	}

	/** Shows `s`, built pyramids and all, fitted to the view. */
	seriesSet(s: Series): void {
		this.#pyramids = s.channels.map((c) => minMaxPyramid(c.values));
		this.#yRanges = this.#pyramids.map((p) => minMaxAll(p));
		this.#series = s;
		this.fit();
	}

	get series(): Series | undefined {
		return this.#series;
	}
	get error(): string {
		return this.#error;
	}
	get t0(): number {
		return this.#t0;
	}
	get t1(): number {
		return this.#t1;
	}
	get cursor(): number | undefined {
		return this.#cursor;
	}
	/** First and last sample time. */
	get start(): number {
		return this.#series?.time[0] ?? 0;
	}
	get end(): number {
		const t = this.#series?.time;
		return t && t.length ? (t[t.length - 1] as number) : 1;
	}
	/** Whether the whole series is in view. */
	get isFit(): boolean {
		return this.#t0 <= this.start && this.#t1 >= this.end;
	}

	/** Min and max of channel `c` per pixel column of the visible range. */
	columns(c: number, width: number): Columns | undefined {
		const s = this.#series;
		const p = this.#pyramids[c];
		if (!s || !p) return undefined;
		return minMaxColumns(s.time, p, { t0: this.#t0, t1: this.#t1, width });
	}

	/** Indices `[i, j)` of the samples in view, widened by one on each side for drawing lines. */
	visible(): [number, number] {
		const time = this.#series?.time;
		if (!time) return [0, 0];
		const i = Math.max(0, timeIndex(time, this.#t0) - 1);
		const j = Math.min(time.length, timeIndex(time, this.#t1) + 1);
		return [i, j];
	}

	/** The y range of channel `c` over the whole series. */
	yRange(c: number): [number, number] {
		return this.#yRanges[c] ?? [0, 1];
	}

	/** The sample nearest to `t`: its index, or -1 with no samples. */
	nearest(t: number): number {
		const time = this.#series?.time;
		if (!time || time.length === 0) return -1;
		const i = Math.min(time.length - 1, timeIndex(time, t));
		return i > 0 && t - (time[i - 1] as number) < (time[i] as number) - t ? i - 1 : i;
	}

	fit(): void {
		const span = this.end - this.start;
		this.#t0 = this.start;
		this.#t1 = span > 0 ? this.end : this.start + 1;
	}

	/** Shows `[t0, t1]`, kept inside the series and no narrower than a few samples. */
	rangeSet(t0: number, t1: number): void {
		const full = Math.max(this.end - this.start, 1e-9);
		const n = this.#series?.time.length ?? 1;
		const minSpan = Math.min(full, (full / Math.max(1, n - 1)) * MIN_SAMPLES);
		let span = Math.min(full, Math.max(minSpan, t1 - t0));
		let a = t0 + (t1 - t0 - span) / 2;
		if (!Number.isFinite(a) || !Number.isFinite(span)) return this.fit();
		if (a < this.start) a = this.start;
		if (a + span > this.end) a = this.end - span;
		if (span <= 0) span = full;
		this.#t0 = a;
		this.#t1 = a + span;
	}

	/** Zooms by `factor` (> 1 zooms in) keeping time `at` (default: the middle) in place. */
	zoom(factor: number, at = (this.#t0 + this.#t1) / 2): void {
		const a = at - (at - this.#t0) / factor;
		const b = at + (this.#t1 - at) / factor;
		this.rangeSet(a, b);
	}

	/** Pans by a fraction of the visible span (negative: back in time). */
	pan(fraction: number): void {
		const d = (this.#t1 - this.#t0) * fraction;
		const span = this.#t1 - this.#t0;
		const a = Math.min(Math.max(this.start, this.#t0 + d), this.end - span);
		this.#t0 = a;
		this.#t1 = a + span;
	}

	cursorSet(t: number | undefined): void {
		this.#cursor = t;
	}

	/** Arrows pan, + and − zoom, 0 fits, Home and End jump. Returns true when used. */
	key(key: string, shift = false): boolean {
		const span = this.#t1 - this.#t0;
		switch (key) {
			case 'ArrowLeft':
				this.pan(shift ? -0.5 : -0.1);
				return true;
			case 'ArrowRight':
				this.pan(shift ? 0.5 : 0.1);
				return true;
			case '+':
			case '=':
				this.zoom(2, this.#cursor);
				return true;
			case '-':
			case '_':
				this.zoom(0.5, this.#cursor);
				return true;
			case '0':
				this.fit();
				return true;
			case 'Home':
				this.rangeSet(this.start, this.start + span);
				return true;
			case 'End':
				this.rangeSet(this.end - span, this.end);
				return true;
		}
		return false;
	}
}
