/**
 * Image inputs to pixels in a worker: decode a blob (createImageBitmap) or take raw RGBA, draw it
 * resized on an OffscreenCanvas, and return RGB floats. The browser's resampling is bilinear.
 */
import type { MediaImage } from '../media-protocol';

export interface Decoded {
	bitmap: ImageBitmap;
	width: number;
	height: number;
}

/** Decodes one image; a bad blob gets an error that says which. */
export async function imageDecode(img: MediaImage, index = 0): Promise<Decoded> {
	try {
		const bitmap =
			img.kind === 'blob'
				? await createImageBitmap(img.blob)
				: await createImageBitmap(
						new ImageData(new Uint8ClampedArray(img.data), img.width, img.height)
					);
		return { bitmap, width: bitmap.width, height: bitmap.height };
	} catch (e) {
		throw new Error(`Image ${index + 1} could not be decoded (${String(e)})`, { cause: e });
	}
}

/** RGB values of the image resized to `w × h`, scaled by `map` (e.g. v / 255), HWC order. */
export function imagePixels(
	d: Decoded,
	w: number,
	h: number,
	map: (v: number) => number
): Float32Array {
	const canvas = new OffscreenCanvas(w, h);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('No 2D canvas in this worker');
	ctx.drawImage(d.bitmap, 0, 0, w, h);
	const rgba = ctx.getImageData(0, 0, w, h).data;
	const out = new Float32Array(w * h * 3);
	for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
		out[j] = map(rgba[i] as number);
		out[j + 1] = map(rgba[i + 1] as number);
		out[j + 2] = map(rgba[i + 2] as number);
	}
	return out;
}
