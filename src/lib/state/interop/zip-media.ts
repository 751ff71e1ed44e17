/**
 * The media an interop import brings (a zip's images, or files the user added): each sniffed,
 * decoded once and hashed into an item and its blob. What cannot be read is listed by file.
 */
import type { InteropProblem } from '$lib/core/formats/interop/common';
import { sha256Hex } from '$lib/core/ids';
import { mediaItem, mediaSniff } from '$lib/core/media';
import type { Item, ItemId, MediaKind } from '$lib/core/types';
import type { StoredBlob } from '$lib/storage/blobs-repo';
import type { Probe } from '../import/media-probe';

export interface MediaItems {
	items: Item[];
	blobs: Map<ItemId, StoredBlob>;
	/** Each item's path (in the zip, or as added), in the order of `items`. */
	paths: string[];
}

/** Items of `media` (bytes by path), numbered from `now·1000 + seq0`; problems go to `problems`. */
export async function mediaItemsRead(opts: {
	file: string;
	media: Record<string, Uint8Array>;
	now: number;
	probe: (blob: Blob, kind: MediaKind) => Promise<Probe>;
	problems: InteropProblem[];
	seq0?: number;
}): Promise<MediaItems> {
	const { file, media, now, probe, problems } = opts;
	const out: MediaItems = { items: [], blobs: new Map(), paths: [] };
	let i = opts.seq0 ?? 0;
	for (const [name, data] of Object.entries(media)) {
		const sniffed = mediaSniff(data.subarray(0, 64));
		const where = `${file}/${name}`;
		if (!sniffed) {
			problems.push({ file: where, where: 'file', reason: 'not an image, audio or video file' });
			continue;
		}
		const blob = new Blob([data as Uint8Array<ArrayBuffer>], { type: sniffed.mime });
		const p = await probe(blob, sniffed.kind);
		if ('error' in p) {
			problems.push({ file: where, where: 'file', reason: p.error });
			continue;
		}
		const sha256 = await sha256Hex(data);
		const item = mediaItem({
			sha256,
			kind: p.kind,
			mime: sniffed.mime,
			size: data.length,
			name: name.split('/').pop() ?? name,
			seq: now * 1000 + i++,
			meta: p.meta
		});
		if (out.blobs.has(item.id)) continue;
		out.items.push(item);
		out.paths.push(name);
		out.blobs.set(item.id, { sha256, blob, mime: sniffed.mime, size: data.length });
	}
	return out;
}
