/**
 * An item as the preparation scan sees it: its texts joined, its media blob and size, and for an
 * image on this device its perceptual hash (or why it cannot be decoded).
 */
import { grayResize, phash, PHASH_SIDE } from '$lib/core/prep/phash';
import type { PrepItem } from '$lib/core/prep/report';
import type { Item } from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';

/** Decodes an image and reduces it to 32×32 grey levels with the browser's own resampling. */
export async function imageGray32(blob: Blob): Promise<Float64Array> {
	const bmp = await createImageBitmap(blob);
	try {
		const canvas = new OffscreenCanvas(PHASH_SIDE, PHASH_SIDE);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('No 2D canvas in this browser');
		ctx.drawImage(bmp, 0, 0, PHASH_SIDE, PHASH_SIDE);
		const data = ctx.getImageData(0, 0, PHASH_SIDE, PHASH_SIDE).data;
		return grayResize(data, PHASH_SIDE, PHASH_SIDE);
	} finally {
		bmp.close();
	}
}

export async function prepItemOf(
	it: Item,
	deps: {
		blobs?: BlobsRepo | undefined;
		imageGray?: ((blob: Blob) => Promise<Float64Array>) | undefined;
	}
): Promise<PrepItem> {
	const texts = [
		it.text,
		...Object.values(it.fields ?? {}).map((f) => (f.kind === 'text' ? f.text : undefined))
	].filter((t): t is string => t !== undefined);
	const out: PrepItem = { id: it.id, kind: it.kind };
	if (texts.length) out.text = texts.join('\n');
	const media = it.media;
	if (!media || !('blob' in media)) return out;
	out.blob = media.blob;
	out.size = media.size;
	if (it.kind !== 'image' || !deps.blobs) return out;
	const row = await deps.blobs.get(media.blob).catch(() => undefined);
	if (!row) return out; // Not on this device yet (a peer's): not broken, just not here.
	try {
		out.phash = phash(await (deps.imageGray ?? imageGray32)(row.blob));
	} catch {
		out.broken = `The image ${media.name} cannot be decoded (${media.mime}, ${media.size.toLocaleString('en')} bytes)`;
	}
	return out;
}

/** A short preview of an item for the report: its text (cut at 140 characters) or media name. */
export function itemPreview(it: Item | undefined): string {
	if (!it) return '(dropped)';
	const t = it.text ?? Object.values(it.fields ?? {}).find((f) => f.kind === 'text');
	const text = typeof t === 'string' ? t : t && 'text' in t ? t.text : undefined;
	if (text !== undefined) return text.length > 140 ? `${text.slice(0, 139)}…` : text || '(empty)';
	return it.media && 'name' in it.media && it.media.name ? it.media.name : it.kind;
}
