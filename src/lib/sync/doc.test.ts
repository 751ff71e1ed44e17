import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
	Annotation,
	AnnotatorId,
	EpochMs,
	Item,
	ItemId,
	LabelId,
	TaskId
} from '$lib/core/types';
import {
	annotationWrite,
	decisionDelete,
	decisionWrite,
	goldWrite,
	reviewsRead,
	flagsRead,
	flagWrite,
	itemFromLine,
	itemLine,
	itemsAdd,
	ITEMS_PER_BATCH,
	ORIGIN,
	projectDocFrom
} from './doc';
import { DocIndex } from './doc-index';

const item = (id: string, seq: number): Item => ({ id: id as ItemId, kind: 'text', text: id, seq });
const ann = (it: string, who: string, label: string): Annotation => ({
	item: it as ItemId,
	task: 't' as TaskId,
	annotator: who as AnnotatorId,
	value: { type: 'classification', labels: [label as LabelId] },
	source: 'human',
	startedAt: 1 as EpochMs,
	savedAt: 2 as EpochMs,
	ms: 1
});

describe('project doc and index', () => {
	it('orders items by import sequence and skips ids already present', () => {
		const p = projectDocFrom(new Y.Doc());
		const index = new DocIndex(p);
		expect(itemsAdd(p, [item('b', 2), item('a', 3), item('c', 1)])).toBe(3);
		expect(itemsAdd(p, [item('a', 9), item('d', 0)])).toBe(1);
		expect(index.order).toEqual(['d', 'c', 'b', 'a']);
		expect(index.item('a' as ItemId)?.seq).toBe(3);
		expect(index.item('a' as ItemId)).toEqual(item('a', 3));
	});

	it('keeps each annotator’s labels as their own records, merged across peers', () => {
		const a = projectDocFrom(new Y.Doc());
		const b = projectDocFrom(new Y.Doc());
		itemsAdd(a, [item('x', 1)]);
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		annotationWrite(a, ann('x', 'alice', 'pos'));
		annotationWrite(b, ann('x', 'bob', 'neg'));
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc), ORIGIN.REMOTE);
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), ORIGIN.REMOTE);
		for (const p of [a, b]) {
			const idx = new DocIndex(p);
			const labels = idx
				.annotationsOf('x' as ItemId)
				.map((v) => `${v.annotator}:${v.value.type === 'classification' ? v.value.labels[0] : ''}`)
				.sort();
			expect(labels).toEqual(['alice:pos', 'bob:neg']);
			expect(idx.labeledBy('alice').has('x' as ItemId)).toBe(true);
		}
	});

	it('quarantines invalid values from a peer and keeps valid work', () => {
		const p = projectDocFrom(new Y.Doc());
		const index = new DocIndex(p);
		const changes: boolean[] = [];
		index.subscribe((c) => changes.push(c.annotations));
		annotationWrite(p, ann('x', 'alice', 'pos'));
		p.doc.transact(() => {
			(p.annotations as unknown as Y.Map<unknown>).set('x/t/mallory', { value: 'garbage' });
			(p.annotations as unknown as Y.Map<unknown>).set('not-a-key', 42);
		}, ORIGIN.REMOTE);
		expect(index.annotationsOf('x' as ItemId)).toHaveLength(1);
		expect([...index.quarantined.keys()].sort()).toEqual([
			'annotations/not-a-key',
			'annotations/x/t/mallory'
		]);
		expect(changes).toEqual([true, true]);
	});

	it('stores items in batches, quarantines malformed lines and keeps the valid ones', () => {
		const p = projectDocFrom(new Y.Doc());
		const index = new DocIndex(p);
		const many = Array.from({ length: ITEMS_PER_BATCH + 5 }, (_, i) => item(`m${i}`, 100 + i));
		expect(itemsAdd(p, many)).toBe(ITEMS_PER_BATCH + 5);
		expect(p.items.size).toBe(2);
		expect(index.size).toBe(ITEMS_PER_BATCH + 5);
		p.doc.transact(() => {
			(p.items as unknown as Y.Map<unknown>).set('obj', { id: 'obj' });
			p.items.set('mixed', `${itemLine(item('ok', 1))}\nnot an item\nbroken\t5\t{not json`);
		}, ORIGIN.REMOTE);
		expect([...index.quarantined.keys()].sort()).toEqual(['items/mixed#2', 'items/obj']);
		expect(index.order.slice(0, 2)).toEqual(['ok', 'broken']);
		expect(index.item('ok' as ItemId)).toEqual(item('ok', 1));
		expect(index.item('broken' as ItemId)).toBeUndefined();
		expect(index.quarantined.get('items/broken')).toBe('invalid item');
		expect(itemFromLine(itemLine({ ...item('x', 7), meta: { a: 'b\tc\nd' } }))).toEqual({
			...item('x', 7),
			meta: { a: 'b\tc\nd' }
		});
	});

	it('treats the same item imported by two peers as one, keeping the earlier seq', () => {
		const a = projectDocFrom(new Y.Doc());
		const b = projectDocFrom(new Y.Doc());
		itemsAdd(a, [item('same', 5), item('onlyA', 6)]);
		itemsAdd(b, [item('same', 2)]);
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
		const index = new DocIndex(a);
		expect(index.size).toBe(2);
		expect(index.order).toEqual(['same', 'onlyA']);
		expect(index.item('same' as ItemId)?.seq).toBe(2);
	});

	it('updates counts when an annotation is deleted', () => {
		const p = projectDocFrom(new Y.Doc());
		const index = new DocIndex(p);
		annotationWrite(p, ann('x', 'alice', 'pos'));
		expect(index.labeledCount).toBe(1);
		p.doc.transact(() => p.annotations.delete('x/t/alice'), ORIGIN.LOCAL);
		expect(index.labeledCount).toBe(0);
		expect(index.labeledBy('alice').size).toBe(0);
	});
});

describe('review flags', () => {
	it('writes one flag per item, task, reason and member, and skips invalid ones', () => {
		const p = projectDocFrom(new Y.Doc());
		const f = {
			item: 'i1' as ItemId,
			task: 't' as TaskId,
			reason: 'label-error' as const,
			by: 'a' as AnnotatorId,
			at: 1 as EpochMs,
			score: 0.9,
			detail: 'given spam, model suggests ham'
		};
		flagWrite(p, f);
		flagWrite(p, { ...f, score: 0.95 });
		flagWrite(p, { ...f, reason: 'manual' });
		p.reviews.set('flag/x/y/z/w', { item: 'x', reason: 'nonsense' });
		const flags = flagsRead(p);
		expect(flags).toHaveLength(2);
		expect(flags.find((g) => g.reason === 'label-error')?.score).toBe(0.95);
	});
});

describe('review decisions and gold answers', () => {
	it('keeps one decision per reviewer, one gold answer per item and task, and skips invalid ones', () => {
		const p = projectDocFrom(new Y.Doc());
		const value = { type: 'classification' as const, labels: ['pos' as LabelId] };
		const d = {
			item: 'i' as ItemId,
			task: 't' as TaskId,
			value,
			by: 'r1' as AnnotatorId,
			at: 1 as EpochMs
		};
		decisionWrite(p, d);
		decisionWrite(p, { ...d, by: 'r2' as AnnotatorId, at: 2 as EpochMs });
		decisionDelete(p, d);
		goldWrite(p, { ...d, by: 'o' as AnnotatorId });
		goldWrite(p, { ...d, by: 'o' as AnnotatorId, value: { ...value, labels: ['neg' as LabelId] } });
		p.reviews.set('final/x/t/r3', { item: 'x', value: { type: 'nope' } });
		const r = reviewsRead(p);
		expect(r.decisions.map((x) => x.by)).toEqual(['r2']);
		expect(r.gold).toHaveLength(1);
		expect(r.gold[0]?.value).toEqual({ type: 'classification', labels: ['neg'] });
	});
});
