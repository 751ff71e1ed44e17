/**
 * Redaction of rows held back for the personal-data review (items are content-addressed and
 * immutable, so rows wait until the review is answered): the review's entries for their texts and
 * metadata, and the rows with the redacted values put back.
 */
import type { ImportRow } from '$lib/core/formats/import-types';
import type { PersonModel } from '$lib/state/privacy/person-model';
import type { RedactionEntry } from '$lib/state/privacy/redaction-review';

/** A batch of rows read from one file, held for the review. */
export interface HeldRows {
	rows: ImportRow[];
	file: string;
}

/** Review key of batch `bi`, row `i`: its text (no `field`) or a metadata value. */
export const heldKey = (bi: number, i: number, field = '') => `${bi}#${i}#${field}`;

/**
 * Review entries for held rows, with where each came from. Names also come from the project's
 * trained span model of a PERSON-like label, when one reads the item's text.
 */
export function heldEntries(held: readonly HeldRows[], model?: PersonModel): RedactionEntry[] {
	const persons = (text: string) => {
		const found = model?.fields.includes(undefined) ? model.find(text) : [];
		return found.length ? { persons: found } : {};
	};
	return held.flatMap((b, bi) =>
		b.rows.flatMap((r, i) => [
			{ key: heldKey(bi, i), where: `${b.file}, line ${r.line}`, text: r.text, ...persons(r.text) },
			...Object.entries(r.meta ?? {}).map(([k, v]) => ({
				key: heldKey(bi, i, k),
				where: `${b.file}, line ${r.line}, ${k}`,
				text: v
			}))
		])
	);
}

/**
 * `rows` with their redacted values: `edited(i)` gives row `i`'s redacted text, `edited(i, k)` its
 * redacted metadata value `k` (undefined: unchanged).
 */
export function rowsRedact(
	rows: readonly ImportRow[],
	edited: (i: number, field?: string) => string | undefined
): ImportRow[] {
	return rows.map((r, i) => {
		const text = edited(i) ?? r.text;
		if (!r.meta) return { ...r, text };
		const meta = Object.fromEntries(Object.entries(r.meta).map(([k, v]) => [k, edited(i, k) ?? v]));
		return { ...r, text, meta };
	});
}
