/**
 * The item of a time series blob: its id is the blob's SHA-256 truncated to 128 bits, as for
 * media, so importing the same recording (or window) twice adds it once. Pure.
 */
import type { Item, ItemId, SeriesInfo } from '../types';
import { SERIES_MIME, type Series } from './series-blob';

/** What the item says about its samples (channels, length, time range). */
export function seriesInfoOf(s: Series, window?: number): SeriesInfo {
	const n = s.time.length;
	return {
		channels: s.channels.map((c) => c.name),
		length: n,
		time: s.timeKind,
		start: n ? (s.time[0] as number) : 0,
		end: n ? (s.time[n - 1] as number) : 0,
		...(window === undefined ? {} : { window })
	};
}

export function seriesItem(opts: {
	sha256: string;
	size: number;
	name: string;
	seq: number;
	info: SeriesInfo;
}): Item {
	return {
		id: opts.sha256.slice(0, 32) as ItemId,
		kind: 'series',
		media: { blob: opts.sha256, mime: SERIES_MIME, size: opts.size, name: opts.name },
		series: opts.info,
		seq: opts.seq,
		source: opts.name
	};
}

/** A time on the series' axis as people read it: an ISO time, or a number of its units. */
export function seriesTimeFormat(t: number, kind: SeriesInfo['time']): string {
	if (kind === 'epoch') {
		const d = new Date(t * 1000);
		return Number.isNaN(d.getTime()) ? String(t) : d.toISOString().replace('.000Z', 'Z');
	}
	const r = Math.abs(t) >= 100 ? t.toFixed(1) : t.toPrecision(4);
	return kind === 'seconds' ? `${Number(r)} s` : String(Number(r));
}
