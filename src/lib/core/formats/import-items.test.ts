import { describe, expect, it } from 'vitest';
import { itemIdFromText } from '../ids';
import type { ItemId } from '../types';
import { itemsFromRows } from './import-items';
import type { ImportRow } from './import-types';

describe('itemsFromRows', () => {
	const rows: ImportRow[] = [
		{ line: 2, text: 'a', meta: { n: '1' } },
		{ line: 3, text: 'b' },
		{ line: 4, text: 'a', meta: { n: '2' } },
		{ line: 5, text: 'c', meta: {} }
	];

	it('gives content-hash ids, seq by row position, the source file, and copies metadata', () => {
		const { items } = itemsFromRows(rows, { file: 'f.csv', seqStart: 10, seen: new Set() });
		expect(items).toEqual([
			{
				id: itemIdFromText('a'),
				kind: 'text',
				text: 'a',
				seq: 10,
				source: 'f.csv',
				meta: { n: '1' }
			},
			{ id: itemIdFromText('b'), kind: 'text', text: 'b', seq: 11, source: 'f.csv' },
			{ id: itemIdFromText('c'), kind: 'text', text: 'c', seq: 13, source: 'f.csv' }
		]);
		expect(items[0]?.meta).not.toBe(rows[0]?.meta);
		expect(items[0]?.id).toMatch(/^[0-9a-f]{32}$/);
	});

	it('counts duplicates within the import and against the project separately', () => {
		const seen = new Set<ItemId>();
		const existing = new Set([itemIdFromText('c')]);
		const first = itemsFromRows(rows, { file: 'f', seqStart: 0, seen, existing });
		expect(first.items.map((i) => i.text)).toEqual(['a', 'b']);
		expect(first).toMatchObject({ duplicates: 2, alreadyInProject: 1 });
		const again = itemsFromRows(rows, { file: 'g', seqStart: 4, seen, existing });
		expect(again).toEqual({ items: [], duplicates: 4, alreadyInProject: 1 });
		expect(seen.size).toBe(2);
	});
});
