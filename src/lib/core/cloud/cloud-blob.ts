/**
 * The point blob of a point cloud item. Points are kept out of the project doc (a frame is
 * megabytes) and stored like media: a content-addressed blob the item refers to.
 *
 * Layout, little-endian: `QPCL`, version byte (1), 3 zero bytes, u32 header length H, H bytes of
 * UTF-8 JSON `{ count, origin, intensity, rgb }` padded with spaces to a multiple of 8 (from the
 * start), then positions as count × 3 Float32, intensity as count Float32 if present, and colours
 * as count × 3 bytes if present.
 */
import { FormatError } from '../errors';
import type { CloudInfo } from '../types';
import { cloudBounds, type PointCloud } from './cloud';

export const CLOUD_MIME = 'application/x-quorum-pointcloud';
const MAGIC = 'QPCL';
const HEAD = 12;

export function cloudEncode(c: PointCloud): Uint8Array {
	const n = c.count;
	let json = JSON.stringify({ count: n, origin: c.origin, intensity: !!c.intensity, rgb: !!c.rgb });
	while ((HEAD + new TextEncoder().encode(json).length) % 8) json += ' ';
	const head = new TextEncoder().encode(json);
	const size = HEAD + head.length + n * 12 + (c.intensity ? n * 4 : 0) + (c.rgb ? n * 3 : 0);
	const out = new Uint8Array(size);
	for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
	out[4] = 1;
	new DataView(out.buffer).setUint32(8, head.length, true);
	out.set(head, HEAD);
	let at = HEAD + head.length;
	out.set(new Uint8Array(c.positions.buffer, c.positions.byteOffset, n * 12), at);
	at += n * 12;
	if (c.intensity) {
		out.set(new Uint8Array(c.intensity.buffer, c.intensity.byteOffset, n * 4), at);
		at += n * 4;
	}
	if (c.rgb) out.set(c.rgb.subarray(0, n * 3), at);
	return out;
}

export function cloudDecode(bytes: Uint8Array, file = 'point cloud'): PointCloud {
	const bad = (why: string) => new FormatError(file, undefined, why);
	if (bytes.length < HEAD || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC)
		throw bad('not a Quorum point cloud blob');
	if (bytes[4] !== 1) throw bad(`point cloud blob version ${bytes[4]} is not supported`);
	const h = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
	let head: { count?: unknown; origin?: unknown; intensity?: unknown; rgb?: unknown };
	try {
		head = JSON.parse(new TextDecoder().decode(bytes.subarray(HEAD, HEAD + h))) as typeof head;
	} catch {
		throw bad('the point cloud header is damaged');
	}
	const n = head.count;
	const origin = head.origin;
	if (
		typeof n !== 'number' ||
		!Number.isInteger(n) ||
		n < 0 ||
		!Array.isArray(origin) ||
		origin.length !== 3 ||
		!origin.every((x) => typeof x === 'number')
	)
		throw bad('the point cloud header is damaged');
	const at = HEAD + h;
	const want = n * 12 + (head.intensity ? n * 4 : 0) + (head.rgb ? n * 3 : 0);
	if (bytes.length !== at + want) throw bad('the point cloud blob is truncated');
	// Copy: Float32Array needs an aligned offset, which a sliced Uint8Array may not have.
	const buf = bytes.slice(at).buffer;
	return {
		count: n,
		positions: new Float32Array(buf, 0, n * 3),
		origin: origin as [number, number, number],
		intensity: head.intensity ? new Float32Array(buf, n * 12, n) : undefined,
		rgb: head.rgb ? new Uint8Array(buf, n * 12 + (head.intensity ? n * 4 : 0), n * 3) : undefined
	};
}

/** What the item says about its points. */
export function cloudInfoOf(c: PointCloud, sequence?: { name: string; frame: number }): CloudInfo {
	const b = cloudBounds(c);
	return {
		count: c.count,
		min: b.min,
		max: b.max,
		origin: c.origin,
		intensity: !!c.intensity,
		rgb: !!c.rgb,
		...(sequence ? { sequence: sequence.name, frame: sequence.frame } : {})
	};
}
