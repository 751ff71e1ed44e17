/**
 * The item of a point cloud blob: its id is the blob's SHA-256 truncated to 128 bits, as for
 * media, so importing the same frame twice adds it once. Pure.
 */
import type { CloudInfo, Item, ItemId } from '../types';
import { CLOUD_MIME } from './cloud-blob';

export function cloudItem(opts: {
	sha256: string;
	size: number;
	name: string;
	seq: number;
	info: CloudInfo;
}): Item {
	return {
		id: opts.sha256.slice(0, 32) as ItemId,
		kind: 'pointcloud',
		media: { blob: opts.sha256, mime: CLOUD_MIME, size: opts.size, name: opts.name },
		cloud: opts.info,
		seq: opts.seq,
		source: opts.name
	};
}
