/**
 * PLY (Stanford polygon files) as a point cloud: the vertex element's x, y, z, an `intensity`
 * (or `scalar_intensity`) and red/green/blue (bytes, or floats 0–1). Faces and other elements
 * are skipped. ASCII, binary little-endian and big-endian. Pure.
 */
import { FormatError } from '../errors';
import type { PointCloud } from './cloud';

type Scalar = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'f32' | 'f64';
const TYPES: Record<string, Scalar> = {
	char: 'i8',
	int8: 'i8',
	uchar: 'u8',
	uint8: 'u8',
	short: 'i16',
	int16: 'i16',
	ushort: 'u16',
	uint16: 'u16',
	int: 'i32',
	int32: 'i32',
	uint: 'u32',
	uint32: 'u32',
	float: 'f32',
	float32: 'f32',
	double: 'f64',
	float64: 'f64'
};
const SIZE: Record<Scalar, number> = {
	i8: 1,
	u8: 1,
	i16: 2,
	u16: 2,
	i32: 4,
	u32: 4,
	f32: 4,
	f64: 8
};

interface PlyProp {
	name: string;
	type: Scalar;
	/** For a list property: the type of its length. */
	countType?: Scalar;
}
interface PlyElement {
	name: string;
	count: number;
	props: PlyProp[];
}

function readScalar(v: DataView, at: number, t: Scalar, le: boolean): number {
	switch (t) {
		case 'i8':
			return v.getInt8(at);
		case 'u8':
			return v.getUint8(at);
		case 'i16':
			return v.getInt16(at, le);
		case 'u16':
			return v.getUint16(at, le);
		case 'i32':
			return v.getInt32(at, le);
		case 'u32':
			return v.getUint32(at, le);
		case 'f32':
			return v.getFloat32(at, le);
		case 'f64':
			return v.getFloat64(at, le);
	}
}

/** A cloud from the vertices of a PLY file; a FormatError naming `file` if it cannot be read. */
export function parsePly(bytes: Uint8Array, file = 'cloud.ply'): PointCloud {
	const bad = (why: string) => new FormatError(file, undefined, why);
	const headEnd = findHeaderEnd(bytes);
	if (headEnd < 0) throw bad('not a PLY file: no end_header line');
	const lines = new TextDecoder().decode(bytes.subarray(0, headEnd)).split(/\r?\n/);
	if (lines[0]?.trim() !== 'ply') throw bad('not a PLY file: it does not start with "ply"');
	let format = '';
	const elements: PlyElement[] = [];
	for (const raw of lines.slice(1)) {
		const w = raw.trim().split(/\s+/);
		if (w[0] === 'format') format = w[1] ?? '';
		else if (w[0] === 'element')
			elements.push({ name: w[1] ?? '', count: Number(w[2]), props: [] });
		else if (w[0] === 'property') {
			const el = elements.at(-1);
			if (!el) throw bad('PLY property before any element');
			if (w[1] === 'list') {
				const [ct, it] = [TYPES[w[2] ?? ''], TYPES[w[3] ?? '']];
				if (!ct || !it) throw bad(`PLY list property "${w[4]}" has an unknown type`);
				el.props.push({ name: w[4] ?? '', type: it, countType: ct });
			} else {
				const t = TYPES[w[1] ?? ''];
				if (!t) throw bad(`PLY property "${w[2]}" has an unknown type "${w[1]}"`);
				el.props.push({ name: w[2] ?? '', type: t });
			}
		}
	}
	if (format !== 'ascii' && format !== 'binary_little_endian' && format !== 'binary_big_endian')
		throw bad(`PLY format "${format}" is not ascii or binary`);
	const vertex = elements.find((e) => e.name === 'vertex');
	if (!vertex || !Number.isInteger(vertex.count) || vertex.count < 0)
		throw bad('PLY file has no vertex element');
	const col = (...names: string[]) =>
		vertex.props.findIndex((p) => names.includes(p.name) && !p.countType);
	const [ix, iy, iz] = [col('x'), col('y'), col('z')];
	if (ix < 0 || iy < 0 || iz < 0) throw bad('PLY vertices have no x, y and z');
	const ii = col('intensity', 'scalar_intensity', 'scalar_Intensity');
	const [ir, ig, ib] = [
		col('red', 'r', 'diffuse_red'),
		col('green', 'g', 'diffuse_green'),
		col('blue', 'b', 'diffuse_blue')
	];
	const hasRgb = ir >= 0 && ig >= 0 && ib >= 0;
	const n = vertex.count;
	const positions = new Float32Array(n * 3);
	const intensity = ii >= 0 ? new Float32Array(n) : undefined;
	const rgb = hasRgb ? new Uint8Array(n * 3) : undefined;
	const colour = (v: number, t: Scalar) =>
		t === 'f32' || t === 'f64'
			? Math.round(Math.min(1, Math.max(0, v)) * 255)
			: t === 'u16'
				? v >> 8
				: v;
	const put = (i: number, row: number[]) => {
		positions[i * 3] = row[ix]!;
		positions[i * 3 + 1] = row[iy]!;
		positions[i * 3 + 2] = row[iz]!;
		if (intensity) intensity[i] = row[ii]!;
		if (rgb) {
			rgb[i * 3] = colour(row[ir]!, vertex.props[ir]!.type);
			rgb[i * 3 + 1] = colour(row[ig]!, vertex.props[ig]!.type);
			rgb[i * 3 + 2] = colour(row[ib]!, vertex.props[ib]!.type);
		}
	};
	const body = headEnd + endLineLength(bytes, headEnd);
	if (format === 'ascii') {
		const rows = new TextDecoder()
			.decode(bytes.subarray(bytes.indexOf(10, headEnd) + 1))
			.split(/\r?\n/);
		let r = 0;
		for (const el of elements) {
			if (el === vertex) {
				for (let i = 0; i < n; i++, r++) {
					const t = rows[r]?.trim();
					if (!t) throw bad(`PLY file has ${i} vertices, its header says ${n}`);
					put(i, t.split(/\s+/).map(Number));
				}
				break;
			}
			r += el.count;
		}
	} else {
		const le = format === 'binary_little_endian';
		const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		let at = body;
		const row: number[] = [];
		try {
			for (const el of elements) {
				for (let i = 0; i < el.count; i++) {
					row.length = 0;
					for (const p of el.props) {
						if (p.countType) {
							const k = readScalar(view, at, p.countType, le);
							at += SIZE[p.countType] + k * SIZE[p.type];
							row.push(NaN);
						} else {
							row.push(readScalar(view, at, p.type, le));
							at += SIZE[p.type];
						}
					}
					if (el === vertex) put(i, row);
				}
				if (el === vertex) break;
			}
		} catch (e) {
			if (e instanceof RangeError) throw bad('PLY binary data is truncated');
			throw e;
		}
	}
	return { count: n, positions, origin: [0, 0, 0], intensity, rgb };
}

function findHeaderEnd(bytes: Uint8Array): number {
	const needle = 'end_header';
	const limit = Math.min(bytes.length, 1 << 16);
	for (let i = 0; i + needle.length <= limit; i++) {
		let ok = true;
		for (let k = 0; k < needle.length && ok; k++) ok = bytes[i + k] === needle.charCodeAt(k);
		if (ok) return i + needle.length;
	}
	return -1;
}

function endLineLength(bytes: Uint8Array, at: number): number {
	if (bytes[at] === 13 && bytes[at + 1] === 10) return 2;
	return bytes[at] === 10 || bytes[at] === 13 ? 1 : 0;
}
