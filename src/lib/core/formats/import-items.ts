/** Import rows → text items with content-hash ids, skipping duplicates. */
import { itemIdFromText } from '../ids';
import type { Item, ItemId } from '../types';
import type { ImportRow } from './import-types';

export interface ItemsFromRowsResult {
	items: Item[];
	/** Rows skipped because their text was already imported (in this import or the project). */
	duplicates: number;
	/** Of `duplicates`, those already in the project (`existing`). */
	alreadyInProject: number;
}

/**
 * Hashes rows into text items (id = `itemIdFromText(text)`), skipping rows whose id is in
 * `existing` (the project) or in `seen` (earlier rows of this import). Adds the new ids to `seen`;
 * returns new items and does not touch the rows. `seq` is `seqStart` plus the row's index, so
 * the caller advances `seqStart` by `rows.length` per batch. Synchronous: the SHA-256 is
 * (see sha256.ts for why), ~1 µs per 200-byte row.
 */
export function itemsFromRows(
	rows: readonly ImportRow[],
	opts: {
		file: string;
		seqStart: number;
		seen: { has(id: ItemId): boolean; add(id: ItemId): unknown };
		existing?: { has(id: ItemId): boolean };
	}
): ItemsFromRowsResult {
	const items: Item[] = [];
	let duplicates = 0;
	let alreadyInProject = 0;
	rows.forEach((row, i) => {
		const id = itemIdFromText(row.text);
		if (opts.existing?.has(id)) {
			duplicates++;
			alreadyInProject++;
			return;
		}
		if (opts.seen.has(id)) {
			duplicates++;
			return;
		}
		opts.seen.add(id);
		const item: Item = {
			id,
			kind: 'text',
			text: row.text,
			seq: opts.seqStart + i,
			source: opts.file
		};
		if (row.meta && Object.keys(row.meta).length > 0) item.meta = { ...row.meta };
		items.push(item);
	});
	return { items, duplicates, alreadyInProject };
}
