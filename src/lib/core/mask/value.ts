/**
 * Masks as annotation values: a plane's masks to a `MasksValue` and back. A mask whose code is
 * longer than `MASK_INLINE_MAX` characters goes to a content-addressed blob (its SHA-256 in the
 * value), so big masks never bloat the shared doc; the value keeps its box and area.
 */
import { sha256HexSync } from '../sha256';
import type { AttrValues, LabelId, MaskRegion, MasksValue } from '../types';
import { maskPlaneRuns, type MaskPlane } from './plane';
import { maskRleRuns, maskRleText, maskRunsBox, maskRunsLength } from './rle';

/** Longest mask code kept inline in the doc (characters); longer codes become blobs. */
export const MASK_INLINE_MAX = 4096;

/** What a mask is, apart from its pixels. */
export interface MaskMeta {
	id: string;
	label: LabelId;
	attrs?: AttrValues;
}

/** A mask code stored as a blob: its text and the SHA-256 of that text. */
export interface MaskBlob {
	sha256: string;
	text: string;
}

/**
 * The value holding the masks of `plane` (mask `i + 1` described by `metas[i]`) and the blobs it
 * refers to. Masks without pixels are left out.
 */
export function masksValueFrom(
	plane: MaskPlane,
	metas: readonly MaskMeta[],
	inlineMax = MASK_INLINE_MAX
): { value: MasksValue; blobs: MaskBlob[] } {
	const runs = maskPlaneRuns(plane, metas.length);
	const masks: MaskRegion[] = [];
	const blobs: MaskBlob[] = [];
	metas.forEach((m, i) => {
		const r = runs[i] as number[];
		const { bbox, area } = maskRunsBox(r, plane.w);
		if (area === 0) return;
		const text = maskRleText(r);
		const region: MaskRegion = { id: m.id, label: m.label, bbox, area };
		if (m.attrs) region.attrs = m.attrs;
		if (text.length <= inlineMax) region.rle = text;
		else {
			const sha256 = sha256HexSync(text);
			region.blob = sha256;
			region.bytes = text.length;
			blobs.push({ sha256, text });
		}
		masks.push(region);
	});
	return { value: { type: 'masks', w: plane.w, h: plane.h, masks }, blobs };
}

/** Thrown when a mask's code does not fit its value's size, or its blob is missing. */
export class MaskCodeError extends Error {
	override name = 'MaskCodeError';
}

/**
 * The runs of one mask of a value. `blobText` gives the code of a blob mask (undefined when this
 * device does not have it).
 */
export function maskRegionRuns(
	value: MasksValue,
	m: MaskRegion,
	blobText: (sha256: string) => string | undefined
): number[] {
	const text = m.rle ?? (m.blob ? blobText(m.blob) : undefined);
	if (text === undefined) throw new MaskCodeError('A mask of this item is not on this device yet.');
	const runs = maskRleRuns(text);
	if (maskRunsLength(runs) !== value.w * value.h)
		throw new MaskCodeError('A mask does not fit its image size.');
	return runs;
}

/** The blob hashes a value refers to. */
export function masksBlobs(value: MasksValue): string[] {
	return value.masks.flatMap((m) => (m.blob ? [m.blob] : []));
}
