/**
 * LAS (ASPRS LiDAR exchange, versions 1.0–1.4): x, y, z (scaled integers plus the header's
 * offset), intensity, and the colour of point formats that carry one. Positions are kept
 * relative to the header's minimum corner (rounded down to whole units), which becomes the
 * cloud's origin, so map coordinates in the millions keep their centimetres in Float32.
 * Compressed LAZ files are refused with a message saying so. Pure.
 */
import { FormatError } from '../errors';
import type { PointCloud } from './cloud';

/** Where the red, green, blue words sit in a point record, by point format. */
const RGB_AT: Record<number, number> = { 2: 20, 3: 28, 5: 28, 7: 30, 8: 30, 10: 30 };
const MIN_RECORD: Record<number, number> = {
	0: 20,
	1: 28,
	2: 26,
	3: 34,
	4: 57,
	5: 63,
	6: 30,
	7: 36,
	8: 38,
	9: 59,
	10: 67
};

export function parseLas(bytes: Uint8Array, file = 'cloud.las'): PointCloud {
	const bad = (why: string) => new FormatError(file, undefined, why);
	if (bytes.length < 227 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'LASF')
		throw bad('not a LAS file: it does not start with "LASF"');
	const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const [major, minor] = [v.getUint8(24), v.getUint8(25)];
	if (major !== 1 || minor > 4)
		throw bad(`LAS version ${major}.${minor} is not supported (1.0–1.4 are)`);
	const dataAt = v.getUint32(96, true);
	const rawFormat = v.getUint8(104);
	if (rawFormat & 0xc0)
		throw bad(
			'this is a compressed LAZ file; decompress it to LAS (e.g. with laszip) and import that'
		);
	const format = rawFormat & 0x3f;
	const stride = v.getUint16(105, true);
	if (MIN_RECORD[format] === undefined) throw bad(`LAS point format ${format} is not supported`);
	if (stride < MIN_RECORD[format]!)
		throw bad(`LAS point records of ${stride} bytes are too short for format ${format}`);
	let n = v.getUint32(107, true);
	if (n === 0 && minor >= 4 && bytes.length >= 255) n = Number(v.getBigUint64(247, true));
	const scale = [v.getFloat64(131, true), v.getFloat64(139, true), v.getFloat64(147, true)];
	const offset = [v.getFloat64(155, true), v.getFloat64(163, true), v.getFloat64(171, true)];
	const mins = [v.getFloat64(187, true), v.getFloat64(203, true), v.getFloat64(219, true)];
	const origin = mins.map((m) => (Number.isFinite(m) ? Math.floor(m) : 0)) as [
		number,
		number,
		number
	];
	if (dataAt + n * stride > bytes.length)
		throw bad(`LAS file is truncated: its header says ${n} points of ${stride} bytes`);
	const positions = new Float32Array(n * 3);
	const intensity = new Float32Array(n);
	const rgbAt = RGB_AT[format];
	const rgb = rgbAt === undefined ? undefined : new Uint8Array(n * 3);
	// Colours are 16-bit; some writers store 8-bit values in them. Scale by the largest seen.
	let maxColour = 0;
	for (let i = 0; i < n; i++) {
		const at = dataAt + i * stride;
		for (let k = 0; k < 3; k++)
			positions[i * 3 + k] = v.getInt32(at + k * 4, true) * scale[k]! + offset[k]! - origin[k]!;
		intensity[i] = v.getUint16(at + 12, true);
		if (rgbAt !== undefined)
			for (let k = 0; k < 3; k++)
				maxColour = Math.max(maxColour, v.getUint16(at + rgbAt + k * 2, true));
	}
	if (rgb && rgbAt !== undefined) {
		const shift = maxColour > 255 ? 8 : 0;
		for (let i = 0; i < n; i++)
			for (let k = 0; k < 3; k++)
				rgb[i * 3 + k] = v.getUint16(dataAt + i * stride + rgbAt + k * 2, true) >> shift;
	}
	return { count: n, positions, origin, intensity, rgb };
}
