import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { classificationTaskNew } from '$lib/core/schema';
import {
	deviceKeysNew,
	editCheck,
	isSignedShape,
	keyFingerprint,
	signedMake,
	type DeviceKeys,
	type MembersBody,
	type RoomSecret
} from '$lib/core/signing';
import type {
	AnnotatorId,
	LabelSchema,
	Member,
	ProjectId,
	ReviewDecision,
	Role,
	TaskId
} from '$lib/core/types';
import {
	decisionWrite,
	memberUpsert,
	metaInit,
	metaSet,
	ORIGIN,
	projectDocFrom,
	reviewsRead,
	schemaRead,
	settingsRead,
	type ProjectDoc
} from '../doc';
import { trustAnchorSet } from './store';
import { Trust } from './trust';
import type { MineStorage } from './types';

const schemaOf = (name: string): LabelSchema => ({
	tasks: [
		classificationTaskNew({
			id: 't1' as TaskId,
			name,
			labels: [
				{ id: 'a' as never, name: 'A' },
				{ id: 'b' as never, name: 'B' }
			]
		})
	]
});

/** Full mesh of docs: every update goes to every other doc, as y-webrtc does. */
function mesh(docs: Y.Doc[]) {
	const live = new Set<Y.Doc>();
	/** Joins: both sides exchange what they have (y-webrtc's sync step), then every update. */
	const add = (d: Y.Doc) => {
		for (const o of live) {
			Y.applyUpdate(d, Y.encodeStateAsUpdate(o), ORIGIN.REMOTE);
			Y.applyUpdate(o, Y.encodeStateAsUpdate(d), ORIGIN.REMOTE);
		}
		live.add(d);
		d.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin === ORIGIN.REMOTE || !live.has(d)) return;
			for (const o of live) if (o !== d) Y.applyUpdate(o, u, ORIGIN.REMOTE);
		});
	};
	for (const d of docs) add(d);
	return { add, remove: (d: Y.Doc) => live.delete(d) };
}

/** localStorage for node tests: synchronous, and it outlives a "page load". */
class MemStorage implements MineStorage {
	m = new Map<string, string>();
	getItem(k: string): string | null {
		return this.m.get(k) ?? null;
	}
	setItem(k: string, v: string): void {
		this.m.set(k, v);
	}
	removeItem(k: string): void {
		this.m.delete(k);
	}
}

interface Dev {
	id: AnnotatorId;
	p: ProjectDoc;
	trust: Trust;
	rooms: { secret: RoomSecret; epoch: number }[];
	store: Map<string, unknown>;
	keys: DeviceKeys;
	mine: MemStorage;
}

/** What a device keeps across a page load: its keys, its stores (the doc is passed anew). */
interface Kept {
	keys: DeviceKeys;
	store: Map<string, unknown>;
	mine: MemStorage;
}

async function device(
	id: string,
	role: Role,
	doc: Y.Doc,
	clock: { t: number },
	anchorFp?: string,
	kept?: Kept
): Promise<Dev> {
	const p = projectDocFrom(doc);
	const keys = kept?.keys ?? (await deviceKeysNew());
	const store = kept?.store ?? new Map<string, unknown>();
	const mine = kept?.mine ?? new MemStorage();
	const kv = {
		get: <T>(k: string) => Promise.resolve(store.get(k) as T | undefined),
		set: (k: string, v: unknown) => {
			store.set(k, v);
			return Promise.resolve();
		}
	};
	if (anchorFp) await trustAnchorSet(kv, 'p1', anchorFp);
	const rooms: Dev['rooms'] = [];
	let epoch = 0;
	const trust = new Trust(p, {
		projectId: 'p1',
		me: id as AnnotatorId,
		keys,
		store: kv,
		now: () => clock.t,
		onChange: () => undefined,
		onRoom: (secret, e) => {
			epoch = e;
			rooms.push({ secret, epoch: e });
		},
		roomEpoch: () => epoch,
		graceMs: 300,
		mine: { storage: mine, saved: () => Promise.resolve() }
	});
	memberUpsert(p, {
		id: id as AnnotatorId,
		name: id,
		color: '#112233',
		role,
		key: keys.signPub,
		dh: keys.dhPub
	});
	return { id: id as AnnotatorId, p, trust, rooms, store, keys, mine };
}

async function settle(devs: Dev[], ms = 0): Promise<void> {
	for (let i = 0; i < 4; i++) {
		await Promise.all(devs.map((d) => d.trust.idle()));
		await new Promise((r) => setTimeout(r, ms));
	}
}

const decision = (by: string, label: string): ReviewDecision => ({
	item: 'i1' as never,
	task: 't1' as TaskId,
	by: by as AnnotatorId,
	at: 5 as never,
	value: { type: 'classification', labels: [label] } as never
});

async function team() {
	const clock = { t: 1000 };
	const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
	const net = mesh(docs);
	const ada = await device('ada', 'owner', docs[0] as Y.Doc, clock);
	metaInit(ada.p, {
		id: 'p1' as ProjectId,
		name: 'P',
		description: '',
		created: 1 as never,
		schema: schemaOf('Sentiment')
	});
	const bo = await device('bo', 'annotator', docs[1] as Y.Doc, clock);
	const cy = await device('cy', 'annotator', docs[2] as Y.Doc, clock);
	const all = [ada, bo, cy];
	for (const d of all) await d.trust.start();
	await settle(all);
	await ada.trust.roleSet(bo.id, 'reviewer');
	await settle(all);
	return { clock, ada, bo, cy, all, net };
}

/**
 * A full page load right after an edit, before its signature: the trust is closed without
 * waiting, and the device opens again from what its storage held at that moment (`disk`: every
 * doc update so far, the edit included; its signature was never made).
 */
async function reload(
	dev: Dev,
	role: Role,
	clock: { t: number },
	net: ReturnType<typeof mesh>,
	disk = Y.encodeStateAsUpdate(dev.p.doc)
): Promise<Dev> {
	dev.trust.destroy();
	net.remove(dev.p.doc);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, disk, ORIGIN.STORAGE);
	const again = await device(dev.id, role, doc, clock, undefined, dev);
	net.add(doc);
	await again.trust.start();
	return again;
}

/** A value written into `p`'s doc by another client that never signs it (a modified app). */
function unsignedWrite(p: ProjectDoc, map: string, key: string, value: unknown): void {
	const d = new Y.Doc();
	Y.applyUpdate(d, Y.encodeStateAsUpdate(p.doc));
	const sv = Y.encodeStateVector(d);
	d.getMap(map).set(key, value);
	Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(d, sv), 'hostile');
}

/** The valid signed record by `by` that covers `kind`'s value in `p`, if any. */
async function signedBy(p: ProjectDoc, kind: 'schema' | 'settings', by: string) {
	const rec = p.trust.get(`${kind}/${by}`);
	const members = p.trust.get('members') as { body: MembersBody };
	if (!isSignedShape(rec)) return undefined;
	return { body: rec.body, why: await editCheck(rec, members.body, ['owner']) };
}

const mineKeys = (d: Dev) => [...d.mine.m.values()].map((v) => Object.keys(JSON.parse(v)));

describe('signed membership on the doc', () => {
	it('the owner signs the member list; everyone agrees on roles', async () => {
		const { ada, bo, cy } = await team();
		for (const d of [ada, bo, cy]) {
			expect(d.trust.secured).toBe(true);
			expect(d.trust.roleOf('ada')).toBe('owner');
			expect(d.trust.roleOf('bo')).toBe('reviewer');
			expect(d.trust.roleOf('cy')).toBe('annotator');
			expect(d.trust.reports).toEqual([]);
		}
		// Cy sets herself owner in the unsigned member map: the signed role stays.
		memberUpsert(cy.p, { ...(cy.p.members.get('cy' as never) as Member), role: 'owner' });
		await settle([ada, bo, cy]);
		expect(bo.trust.roleOf('cy')).toBe('annotator');
	});

	it("an annotator's schema edit is ignored by everyone and reported; the owner's applies", async () => {
		const { ada, bo, cy, all } = await team();
		// Cy's own app signs her edit with her key: valid signature, wrong role.
		metaSet(cy.p, { schema: schemaOf('Hacked') });
		await settle(all, 350);
		for (const d of all) expect(schemaRead(d.p).tasks[0]?.name).toBe('Sentiment');
		const r = ada.trust.reports.find((x) => x.what === 'schema');
		expect(r).toMatchObject({ who: 'cy', why: 'needs the owner role, has annotator' });
		expect(bo.trust.reports.filter((x) => x.what === 'schema')).toHaveLength(1);

		// A forged record in the owner's name with Cy's key.
		const forged = await signedMake(
			await deviceKeysNew(),
			'schema',
			schemaOf('Forged'),
			ada.id,
			9999
		);
		cy.p.doc.transact(() => cy.p.trust.set('schema/ada', forged), ORIGIN.LOCAL);
		await settle(all);
		expect(schemaRead(bo.p).tasks[0]?.name).toBe('Sentiment');
		expect(bo.trust.reports.some((x) => x.who === 'ada' && x.why === 'invalid signature')).toBe(
			true
		);

		// The owner's edit applies everywhere (and her own view shows it at once).
		metaSet(ada.p, { schema: schemaOf('Mood') });
		expect(schemaRead(ada.p).tasks[0]?.name).toBe('Mood');
		await settle(all);
		for (const d of all) expect(schemaRead(d.p).tasks[0]?.name).toBe('Mood');
	});

	it('settings written straight into the doc without a signature are ignored and reported', async () => {
		const { ada, bo, cy, all } = await team();
		const before = settingsRead(bo.p).overlap;
		// A modified client: writes the value with a non-signing origin and never signs it.
		Y.applyUpdate(
			cy.p.doc,
			(() => {
				const d = new Y.Doc();
				Y.applyUpdate(d, Y.encodeStateAsUpdate(cy.p.doc));
				const sv = Y.encodeStateVector(d);
				d.getMap('meta').set('settings', { ...settingsRead(cy.p), overlap: 7 });
				return Y.encodeStateAsUpdate(d, sv);
			})(),
			'hostile'
		);
		await settle(all, 350);
		expect(settingsRead(bo.p).overlap).toBe(before);
		expect(settingsRead(ada.p).overlap).toBe(before);
		expect(ada.trust.reports.some((x) => x.what === 'settings' && x.why === 'unsigned edit')).toBe(
			true
		);
	});

	it('review decisions count only when signed by a reviewer or owner', async () => {
		const { ada, bo, cy, all } = await team();
		decisionWrite(bo.p, decision('bo', 'a'));
		expect(reviewsRead(bo.p).decisions).toHaveLength(1);
		await settle(all, 350);
		expect(reviewsRead(ada.p).decisions.map((d) => d.by)).toEqual(['bo']);
		// Cy accepts a value: signed by her, but an annotator.
		decisionWrite(cy.p, decision('cy', 'b'));
		// Cy overwrites Bo's decision (her app signs it as hers).
		decisionWrite(cy.p, { ...decision('bo', 'b') });
		await settle(all, 350);
		const seen = reviewsRead(ada.p).decisions;
		expect(seen.map((d) => [d.by, (d.value as { labels: string[] }).labels[0]])).toEqual([
			['bo', 'a']
		]);
		expect(ada.trust.reports.filter((r) => r.what === 'review decision').length).toBeGreaterThan(0);
		expect(reviewsRead(bo.p).decisions.map((d) => d.by)).toEqual(['bo']);
	});

	it('removing a member gives the others a new room; the removed member cannot open it', async () => {
		const { ada, bo, cy, all } = await team();
		const { secret, epoch } = await ada.trust.memberRemove(cy.id);
		await settle(all);
		expect(bo.rooms).toEqual([{ secret, epoch }]);
		expect(cy.rooms).toEqual([]);
		expect(cy.trust.removed).toBe(true);
		expect(bo.trust.roleOf('cy')).toBeUndefined();
		// Cy publishes her keys again: the owner does not add her back.
		memberUpsert(cy.p, { ...(bo.p.members.get('bo' as never) as Member), id: cy.id, name: 'cy' });
		await settle(all);
		expect(ada.trust.roleOf('cy')).toBeUndefined();
		// Only the owner may remove.
		await expect(bo.trust.memberRemove(ada.id)).rejects.toThrow(/Only the project owner/);
	});

	it('a newcomer with the invite fingerprint refuses a member list signed by another key', async () => {
		const { ada, cy } = await team();
		const fp = ada.trust.ownerFp as string;
		expect(fp).toBe(await keyFingerprint(ada.p.members.get('ada' as never)?.key as string));
		// Cy (hostile) replaces the list with one she signed, naming herself owner.
		const cyKeys = await deviceKeysNew();
		const coup = await signedMake(
			cyKeys,
			'members',
			{ epoch: 99, members: [{ id: cy.id, role: 'owner', key: cyKeys.signPub, dh: cyKeys.dhPub }] },
			cy.id,
			5
		);
		const late = new Y.Doc();
		Y.applyUpdate(late, Y.encodeStateAsUpdate(ada.p.doc));
		projectDocFrom(late).trust.set('members', coup);
		const dan = await device('dan', 'annotator', late, { t: 1 }, fp);
		await dan.trust.start();
		await settle([dan]);
		expect(dan.trust.secured).toBe(false);
		expect(dan.trust.reports[0]).toMatchObject({ who: 'cy', what: 'member list' });
		// The genuine list arrives: accepted.
		Y.applyUpdate(late, Y.encodeStateAsUpdate(ada.p.doc), ORIGIN.REMOTE);
		projectDocFrom(late).trust.set('members', ada.p.trust.get('members'));
		await settle([dan]);
		expect(dan.trust.roleOf('ada')).toBe('owner');
	});

	it('an unsigned project keeps its reviews when the owner signs it on the next open', async () => {
		const clock = { t: 1 };
		const docs = [new Y.Doc(), new Y.Doc()];
		mesh(docs);
		const a = projectDocFrom(docs[0] as Y.Doc);
		const b = projectDocFrom(docs[1] as Y.Doc);
		metaInit(a, {
			id: 'p1' as ProjectId,
			name: 'Old',
			description: '',
			created: 1 as never,
			schema: schemaOf('Old')
		});
		// The old, unsigned project: roles in the plain map, a reviewer's decision.
		memberUpsert(a, { id: 'ada' as never, name: 'ada', color: '#112233', role: 'owner' });
		memberUpsert(b, { id: 'bo' as never, name: 'bo', color: '#112233', role: 'reviewer' });
		decisionWrite(b, decision('bo', 'a'));
		expect(reviewsRead(a).decisions).toHaveLength(1);
		// Both devices update; Bo opens first (nothing is signed yet: everything works as before).
		const bo = await device('bo', 'reviewer', docs[1] as Y.Doc, clock);
		await bo.trust.start();
		expect(bo.trust.secured).toBe(false);
		expect(reviewsRead(b).decisions).toHaveLength(1);
		const ada = await device('ada', 'owner', docs[0] as Y.Doc, clock);
		await ada.trust.start();
		await settle([ada, bo], 350);
		for (const p of [a, b]) {
			expect(reviewsRead(p).decisions).toHaveLength(1);
			expect(schemaRead(p).tasks[0]?.name).toBe('Old');
		}
		expect(bo.trust.secured).toBe(true);
		expect(bo.trust.roleOf('bo')).toBe('reviewer');
		expect(bo.trust.reports).toEqual([]);
		expect(ada.trust.reports).toEqual([]);
	});

	it("an owner's schema and settings edits survive a page load made before their signature", async () => {
		const { clock, ada, bo, cy, net } = await team();
		const settings = { ...settingsRead(ada.p), overlap: 3 };
		metaSet(ada.p, { schema: schemaOf('Mood'), settings });
		// Remembered with the edit, synchronously: both kinds wait for their signature.
		expect(mineKeys(ada)).toEqual([['schema', 'settings']]);
		const ada2 = await reload(ada, 'owner', clock, net);
		const all = [ada2, bo, cy];
		await settle(all, 350);
		for (const d of all) {
			expect(schemaRead(d.p).tasks[0]?.name).toBe('Mood');
			expect(settingsRead(d.p).overlap).toBe(3);
			expect(d.trust.reports).toEqual([]);
		}
		// A valid signature by the owner covers each value, and nothing is left to remember.
		expect(await signedBy(bo.p, 'settings', 'ada')).toEqual({ body: settings, why: '' });
		expect(await signedBy(bo.p, 'schema', 'ada')).toMatchObject({ why: '' });
		expect(mineKeys(ada2)).toEqual([]);
		// Another load: still in effect.
		const ada3 = await reload(ada2, 'owner', clock, net);
		await settle([ada3, bo, cy], 350);
		expect(settingsRead(ada3.p).overlap).toBe(3);
		expect(ada3.trust.reports).toEqual([]);
	});

	it("the owner's own edit is in effect when the doc's observers run, before its signature", async () => {
		const { ada } = await team();
		// The store drops its caches and tells views from observers like this one: a view that reads
		// then must get the value just written, not the last signed one.
		const seen: number[] = [];
		ada.p.meta.observe(() => seen.push(settingsRead(ada.p).overlap));
		metaSet(ada.p, { settings: { ...settingsRead(ada.p), overlap: 3 } });
		expect(seen).toEqual([3]);
	});

	it('without remembering, the same page load leaves the edit unsigned: it reverts (the bug)', async () => {
		const { clock, ada, bo, net } = await team();
		metaSet(ada.p, { settings: { ...settingsRead(ada.p), overlap: 3 } });
		ada.mine.m.clear();
		const ada2 = await reload(ada, 'owner', clock, net);
		await settle([ada2, bo], 350);
		expect(settingsRead(ada2.p).overlap).toBe(1);
		expect(settingsRead(bo.p).overlap).toBe(1);
		expect(ada2.trust.reports.map((r) => r.why)).toEqual(['unsigned edit']);
	});

	it("a peer's unsigned value is refused even when it equals the owner's pending edit", async () => {
		const { clock, ada, bo, cy, net } = await team();
		const settings = { ...settingsRead(ada.p), overlap: 3 };
		metaSet(ada.p, { settings });
		// Before Ada's device signs, Cy's modified app writes the same value again, unsigned: the
		// doc now holds Cy's write (another Yjs item), not Ada's.
		unsignedWrite(cy.p, 'meta', 'settings', { ...settings });
		expect(ada.p.meta.get('settings')).toEqual(settings);
		// Ada's own view no longer shows it as hers either.
		expect(settingsRead(ada.p).overlap).toBe(1);
		const ada2 = await reload(ada, 'owner', clock, net);
		await settle([ada2, bo, cy], 350);
		expect(settingsRead(ada2.p).overlap).toBe(1);
		expect(settingsRead(bo.p).overlap).toBe(1);
		expect(ada2.p.trust.get('settings/ada')).toMatchObject({ body: { overlap: 1 } });
		expect(ada2.trust.reports).toMatchObject([{ what: 'settings', why: 'unsigned edit' }]);
		expect(mineKeys(ada2)).toEqual([]);

		// The same race without a page load: the owner's device signs only its own write.
		metaSet(ada2.p, { settings: { ...settings, overlap: 4 } });
		unsignedWrite(cy.p, 'meta', 'settings', { ...settings, overlap: 4 });
		await settle([ada2, bo, cy], 350);
		expect(settingsRead(bo.p).overlap).toBe(1);
		expect(ada2.p.trust.get('settings/ada')).toMatchObject({ body: { overlap: 1 } });
	});

	it("an annotator's pending settings edit is signed as the annotator's after a load, and refused", async () => {
		const { clock, ada, bo, cy, net } = await team();
		metaSet(cy.p, { settings: { ...settingsRead(cy.p), overlap: 5 } });
		const cy2 = await reload(cy, 'annotator', clock, net);
		const all = [ada, bo, cy2];
		await settle(all, 350);
		for (const d of all) expect(settingsRead(d.p).overlap).toBe(1);
		// Cy's device did sign it again, with her key: the owner role is what is missing.
		expect(await signedBy(ada.p, 'settings', 'cy')).toMatchObject({
			body: { overlap: 5 },
			why: 'needs the owner role, has annotator'
		});
		expect(ada.trust.reports).toMatchObject([
			{ who: 'cy', what: 'settings', why: 'needs the owner role, has annotator' }
		]);
	});

	it("a reviewer's decision survives a page load made before its signature", async () => {
		const { clock, ada, bo, cy, net } = await team();
		decisionWrite(bo.p, decision('bo', 'a'));
		expect(mineKeys(bo)).toEqual([['final/i1/t1/bo']]);
		const bo2 = await reload(bo, 'reviewer', clock, net);
		const all = [ada, bo2, cy];
		await settle(all, 350);
		for (const d of all) {
			expect(reviewsRead(d.p).decisions.map((x) => x.by)).toEqual(['bo']);
			expect(d.trust.reports).toEqual([]);
		}
		expect(ada.p.reviews.get('final/i1/t1/bo')).toMatchObject({ signer: 'bo' });
		expect(mineKeys(bo2)).toEqual([]);
	});

	it('an edit whose doc write never reached storage is forgotten, and nothing else changes', async () => {
		const { clock, ada, bo, net } = await team();
		// Offline (no peer gets the edit), and the load comes before the edit's update was
		// written to IndexedDB: the stored doc lacks it.
		net.remove(ada.p.doc);
		const disk = Y.encodeStateAsUpdate(ada.p.doc);
		metaSet(ada.p, { settings: { ...settingsRead(ada.p), overlap: 3 } });
		expect(mineKeys(ada)).toEqual([['settings']]);
		const ada2 = await reload(ada, 'owner', clock, net, disk);
		await settle([ada2, bo], 350);
		expect(settingsRead(ada2.p).overlap).toBe(1);
		expect(ada2.trust.reports).toEqual([]);
		expect(mineKeys(ada2)).toEqual([]);
	});

	it('a signed edit is forgotten only once its signature is stored', async () => {
		const { ada, all } = await team();
		let store!: () => void;
		const stored = new Promise<void>((r) => (store = r));
		// A second trust on the same doc stands in for the device, with slow storage.
		ada.trust.destroy();
		const t = new Trust(ada.p, {
			projectId: 'p1',
			me: ada.id,
			keys: ada.keys,
			store: {
				get: <T>(k: string) => Promise.resolve(ada.store.get(k) as T | undefined),
				set: (k: string, v: unknown) => Promise.resolve(void ada.store.set(k, v))
			},
			now: () => 2000,
			onChange: () => undefined,
			onRoom: () => undefined,
			roomEpoch: () => 0,
			mine: { storage: ada.mine, saved: () => stored }
		});
		await t.start();
		metaSet(ada.p, { settings: { ...settingsRead(ada.p), overlap: 3 } });
		await t.idle();
		await settle(all.slice(1));
		expect(ada.p.trust.get('settings/ada')).toMatchObject({ body: { overlap: 3 } });
		expect(mineKeys(ada)).toEqual([['settings']]);
		store();
		await stored;
		await new Promise((r) => setTimeout(r, 0));
		expect(mineKeys(ada)).toEqual([]);
		t.destroy();
	});
});
