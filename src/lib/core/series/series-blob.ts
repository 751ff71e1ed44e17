/**
 * The sample blob of a time series item. Samples are kept out of the project doc (they can be
 * megabytes; the doc syncs to every peer and is kept whole in memory) and stored like media: a
 * content-addressed blob the item refers to.
 *
 * Layout, little-endian: `QSER`, version byte (1), 3 zero bytes, u32 header length H, H bytes of
 * UTF-8 JSON `{ channels: string[], length: n, time }` padded with spaces to a multiple of 8, then
 * the time axis as n Float64, then each channel as n Float32 (NaN where a value is missing).
 */
import { FormatError } from '../errors';
import type { SeriesTimeKind } from '../types';

export const SERIES_MIME = 'application/x-quorum-series';
const MAGIC = 'QSER';
const HEAD = 12;

/** Samples of one series: a time axis and up to 16 channels of the same length. */
export interface Series {
	time: Float64Array;
	channels: { name: string; values: Float32Array }[];
	timeKind: SeriesTimeKind;
}

/** The blob bytes of a series (see the header for the layout). */
export function seriesEncode(s: Series): Uint8Array {
	const n = s.time.length;
	let json = JSON.stringify({
		channels: s.channels.map((c) => c.name),
		length: n,
		time: s.timeKind
	});
	while ((HEAD + new TextEncoder().encode(json).length) % 8) json += ' ';
	const head = new TextEncoder().encode(json);
	const size = HEAD + head.length + n * 8 + s.channels.length * n * 4;
	const out = new Uint8Array(size);
	const view = new DataView(out.buffer);
	for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
	out[4] = 1;
	view.setUint32(8, head.length, true);
	out.set(head, HEAD);
	let at = HEAD + head.length;
	out.set(new Uint8Array(s.time.buffer, s.time.byteOffset, n * 8), at);
	at += n * 8;
	for (const c of s.channels) {
		out.set(new Uint8Array(c.values.buffer, c.values.byteOffset, n * 4), at);
		at += n * 4;
	}
	return out;
}

/** A series from its blob bytes; anything else is a FormatError naming `file`. */
export function seriesDecode(bytes: Uint8Array, file = 'series'): Series {
	const bad = (why: string) => new FormatError(file, undefined, why);
	if (bytes.length < HEAD || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC)
		throw bad('not a Quorum time series blob');
	if (bytes[4] !== 1) throw bad(`time series blob version ${bytes[4]} is not supported`);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const h = view.getUint32(8, true);
	let head: { channels?: unknown; length?: unknown; time?: unknown };
	try {
		head = JSON.parse(new TextDecoder().decode(bytes.subarray(HEAD, HEAD + h))) as typeof head;
	} catch {
		throw bad('the time series header is damaged');
	}
	const { channels, length: n, time } = head;
	if (
		!Array.isArray(channels) ||
		!channels.every((c) => typeof c === 'string') ||
		typeof n !== 'number' ||
		!Number.isInteger(n) ||
		n < 0 ||
		(time !== 'epoch' && time !== 'seconds' && time !== 'number')
	)
		throw bad('the time series header is damaged');
	const at = HEAD + h;
	if (bytes.length !== at + n * 8 + channels.length * n * 4)
		throw bad('the time series blob is truncated');
	// Copy: the typed arrays need aligned offsets, which a sliced Uint8Array may not have.
	const buf = bytes.slice(at).buffer;
	return {
		time: new Float64Array(buf, 0, n),
		channels: (channels as string[]).map((name, i) => ({
			name,
			values: new Float32Array(buf, n * 8 + i * n * 4, n)
		})),
		timeKind: time
	};
}
