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
import { ProjectStore, projectDocOf, type DocChange, type DocTopic } from './project-store';

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
const schema = (labels: string[]) => ({
	tasks: [
		{
			id: 't' as TaskId,
			type: 'classification' as const,
			name: 'T',
			multi: false,
			labels: labels.map((l, i) => ({
				id: l as LabelId,
				name: l,
				color: '#336699',
				hotkey: String(i + 1)
			}))
		}
	]
});

function heard(store: ProjectStore, topics: DocTopic[]): DocChange[] {
	const out: DocChange[] = [];
	store.on(topics, (c) => out.push(c));
	return out;
}

/** Two stores joined as peers: every update of one is applied to the other. */
function peers(): [ProjectStore, ProjectStore] {
	const a = new ProjectStore();
	const b = new ProjectStore();
	const da = projectDocOf(a).doc;
	const db = projectDocOf(b).doc;
	da.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'peer') Y.applyUpdate(db, u, 'peer');
	});
	db.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'peer') Y.applyUpdate(da, u, 'peer');
	});
	return [a, b];
}

describe('ProjectStore, the one door to the doc', () => {
	it('tells annotation listeners which items changed, and item listeners only their item', () => {
		const s = new ProjectStore();
		s.itemsAdd([item('a', 0), item('b', 1)]);
		const all = heard(s, ['annotations']);
		const onA: DocChange[] = [];
		const onB: DocChange[] = [];
		s.onItem('a' as ItemId, (c) => onA.push(c));
		s.onItem('b' as ItemId, (c) => onB.push(c));
		s.label(ann('a', 'u1', 'x'));
		expect(all).toHaveLength(1);
		expect([...(all[0] as DocChange).items]).toEqual(['a']);
		expect(all[0]?.local).toBe(true);
		expect(onA).toHaveLength(1);
		expect(onB).toHaveLength(0);
		expect(s.annotationsOf('a' as ItemId)).toHaveLength(1);
		expect(s.labeledBy('u1' as AnnotatorId).has('a' as ItemId)).toBe(true);
	});

	it('names schema and settings changes apart, and other topics stay quiet', () => {
		const s = new ProjectStore();
		const sch = heard(s, ['schema']);
		const set = heard(s, ['settings']);
		const ann_ = heard(s, ['annotations']);
		s.schemaSet(schema(['x', 'y']));
		expect(sch).toHaveLength(1);
		expect(set).toHaveLength(0);
		s.settingsSet({ overlap: 3 });
		expect(set).toHaveLength(1);
		expect(s.settings.overlap).toBe(3);
		expect(ann_).toHaveLength(0);
	});

	it('runs a batch as one transaction: one event with every topic it touched', () => {
		const s = new ProjectStore();
		s.itemsAdd([item('a', 0)]);
		const events = heard(s, ['annotations', 'log']);
		s.batch(() => {
			s.label(ann('a', 'u1', 'x'));
			s.logAppend({
				at: 1 as EpochMs,
				who: 'u1' as AnnotatorId,
				what: 'label',
				item: 'a' as ItemId
			});
		});
		expect(events).toHaveLength(1);
		expect([...(events[0] as DocChange).topics].sort()).toEqual(['annotations', 'log']);
	});

	it("reads a peer's schema and reviews fresh, not from a stale cache", () => {
		const [a, b] = peers();
		a.schemaSet(schema(['x']));
		expect(b.schema.tasks[0]?.type).toBe('classification');
		const remote = heard(b, ['schema']);
		a.schemaSet(schema(['x', 'y']));
		const t = b.schema.tasks[0];
		expect(t?.type === 'classification' && t.labels.length).toBe(2);
		expect(remote[0]?.local).toBe(false);
		a.goldSet({
			item: 'i' as ItemId,
			task: 't' as TaskId,
			value: { type: 'classification', labels: ['x' as LabelId] },
			by: 'u1' as AnnotatorId,
			at: 1 as EpochMs
		});
		expect(b.reviews().gold).toHaveLength(1);
	});

	it("inserts into the guidelines and keeps a peer's concurrent edit", () => {
		const a = new ProjectStore();
		const b = new ProjectStore();
		const [da, db] = [projectDocOf(a).doc, projectDocOf(b).doc];
		a.guidelinesSet('# Guide\n\n## Examples\n');
		Y.applyUpdate(db, Y.encodeStateAsUpdate(da));
		const events = heard(b, ['guidelines']);
		// Both edit before they hear of each other: a at the end, b at the start.
		a.guidelinesInsert(a.guidelines.length, '- one\n');
		b.guidelinesInsert(0, 'Read me. ');
		Y.applyUpdate(db, Y.encodeStateAsUpdate(da), 'peer');
		Y.applyUpdate(da, Y.encodeStateAsUpdate(db), 'peer');
		expect(b.guidelines).toBe('Read me. # Guide\n\n## Examples\n- one\n');
		expect(a.guidelines).toBe(b.guidelines);
		expect(events.map((e) => e.local)).toEqual([true, false]);
		a.guidelinesInsert(999, '!');
		expect(a.guidelines.endsWith('- one\n!')).toBe(true);
	});

	it('undoes only my edits and names the item each step brings back', () => {
		const s = new ProjectStore();
		s.itemsAdd([item('a', 0), item('b', 1)]);
		const undo = s.annotationUndo();
		const popped: (ItemId | undefined)[] = [];
		undo.onChange((p) => popped.push(p));
		s.label(ann('a', 'u1', 'x'));
		s.label(ann('b', 'u2', 'y'), 'remote');
		expect(undo.canUndo()).toBe(true);
		undo.undo();
		expect(s.annotationsOf('a' as ItemId)).toHaveLength(0);
		expect(s.annotationsOf('b' as ItemId)).toHaveLength(1);
		expect(popped.at(-1)).toBe('a');
		undo.redo();
		expect(s.annotationsOf('a' as ItemId)).toHaveLength(1);
		undo.destroy();
	});

	it('attaches a new line to an item already there: the lower seq wins, id and place stay', () => {
		const s = new ProjectStore();
		const pathOnly: Item = { id: 'a' as ItemId, kind: 'image', source: 'img/a.png', seq: 5 };
		s.itemsAdd([pathOnly, item('b', 6)]);
		const events = heard(s, ['items']);
		const withMedia: Item = {
			...pathOnly,
			seq: 4,
			media: { blob: 'f'.repeat(64), mime: 'image/png', size: 3, name: 'a.png' }
		};
		expect(s.itemsAdd([withMedia])).toBe(0);
		expect(s.itemsAttach([withMedia])).toBe(1);
		expect(events).toHaveLength(1);
		expect(s.item('a' as ItemId)?.media).toEqual(withMedia.media);
		expect(s.order).toEqual(['a', 'b']);
		expect(s.size).toBe(2);
	});

	it('stops telling listeners once they unsubscribe or the store is destroyed', () => {
		const s = new ProjectStore();
		s.itemsAdd([item('a', 0)]);
		const got: DocChange[] = [];
		const off = s.on('annotations', (c) => got.push(c));
		off();
		s.label(ann('a', 'u1', 'x'));
		expect(got).toHaveLength(0);
		expect(s.stamp('annotations')).toBe(1);
		s.destroy();
	});

	it('knows the blobs of big masks, so peers may share them as they share media', () => {
		const store = new ProjectStore();
		const sha = 'ab'.repeat(32);
		expect(store.hasBlob(sha)).toBe(false);
		store.label({
			...ann('i1', 'ann', 'x'),
			value: {
				type: 'masks',
				w: 10,
				h: 10,
				masks: [
					{
						id: 'm',
						label: 'x' as LabelId,
						blob: sha,
						bytes: 9000,
						bbox: [0, 0, 10, 10],
						area: 100
					}
				]
			}
		});
		expect(store.hasBlob(sha)).toBe(true);
		expect(store.hasBlob('cd'.repeat(32))).toBe(false);
	});
});
