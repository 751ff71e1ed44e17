/**
 * Mask codes too big for the doc, kept as content-addressed blobs beside the media (the blobs
 * table). A code this device lacks is fetched from the project's peers, as media are.
 */
import type { MaskBlob } from '$lib/core/mask/value';
import type { MediaDeps } from './media';
import type { MaskBlobStore } from './tools/mask/plane-load';

/** The media type mask codes are stored under. */
export const MASK_CODE_MIME = 'text/x-coco-rle';

export function maskBlobStoreFrom(deps: MediaDeps): MaskBlobStore {
	return {
		async put(blobs: readonly MaskBlob[]) {
			await deps.blobs.putMany(
				blobs.map((b) => ({
					sha256: b.sha256,
					blob: new Blob([b.text], { type: MASK_CODE_MIME }),
					mime: MASK_CODE_MIME,
					size: b.text.length
				}))
			);
		},
		async text(sha256: string, bytes: number) {
			let row = await deps.blobs.get(sha256);
			const fetchMissing = deps.fetchMissing;
			if (
				!row &&
				fetchMissing &&
				(await fetchMissing({ blob: sha256, size: bytes }).catch(() => false))
			)
				row = await deps.blobs.get(sha256);
			return row ? await row.blob.text() : undefined;
		}
	};
}
