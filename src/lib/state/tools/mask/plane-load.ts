/**
 * Reading a masks value into a plane: inline codes at once, blob codes through the store (which
 * may fetch them from peers). The key names a value's content, so the editor reloads only when
 * the saved masks changed under it (undo, redo, a peer), not after its own save.
 */
import { maskPlaneFrom, maskPlaneNew, type MaskPlane } from '$lib/core/mask/plane';
import { MaskCodeError, maskRegionRuns, type MaskBlob, type MaskMeta } from '$lib/core/mask/value';
import type { AnnotationValue, MasksValue } from '$lib/core/types';

/** Where mask codes too big for the doc live (content-addressed blobs on this device). */
export interface MaskBlobStore {
	put(blobs: readonly MaskBlob[]): Promise<void>;
	/** The code stored under `sha256` (`bytes` long), or undefined when it cannot be had. */
	text(sha256: string, bytes: number): Promise<string | undefined>;
}

export function masksKey(v: AnnotationValue | undefined): string {
	if (v?.type !== 'masks') return '';
	const parts = v.masks.map(
		(m) => `${m.id}:${m.label}:${m.rle ?? m.blob}:${JSON.stringify(m.attrs ?? {})}`
	);
	return `${v.w}x${v.h}|${parts.join('|')}`;
}

/** The plane and mask list of a value (an empty plane of `size` when there is none). */
export async function planeLoad(
	v: AnnotationValue | undefined,
	size: { w: number; h: number },
	blobs: MaskBlobStore | undefined
): Promise<{ plane: MaskPlane; metas: MaskMeta[] }> {
	if (v?.type !== 'masks') return { plane: maskPlaneNew(size.w, size.h), metas: [] };
	if (v.w !== size.w || v.h !== size.h)
		throw new MaskCodeError(
			`These masks were drawn on a ${v.w} × ${v.h} image, not this ${size.w} × ${size.h} one.`
		);
	const mv: MasksValue = v;
	const texts = new Map<string, string>();
	for (const m of mv.masks) {
		if (m.rle !== undefined || !m.blob || texts.has(m.blob)) continue;
		const t = await blobs?.text(m.blob, m.bytes ?? 0);
		if (t !== undefined) texts.set(m.blob, t);
	}
	const runs = mv.masks.map((m) => maskRegionRuns(mv, m, (s) => texts.get(s)));
	const metas = mv.masks.map((m) => ({
		id: m.id,
		label: m.label,
		...(m.attrs ? { attrs: m.attrs } : {})
	}));
	return { plane: maskPlaneFrom(size.w, size.h, runs), metas };
}
