/** Reads a point cloud file by its name's extension (PCD, PLY, KITTI .bin, LAS). Pure. */
import { FormatError } from '../errors';
import type { PointCloud } from './cloud';
import { parseKittiBin } from './kitti-bin';
import { parseLas } from './las';
import { parsePcd } from './pcd';
import { parsePly } from './ply';

export const CLOUD_EXTENSIONS = ['pcd', 'ply', 'bin', 'las'] as const;

export function isCloudFile(name: string): boolean {
	const ext = name.toLowerCase().split('.').pop() ?? '';
	return (CLOUD_EXTENSIONS as readonly string[]).includes(ext) || ext === 'laz';
}

export function parseCloud(name: string, bytes: Uint8Array): PointCloud {
	const ext = name.toLowerCase().split('.').pop();
	if (ext === 'pcd') return parsePcd(bytes, name);
	if (ext === 'ply') return parsePly(bytes, name);
	if (ext === 'bin') return parseKittiBin(bytes, name);
	if (ext === 'las' || ext === 'laz') return parseLas(bytes, name);
	throw new FormatError(
		name,
		undefined,
		'not a point cloud file: use .pcd, .ply, .bin (KITTI) or .las'
	);
}
