import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AnnotatorId, EpochMs, Item, ItemId } from '$lib/core/types';
import {
	itemsAdd,
	itemsDrop,
	prepMap,
	prepMarkDelete,
	prepMarksRead,
	prepMarkWrite,
	projectDocFrom
} from './doc';
import { DocIndex } from './doc-index';

const item = (id: string, seq: number): Item => ({ id: id as ItemId, kind: 'text', text: id, seq });

describe('itemsDrop', () => {
	it('removes items from their batches, and the index (also a peer’s) forgets them', () => {
		const p = projectDocFrom(new Y.Doc());
		const index = new DocIndex(p);
		itemsAdd(p, [item('a', 1), item('b', 2), item('c', 3)]);
		itemsAdd(p, [item('d', 4)]);
		const peer = projectDocFrom(new Y.Doc());
		const peerIndex = new DocIndex(peer);
		Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(p.doc));
		const before = Y.encodeStateVector(peer.doc);

		expect(itemsDrop(p, new Set(['b', 'd'] as ItemId[]))).toBe(2);
		expect(index.order).toEqual(['a', 'c']);
		expect(index.item('b' as ItemId)).toBeUndefined();
		expect(index.size).toBe(2);

		Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(p.doc, before));
		expect(peerIndex.order).toEqual(['a', 'c']);
		expect(new DocIndex(p).order).toEqual(['a', 'c']);
	});

	it('changes nothing for unknown ids', () => {
		const p = projectDocFrom(new Y.Doc());
		itemsAdd(p, [item('a', 1)]);
		expect(itemsDrop(p, new Set(['zz'] as ItemId[]))).toBe(0);
		expect(new DocIndex(p).size).toBe(1);
	});
});

describe('prep marks', () => {
	it('stores decisions and skips invalid values from peers', () => {
		const p = projectDocFrom(new Y.Doc());
		prepMarkWrite(p, {
			item: 'a' as ItemId,
			kind: 'near-duplicate',
			action: 'mark',
			by: 'me' as AnnotatorId,
			at: 5 as EpochMs,
			note: 'check'
		});
		prepMap(p).set('outlier/x', { item: 'x', kind: 'outlier', action: 'explode', by: 'z', at: 1 });
		prepMap(p).set('empty/y', { item: 'other', kind: 'empty', action: 'keep', by: 'z', at: 1 });
		prepMap(p).set('empty/q', 'junk');
		expect(prepMarksRead(p).map((m) => [m.item, m.action])).toEqual([['a', 'mark']]);
		prepMarkDelete(p, { item: 'a' as ItemId, kind: 'near-duplicate' });
		expect(prepMarksRead(p)).toEqual([]);
	});
});
