/**
 * KITTI Velodyne scans (`.bin`): a bare array of little-endian float32 records x, y, z,
 * reflectance, 16 bytes a point, no header. Pure.
 */
import { FormatError } from '../errors';
import type { PointCloud } from './cloud';

export function parseKittiBin(bytes: Uint8Array, file = 'cloud.bin'): PointCloud {
	if (bytes.length % 16 !== 0)
		throw new FormatError(
			file,
			undefined,
			`a KITTI .bin scan is a multiple of 16 bytes (x, y, z, reflectance as float32); this one is ${bytes.length}`
		);
	const n = bytes.length / 16;
	const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const positions = new Float32Array(n * 3);
	const intensity = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		positions[i * 3] = v.getFloat32(i * 16, true);
		positions[i * 3 + 1] = v.getFloat32(i * 16 + 4, true);
		positions[i * 3 + 2] = v.getFloat32(i * 16 + 8, true);
		intensity[i] = v.getFloat32(i * 16 + 12, true);
	}
	return { count: n, positions, origin: [0, 0, 0], intensity };
}
