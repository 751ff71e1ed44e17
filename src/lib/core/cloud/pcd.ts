/**
 * PCD (the Point Cloud Library's format, version 0.7): `ascii`, `binary` (one record per point)
 * and `binary_compressed` (LZF over the fields laid out one after another). Reads x, y, z,
 * `intensity` and a packed `rgb`/`rgba` colour; other fields are skipped. Points whose x, y or z
 * is NaN (missing returns in organized clouds) are dropped. Pure.
 */
import { FormatError } from '../errors';
import { dropNonFinite, type PointCloud } from './cloud';
import { lzfDecompress } from './lzf';

interface PcdField {
	name: string;
	size: number;
	type: 'F' | 'U' | 'I';
	count: number;
	/** Byte offset of the field inside one binary record. */
	offset: number;
}

interface PcdHeader {
	fields: PcdField[];
	points: number;
	data: 'ascii' | 'binary' | 'binary_compressed';
	/** Byte offset of the data after the DATA line. */
	start: number;
	stride: number;
}

function readHeader(bytes: Uint8Array, file: string): PcdHeader {
	const rec: Record<string, string[]> = {};
	let at = 0;
	let line = 0;
	while (at < bytes.length) {
		let end = bytes.indexOf(10, at);
		if (end < 0) end = bytes.length;
		line++;
		const text = new TextDecoder().decode(bytes.subarray(at, end)).trim();
		at = end + 1;
		if (!text || text.startsWith('#')) continue;
		const [key, ...rest] = text.split(/\s+/);
		rec[key!.toUpperCase()] = rest;
		if (key!.toUpperCase() === 'DATA') break;
		if (line > 64) break;
	}
	const names = rec['FIELDS'];
	const data = rec['DATA']?.[0]?.toLowerCase();
	if (!names || !data)
		throw new FormatError(file, undefined, 'not a PCD file: no FIELDS or DATA line');
	if (data !== 'ascii' && data !== 'binary' && data !== 'binary_compressed')
		throw new FormatError(
			file,
			undefined,
			`PCD data "${data}" is not ascii, binary or binary_compressed`
		);
	const sizes = rec['SIZE'] ?? names.map(() => '4');
	const types = rec['TYPE'] ?? names.map(() => 'F');
	const counts = rec['COUNT'] ?? names.map(() => '1');
	let offset = 0;
	const fields = names.map((name, i): PcdField => {
		const size = Number(sizes[i]);
		const type = (types[i] ?? '').toUpperCase();
		const count = Number(counts[i] ?? 1);
		if (
			![1, 2, 4, 8].includes(size) ||
			(type !== 'F' && type !== 'U' && type !== 'I') ||
			!(count >= 1)
		)
			throw new FormatError(file, undefined, `PCD field "${name}" has an unknown SIZE/TYPE/COUNT`);
		const f = { name: name.toLowerCase(), size, type: type as PcdField['type'], count, offset };
		offset += size * count;
		return f;
	});
	const width = Number(rec['WIDTH']?.[0] ?? NaN);
	const height = Number(rec['HEIGHT']?.[0] ?? 1);
	const points = Number(rec['POINTS']?.[0] ?? width * height);
	if (!Number.isInteger(points) || points < 0)
		throw new FormatError(file, undefined, 'PCD header has no valid POINTS (or WIDTH and HEIGHT)');
	if (
		!fields.some((f) => f.name === 'x') ||
		!fields.some((f) => f.name === 'y') ||
		!fields.some((f) => f.name === 'z')
	)
		throw new FormatError(file, undefined, 'PCD file has no x, y and z fields');
	return { fields, points, data, start: Math.min(at, bytes.length), stride: offset };
}

function reader(view: DataView, f: PcdField): (at: number) => number {
	if (f.type === 'F')
		return f.size === 8 ? (a) => view.getFloat64(a, true) : (a) => view.getFloat32(a, true);
	if (f.type === 'U')
		return f.size === 1
			? (a) => view.getUint8(a)
			: f.size === 2
				? (a) => view.getUint16(a, true)
				: f.size === 4
					? (a) => view.getUint32(a, true)
					: (a) => Number(view.getBigUint64(a, true));
	return f.size === 1
		? (a) => view.getInt8(a)
		: f.size === 2
			? (a) => view.getInt16(a, true)
			: f.size === 4
				? (a) => view.getInt32(a, true)
				: (a) => Number(view.getBigInt64(a, true));
}

/** A cloud from the bytes of a PCD file; a FormatError naming `file` if it cannot be read. */
export function parsePcd(bytes: Uint8Array, file = 'cloud.pcd'): PointCloud {
	const h = readHeader(bytes, file);
	const n = h.points;
	const byName = (name: string) => h.fields.find((f) => f.name === name);
	const [fx, fy, fz] = [byName('x')!, byName('y')!, byName('z')!];
	const fi = byName('intensity');
	const packed = byName('rgb') ?? byName('rgba');
	const fc = packed?.size === 4 ? packed : undefined;
	const positions = new Float32Array(n * 3);
	const intensity = fi ? new Float32Array(n) : undefined;
	const rgb = fc ? new Uint8Array(n * 3) : undefined;
	const setColour = (i: number, packed: number) => {
		rgb![i * 3] = (packed >>> 16) & 255;
		rgb![i * 3 + 1] = (packed >>> 8) & 255;
		rgb![i * 3 + 2] = packed & 255;
	};
	if (h.data === 'ascii') {
		const text = new TextDecoder().decode(bytes.subarray(h.start));
		const index = (f: PcdField) =>
			h.fields.slice(0, h.fields.indexOf(f)).reduce((s, g) => s + g.count, 0);
		const [ix, iy, iz] = [index(fx), index(fy), index(fz)];
		const ii = fi ? index(fi) : -1;
		const ic = fc ? index(fc) : -1;
		const f32 = new Float32Array(1);
		const u32 = new Uint32Array(f32.buffer);
		const lines = text.split('\n');
		let i = 0;
		for (let l = 0; l < lines.length && i < n; l++) {
			const t = lines[l]!.trim();
			if (!t) continue;
			const v = t.split(/\s+/);
			positions[i * 3] = Number(v[ix]);
			positions[i * 3 + 1] = Number(v[iy]);
			positions[i * 3 + 2] = Number(v[iz]);
			if (intensity) intensity[i] = Number(v[ii]);
			if (rgb) {
				if (fc!.type === 'F') f32[0] = Number(v[ic]);
				else u32[0] = Number(v[ic]);
				setColour(i, u32[0]!);
			}
			i++;
		}
		if (i < n)
			throw new FormatError(file, undefined, `PCD file has ${i} points, its header says ${n}`);
	} else {
		let data: Uint8Array;
		if (h.data === 'binary') {
			data = bytes.subarray(h.start, h.start + n * h.stride);
			if (data.length < n * h.stride)
				throw new FormatError(file, undefined, 'PCD binary data is truncated');
		} else {
			const v = new DataView(
				bytes.buffer,
				bytes.byteOffset + h.start,
				Math.max(0, bytes.length - h.start)
			);
			if (v.byteLength < 8)
				throw new FormatError(file, undefined, 'PCD compressed data is truncated');
			const packedSize = v.getUint32(0, true);
			const rawSize = v.getUint32(4, true);
			if (rawSize !== n * h.stride || 8 + packedSize > v.byteLength)
				throw new FormatError(file, undefined, 'PCD compressed data sizes do not match its header');
			try {
				data = lzfDecompress(bytes.subarray(h.start + 8, h.start + 8 + packedSize), rawSize);
			} catch (e) {
				throw new FormatError(
					file,
					undefined,
					`PCD compressed data is damaged (${(e as Error).message})`
				);
			}
		}
		const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
		// binary: point i's field at i * stride + offset; compressed: each field's values together.
		const addr =
			h.data === 'binary'
				? (f: PcdField) => (i: number) => i * h.stride + f.offset
				: (f: PcdField) => (i: number) => n * f.offset + i * f.size * f.count;
		const read = (f: PcdField) => {
			const r = reader(view, f);
			const a = addr(f);
			return (i: number) => r(a(i));
		};
		const [rx, ry, rz] = [read(fx), read(fy), read(fz)];
		const ri = fi ? read(fi) : undefined;
		const rc = fc ? read({ ...fc, type: 'U', size: 4 }) : undefined;
		for (let i = 0; i < n; i++) {
			positions[i * 3] = rx(i);
			positions[i * 3 + 1] = ry(i);
			positions[i * 3 + 2] = rz(i);
			if (ri) intensity![i] = ri(i);
			if (rc) setColour(i, rc(i));
		}
	}
	return dropNonFinite({ count: n, positions, origin: [0, 0, 0], intensity, rgb });
}
