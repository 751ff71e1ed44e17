/**
 * Decoding a media file once, to prove it plays and to read its size or duration: an image with
 * createImageBitmap, audio and video with a media element (WebM/MP4 may turn out to be audio).
 */
import type { MediaKind } from '$lib/core/types';

/** What decoding a file found: its kind and metadata, or why it cannot be decoded. */
export type Probe = { kind: MediaKind; meta: Record<string, string> } | { error: string };

/** How long a media element may take to read a file's metadata. */
const PROBE_TIMEOUT_MS = 15_000;

export async function mediaProbe(blob: Blob, kind: MediaKind): Promise<Probe> {
	if (kind === 'image') return imageProbe(blob);
	const url = URL.createObjectURL(blob);
	const el = document.createElement(kind === 'audio' ? 'audio' : 'video');
	try {
		return await new Promise<Probe>((resolve) => {
			const timer = setTimeout(
				() => resolve({ error: 'timed out reading the media' }),
				PROBE_TIMEOUT_MS
			);
			el.preload = 'metadata';
			el.onloadedmetadata = () => {
				clearTimeout(timer);
				const video = el instanceof HTMLVideoElement && el.videoWidth > 0;
				const meta: Record<string, string> = {};
				if (Number.isFinite(el.duration)) meta.duration = el.duration.toFixed(3);
				if (video) {
					meta.width = String(el.videoWidth);
					meta.height = String(el.videoHeight);
				}
				resolve({ kind: video ? 'video' : 'audio', meta });
			};
			el.onerror = () => {
				clearTimeout(timer);
				resolve({ error: `the ${kind} cannot be decoded (corrupt or unsupported codec)` });
			};
			el.src = url;
		});
	} finally {
		el.removeAttribute('src');
		URL.revokeObjectURL(url);
	}
}

async function imageProbe(blob: Blob): Promise<Probe> {
	try {
		const bmp = await createImageBitmap(blob);
		const meta = { width: String(bmp.width), height: String(bmp.height) };
		bmp.close();
		return { kind: 'image', meta };
	} catch {
		return { error: 'the image cannot be decoded (corrupt or unsupported)' };
	}
}
