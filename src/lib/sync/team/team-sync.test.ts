import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
	Annotation,
	AnnotatorId,
	EpochMs,
	ItemId,
	LabelId,
	ProjectId,
	TaskId
} from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import { ProjectStore, projectDocOf } from '../project-store';
import { guardHistoryKey } from './guard-history';
import { TeamSync, type TeamTopic } from './team-sync';

const ann = (item: string, who: string, label = 'pos'): Annotation => ({
	item: item as ItemId,
	task: 'sent' as TaskId,
	annotator: who as AnnotatorId,
	value: { type: 'classification', labels: [label as LabelId] },
	source: 'human',
	startedAt: 1 as EpochMs,
	savedAt: 2 as EpochMs,
	ms: 1
});
const me = { id: 'alice' as AnnotatorId, name: 'Alice', color: '#112233' };

function storage(): Storage {
	const m = new Map<string, string>();
	return {
		getItem: (k) => m.get(k) ?? null,
		setItem: (k, v) => void m.set(k, v),
		removeItem: (k) => void m.delete(k),
		clear: () => m.clear(),
		key: () => null,
		get length() {
			return m.size;
		}
	};
}

let open: { destroy(): unknown }[] = [];
afterEach(async () => {
	for (const o of open) await o.destroy();
	open = [];
});

function team(store: ProjectStore, s: Storage = storage()) {
	const m = new Map<string, unknown>();
	const t = new TeamSync(store, {
		project: 'p1' as ProjectId,
		me,
		prefs: {
			get: async <T>(k: string) => m.get(k) as T | undefined,
			set: async (k: string, v: unknown) => void m.set(k, v)
		},
		now: () => 5_000,
		config: async () => ({ signaling: [], iceServers: [], relayUrl: '' }),
		blobs: () => ({}) as BlobsRepo,
		saved: async () => undefined,
		onArrived: () => undefined,
		storage: s
	});
	open.push(t, store);
	return t;
}

function heard(t: TeamSync, topic: TeamTopic): { n: number } {
	const c = { n: 0 };
	t.on(topic, () => c.n++);
	return c;
}

/** A peer's copy of `store` whose writes arrive as remote updates. */
function peerOf(store: ProjectStore): Y.Doc {
	const target = projectDocOf(store).doc;
	const h = new Y.Doc();
	Y.applyUpdate(h, Y.encodeStateAsUpdate(target));
	h.on('update', (u: Uint8Array) => Y.applyUpdate(target, u, 'remote'));
	open.push(h);
	return h;
}

const init = (store: ProjectStore) =>
	store.init({
		id: 'p1' as ProjectId,
		name: 'P',
		description: '',
		created: 1 as EpochMs,
		schema: { tasks: [] }
	});

describe('TeamSync', () => {
	it('holds the project once its meta arrives, and says so to status views', () => {
		const store = new ProjectStore();
		const t = team(store);
		const status = heard(t, 'status');
		expect(t.hasProject).toBe(false);
		init(store);
		expect(t.hasProject).toBe(true);
		expect(status.n).toBe(1);
		expect(t.status.state).toBe('local');
	});

	it('lists valid members by name, counts invalid ones, and tells member views', () => {
		const store = new ProjectStore();
		init(store);
		const t = team(store);
		const members = heard(t, 'members');
		const h = peerOf(store);
		h.getMap('members').set('zed', { id: 'zed', name: 'Zed', color: '#000000', role: 'annotator' });
		h.getMap('members').set('bob', { id: 'bob', name: 'Bob', color: '#000000', role: 'reviewer' });
		h.getMap('members').set('eve', 42);
		expect(t.members.map((m) => m.name)).toEqual(['Bob', 'Zed']);
		expect(t.invalidMembers).toBe(1);
		expect(members.n).toBe(3);
		t.roleSet('zed' as AnnotatorId, 'owner');
		expect(t.members.find((m) => m.id === 'zed')?.role).toBe('owner');
		expect(t.myRole).toBeUndefined();
	});

	it('puts back my label a peer overwrote, and keeps the totals in storage', async () => {
		const store = new ProjectStore();
		init(store);
		const s = storage();
		const t = team(store, s);
		const guard = heard(t, 'guard');
		store.label(ann('i1', 'alice'));
		const h = peerOf(store);
		h.getMap('annotations').set('i1/sent/alice', ann('i1', 'alice', 'neg'));
		h.getMap('annotations').set('i2/sent/mallory', 42);
		// The guard restores after the transaction; the totals are read at most 4 times a second.
		await new Promise((r) => setTimeout(r, 300));
		expect(store.annotation('i1' as ItemId, 'sent' as TaskId, me.id)).toEqual(ann('i1', 'alice'));
		expect(t.guardTotals).toEqual({ restored: 1, invalid: 1, since: 5_000 });
		expect(guard.n).toBe(1);
		expect(JSON.parse(s.getItem(guardHistoryKey('p1')) ?? '')).toEqual(t.guardTotals);
		t.guardClear();
		expect(t.guardTotals).toEqual({ restored: 0, invalid: 0 });
		expect(s.getItem(guardHistoryKey('p1'))).toBeNull();
	});
});
