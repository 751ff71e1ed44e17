/**
 * Media the user adds to an interop import whose items name their image by a path only (a Label
 * Studio export of `/data/upload/…` or `s3://…` images): picked files, a folder, or zips of them.
 * Only media files are taken; the rest is named so the preview can say what was not read.
 */
import { zipContents } from '$lib/core/formats/interop/detect';
import { isZip } from '$lib/core/formats/interop/files';
import { MEDIA_EXTENSIONS } from '$lib/core/media';

export interface PickedMedia {
	/** Media bytes by path (a folder's relative path, or `<zip>/<path in the zip>`). */
	media: Record<string, Uint8Array>;
	/** Files that are neither media nor a zip, or zips that cannot be read (with why). */
	ignored: string[];
}

/** Reads picked files: media files as they are, zips by their media. */
export async function pickedMedia(files: readonly File[]): Promise<PickedMedia> {
	const media: Record<string, Uint8Array> = {};
	const ignored: string[] = [];
	for (const f of files) {
		const path = f.webkitRelativePath || f.name;
		if (MEDIA_EXTENSIONS.test(f.name)) {
			media[path] = new Uint8Array(await f.arrayBuffer());
			continue;
		}
		const bytes = new Uint8Array(await f.arrayBuffer());
		if (!isZip(bytes)) {
			ignored.push(`${path} (not an image, audio, video or zip file)`);
			continue;
		}
		try {
			for (const [name, data] of Object.entries(zipContents(bytes, f.name).media))
				media[`${path}/${name}`] = data;
		} catch (e) {
			ignored.push(`${path} (${e instanceof Error ? e.message : String(e)})`);
		}
	}
	return { media, ignored };
}
