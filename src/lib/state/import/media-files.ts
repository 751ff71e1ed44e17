/**
 * Media files as the media importer reads them: zip archives opened into their files, and each
 * file sniffed by its first bytes, decoded once (`Probe`) and hashed into an item and its blob.
 */
import { sha256Hex } from '$lib/core/ids';
import { MEDIA_EXTENSIONS, mediaItem, mediaSniff } from '$lib/core/media';
import type { Item, MediaKind } from '$lib/core/types';
import type { StoredBlob } from '$lib/storage/blobs-repo';
import type { Probe } from './media-probe';

export interface MediaProblem {
	file: string;
	reason: string;
}

/** The files of zip archives, by their path in the archive; other files as they are. */
export async function zipsExpand(
	files: readonly File[],
	problems: MediaProblem[]
): Promise<File[]> {
	const out: File[] = [];
	for (const f of files) {
		if (!/\.zip$/i.test(f.name) && f.type !== 'application/zip') {
			out.push(f);
			continue;
		}
		try {
			const { unzipSync } = await import('fflate');
			const entries = unzipSync(new Uint8Array(await f.arrayBuffer()), {
				filter: (e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/')
			});
			for (const [name, data] of Object.entries(entries))
				out.push(new File([data as Uint8Array<ArrayBuffer>], `${f.name}/${name}`));
		} catch (e) {
			problems.push({ file: f.name, reason: `not a readable zip archive (${String(e)})` });
		}
	}
	return out;
}

/** One media file as an item (numbered `seq`) and its blob, or why it is skipped. */
export async function mediaFileRead(
	f: File,
	probe: (blob: Blob, kind: MediaKind) => Promise<Probe>,
	seq: number
): Promise<{ blob: StoredBlob; item: Item } | { reason: string }> {
	if (f.size === 0) return { reason: 'the file is empty' };
	const sniffed = mediaSniff(new Uint8Array(await f.slice(0, 64).arrayBuffer()));
	if (!sniffed)
		return {
			reason: MEDIA_EXTENSIONS.test(f.name)
				? 'the content is not the image, audio or video format its name says'
				: 'not an image, audio or video file'
		};
	const blob = new Blob([await f.arrayBuffer()], { type: sniffed.mime });
	const p = await probe(blob, sniffed.kind);
	if ('error' in p) return { reason: p.error };
	const mime =
		p.kind === 'audio' && sniffed.kind === 'video'
			? sniffed.mime.replace('video/', 'audio/')
			: sniffed.mime;
	const sha256 = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
	const stored = {
		sha256,
		blob: mime === blob.type ? blob : new Blob([blob], { type: mime }),
		mime,
		size: f.size
	};
	const name = f.webkitRelativePath || f.name;
	return {
		blob: stored,
		item: mediaItem({ sha256, kind: p.kind, mime, size: f.size, name, seq, meta: p.meta })
	};
}
