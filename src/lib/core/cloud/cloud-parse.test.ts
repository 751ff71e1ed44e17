import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { cloudBounds } from './cloud';
import { parseCloud } from './cloud-parse';
import { lzfDecompress } from './lzf';

// Real files from Debian packages (see tests/fixtures/pointcloud/README.md).
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/pointcloud/${name}`));
const ascii = fixture('test_pcd.pcd');

/** The x y z rows of the ASCII PCD fixture, read here with plain string splitting. */
function asciiRows(): number[][] {
	const text = new TextDecoder().decode(ascii);
	const body = text.slice(text.indexOf('DATA ascii') + 'DATA ascii'.length);
	return body
		.trim()
		.split('\n')
		.map((l) => l.trim().split(/\s+/).map(Number));
}

/**
 * An independent PCD writer for the tests, following PCL's documented layout: a text header,
 * then records x y z intensity as float32 (binary), or, for binary_compressed, the same bytes
 * re-laid field by field and wrapped in LZF literal runs (ctrl = run length - 1, at most 32).
 */
function writePcd(rows: number[][], data: 'binary' | 'binary_compressed'): Uint8Array {
	const n = rows.length;
	const head = new TextEncoder().encode(
		`# .PCD v0.7\nVERSION 0.7\nFIELDS x y z intensity\nSIZE 4 4 4 4\nTYPE F F F F\nCOUNT 1 1 1 1\nWIDTH ${n}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS ${n}\nDATA ${data}\n`
	);
	const raw = new Float32Array(n * 4);
	rows.forEach((r, i) => {
		for (let k = 0; k < 4; k++) {
			const v = k < 3 ? r[k]! : i;
			if (data === 'binary') raw[i * 4 + k] = v;
			else raw[k * n + i] = v;
		}
	});
	let body = new Uint8Array(raw.buffer);
	if (data === 'binary_compressed') {
		const lzf: number[] = [];
		for (let at = 0; at < body.length; at += 32) {
			const run = body.subarray(at, Math.min(at + 32, body.length));
			lzf.push(run.length - 1, ...run);
		}
		const out = new Uint8Array(8 + lzf.length);
		const dv = new DataView(out.buffer);
		dv.setUint32(0, lzf.length, true);
		dv.setUint32(4, body.length, true);
		out.set(lzf, 8);
		body = out;
	}
	const all = new Uint8Array(head.length + body.length);
	all.set(head);
	all.set(body, head.length);
	return all;
}

describe('PCD', () => {
	it('reads the ASCII sample that python-pcl ships, every point as written', () => {
		const rows = asciiRows();
		const c = parseCloud('test_pcd.pcd', ascii);
		expect(c.count).toBe(1771);
		expect(rows).toHaveLength(1771);
		for (const i of [0, 1, 900, 1770])
			for (let k = 0; k < 3; k++) expect(c.positions[i * 3 + k]).toBeCloseTo(rows[i]![k]!, 5);
	});

	it('reads binary and binary_compressed copies of it to the same points, with intensity', () => {
		const rows = asciiRows();
		for (const data of ['binary', 'binary_compressed'] as const) {
			const c = parseCloud(`copy-${data}.pcd`, writePcd(rows, data));
			expect(c.count).toBe(rows.length);
			expect(Array.from(c.positions)).toEqual(
				Array.from(new Float32Array(rows.flatMap((r) => r.slice(0, 3))))
			);
			expect(c.intensity![1234]).toBe(1234);
		}
	});

	it('decompresses the binary_compressed milk carton scan (LZF back-references) with its colours', () => {
		const c = parseCloud('milk.pcd', fixture('milk.pcd'));
		expect(c.count).toBe(12575);
		const b = cloudBounds(c);
		// A carton about 10 cm wide and 20 cm tall.
		for (let k = 0; k < 3; k++) expect(b.max[k]! - b.min[k]!).toBeLessThan(0.3);
		expect(b.max[1]! - b.min[1]!).toBeGreaterThan(0.1);
		expect(c.rgb).toBeDefined();
		// The model is one blue (rgba 0x0000ff): a wrong field offset would read float bits instead.
		for (let i = 0; i < c.count; i++)
			expect(Array.from(c.rgb!.subarray(i * 3, i * 3 + 3))).toEqual([0, 0, 255]);
	});

	it('names the file and the fault in a damaged one', () => {
		const good = writePcd(asciiRows().slice(0, 50), 'binary_compressed');
		const cut = good.subarray(0, good.length - 40);
		expect(() => parseCloud('cut.pcd', cut)).toThrow(FormatError);
		expect(() => parseCloud('cut.pcd', cut)).toThrow(/cut\.pcd/);
		expect(() => parseCloud('x.pcd', new TextEncoder().encode('hello'))).toThrow(/no FIELDS/);
	});

	it('lzf: a back-reference copies earlier output, overlapping runs included', () => {
		// "ab" literal, then a length-3+2 = 5 copy from distance 2: "ababab" + "a".
		expect(new TextDecoder().decode(lzfDecompress(new Uint8Array([1, 97, 98, 0x60, 1]), 7))).toBe(
			'abababa'
		);
		expect(() => lzfDecompress(new Uint8Array([1, 97, 98, 0x60, 9]), 7)).toThrow(RangeError);
	});
});

describe('PLY', () => {
	it('reads the ASCII and binary cubes that assimp ships to the same eight corners', () => {
		const a = parseCloud('cube.ply', fixture('cube.ply'));
		const b = parseCloud('cube_binary.ply', fixture('cube_binary.ply'));
		expect(a.count).toBe(8);
		expect(b.count).toBe(8);
		const corners = (c: typeof a) =>
			Array.from({ length: 8 }, (_, i) =>
				Array.from(c.positions.subarray(i * 3, i * 3 + 3)).join(',')
			).sort();
		expect(corners(a)).toEqual(corners(b));
		expect(new Set(corners(a)).size).toBe(8);
		expect(cloudBounds(a)).toEqual({ min: [0, 0, 0], max: [1, 1, 1] });
	});

	it('reads vertex colours', () => {
		const c = parseCloud('points.ply', fixture('points.ply'));
		expect(c.count).toBe(4);
		expect(Array.from(c.rgb!.subarray(3, 6))).toEqual([255, 0, 255]);
		expect(Array.from(c.positions.subarray(9, 12))).toEqual([0, 1, 1]);
	});

	it('refuses a PLY with no vertices', () => {
		const t = new TextEncoder().encode('ply\nformat ascii 1.0\nelement face 0\nend_header\n');
		expect(() => parseCloud('f.ply', t)).toThrow(/no vertex element/);
	});
});

describe('KITTI .bin', () => {
	it('reads float32 x y z reflectance records', () => {
		const rec = new Float32Array([1.5, -2, 0.25, 0.5, 10, 20, 30, 0.9]);
		const c = parseCloud('000000.bin', new Uint8Array(rec.buffer));
		expect(c.count).toBe(2);
		expect(Array.from(c.positions)).toEqual([1.5, -2, 0.25, 10, 20, 30]);
		expect(c.intensity![1]).toBeCloseTo(0.9, 6);
		expect(() => parseCloud('bad.bin', new Uint8Array(10))).toThrow(/multiple of 16/);
	});
});

/** An independent LAS writer: a 1.4 header (375 bytes) and point format 3 records (34 bytes). */
function writeLas14(
	points: { x: number; y: number; z: number; i: number; rgb: number[] }[]
): Uint8Array {
	const head = 375;
	const out = new Uint8Array(head + points.length * 34);
	const v = new DataView(out.buffer);
	out.set(new TextEncoder().encode('LASF'));
	v.setUint8(24, 1);
	v.setUint8(25, 4);
	v.setUint16(94, head, true);
	v.setUint32(96, head, true);
	v.setUint8(104, 3);
	v.setUint16(105, 34, true);
	v.setUint32(107, 0, true); // legacy count left 0: readers must use the 64-bit count
	[0.001, 0.001, 0.001].forEach((s, k) => v.setFloat64(131 + k * 8, s, true));
	[500000, 4000000, 0].forEach((o, k) => v.setFloat64(155 + k * 8, o, true));
	const xs = points.map((p) => p.x),
		ys = points.map((p) => p.y),
		zs = points.map((p) => p.z);
	[
		Math.max(...xs),
		Math.min(...xs),
		Math.max(...ys),
		Math.min(...ys),
		Math.max(...zs),
		Math.min(...zs)
	].forEach((m, k) => v.setFloat64(179 + k * 8, m, true));
	v.setBigUint64(247, BigInt(points.length), true);
	points.forEach((p, i) => {
		const at = head + i * 34;
		v.setInt32(at, Math.round((p.x - 500000) / 0.001), true);
		v.setInt32(at + 4, Math.round((p.y - 4000000) / 0.001), true);
		v.setInt32(at + 8, Math.round(p.z / 0.001), true);
		v.setUint16(at + 12, p.i, true);
		p.rgb.forEach((c, k) => v.setUint16(at + 28 + k * 2, c, true));
	});
	return out;
}

describe('LAS', () => {
	it('reads the LAS 1.2 survey that las-reader ships: its points fill the header bounds', () => {
		const bytes = fixture('Haystack_Rock.las');
		const c = parseCloud('Haystack_Rock.las', bytes);
		expect(c.count).toBe(21932);
		const v = new DataView(bytes.buffer, bytes.byteOffset);
		const headerMax = [179, 195, 211].map((at) => v.getFloat64(at, true));
		const headerMin = [187, 203, 219].map((at) => v.getFloat64(at, true));
		const b = cloudBounds(c);
		for (let k = 0; k < 3; k++) {
			// Float32 relative to the origin: within a centimetre of the header's double values.
			expect(Math.abs(b.min[k]! + c.origin[k]! - headerMin[k]!)).toBeLessThan(0.01);
			expect(Math.abs(b.max[k]! + c.origin[k]! - headerMax[k]!)).toBeLessThan(0.01);
		}
		// This survey stores no intensity (every record's word is 0, checked with Python's struct).
		expect(c.intensity!.every((x) => x === 0)).toBe(true);
		expect(c.rgb).toBeUndefined();
	});

	it('reads LAS 1.4 format 3 with a 64-bit count and 16-bit colours', () => {
		const pts = [
			{ x: 500123.456, y: 4000321.5, z: 12.25, i: 300, rgb: [65535, 0, 32768] },
			{ x: 500124.001, y: 4000322, z: 13, i: 7, rgb: [256, 512, 768] }
		];
		const c = parseCloud('s.las', writeLas14(pts));
		expect(c.count).toBe(2);
		expect(c.positions[0]! + c.origin[0]).toBeCloseTo(500123.456, 2);
		expect(c.positions[4]! + c.origin[1]).toBeCloseTo(4000322, 2);
		expect(Array.from(c.intensity!)).toEqual([300, 7]);
		expect(Array.from(c.rgb!)).toEqual([255, 0, 128, 1, 2, 3]);
	});

	it('refuses LAZ with what to do', () => {
		const b = writeLas14([{ x: 500000, y: 4000000, z: 0, i: 0, rgb: [0, 0, 0] }]);
		b[104] = 0x83;
		expect(() => parseCloud('s.laz', b)).toThrow(/laszip/);
	});
});
