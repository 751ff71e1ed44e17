import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { UpdateBatcher, syncUpdateMessage, syncUpdateOf, type SyncUpdate } from './coalesce';

/** The updates of `n` separate edits of a fresh doc. */
function edits(n: number): Uint8Array[] {
	const doc = new Y.Doc();
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	for (let i = 0; i < n; i++) doc.getMap('annotations').set(`k${i}`, { i });
	return out;
}

describe('syncUpdateOf / syncUpdateMessage', () => {
	it('reads the update out of the doc messages y-webrtc and y-protocols write', () => {
		const [u] = edits(1) as [Uint8Array];
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		syncProtocol.writeUpdate(e, u);
		const m = encoding.toUint8Array(e);
		expect(syncUpdateOf(m)).toEqual({ update: u, step2: false, message: m });
		expect(syncUpdateMessage(u)).toEqual(m);
		const doc = new Y.Doc();
		doc.getMap('m').set('a', 1);
		const s2 = encoding.createEncoder();
		encoding.writeVarUint(s2, 0);
		syncProtocol.writeSyncStep2(s2, doc);
		expect(syncUpdateOf(encoding.toUint8Array(s2))?.step2).toBe(true);
		expect(syncUpdateOf(syncUpdateMessage(u, true))).toMatchObject({ update: u, step2: true });
		// Lengths of every varint size, as lib0 writes them.
		for (const n of [0, 127, 128, 16_383, 16_384, 2_097_152]) {
			const big = new Uint8Array(n).fill(7);
			const lib0 = encoding.createEncoder();
			encoding.writeVarUint(lib0, 0);
			encoding.writeVarUint(lib0, 2);
			encoding.writeVarUint8Array(lib0, big);
			const want = encoding.toUint8Array(lib0);
			expect(Buffer.compare(syncUpdateMessage(big), want), `length ${n}`).toBe(0);
		}
	});

	it('leaves every other message alone: step 1, awareness, trailing bytes, garbage', () => {
		const s1 = encoding.createEncoder();
		encoding.writeVarUint(s1, 0);
		syncProtocol.writeSyncStep1(s1, new Y.Doc());
		expect(syncUpdateOf(encoding.toUint8Array(s1))).toBeUndefined();
		expect(syncUpdateOf(Uint8Array.of(1, 3, 1, 2, 3))).toBeUndefined(); // awareness
		const [u] = edits(1) as [Uint8Array];
		const trailing = new Uint8Array([...syncUpdateMessage(u), 7]);
		expect(syncUpdateOf(trailing)).toBeUndefined();
		expect(syncUpdateOf(Uint8Array.of(0, 2, 200))).toBeUndefined(); // truncated
		expect(syncUpdateOf(new Uint8Array())).toBeUndefined();
	});
});

describe('UpdateBatcher', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('hands on a burst as one merged update that makes the same doc', () => {
		const updates = edits(500);
		const out: SyncUpdate[] = [];
		const b = new UpdateBatcher((u) => out.push(u), { delayMs: 25, maxUpdates: 1000 });
		for (const update of updates) b.push({ update, step2: false });
		expect(out).toHaveLength(0);
		vi.advanceTimersByTime(25);
		expect(out).toHaveLength(1);
		expect(b).toMatchObject({ taken: 500, sent: 1 });
		const one = new Y.Doc();
		Y.applyUpdate(one, (out[0] as SyncUpdate).update);
		const each = new Y.Doc();
		for (const u of updates) Y.applyUpdate(each, u);
		expect(one.getMap('annotations').toJSON()).toEqual(each.getMap('annotations').toJSON());
		expect(one.getMap('annotations').size).toBe(500);
	});

	it('applies in one transaction what took one per update', () => {
		const updates = edits(200);
		const doc = new Y.Doc();
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		const b = new UpdateBatcher((u) => Y.applyUpdate(doc, u.update, 'peer'), {
			maxUpdates: 1000
		});
		for (const update of updates) b.push({ update, step2: false });
		b.flush();
		expect(transactions).toBe(1);
		expect(doc.getMap('annotations').size).toBe(200);
	});

	it('keeps a sync step 2 a step 2, flushes at the byte limit, and clear drops what waits', () => {
		const out: SyncUpdate[] = [];
		const b = new UpdateBatcher((u) => out.push(u), {
			delayMs: 1000,
			maxBytes: 2000,
			maxUpdates: 1000
		});
		const updates = edits(300);
		b.push({ update: updates[0] as Uint8Array, step2: true });
		b.push({ update: updates[1] as Uint8Array, step2: false });
		b.flush();
		expect(out.map((u) => u.step2)).toEqual([true]);
		let i = 2;
		while (out.length < 2) b.push({ update: updates[i++] as Uint8Array, step2: false });
		expect(out[1]?.step2).toBe(false);
		expect(i).toBeLessThan(300);
		b.push({ update: updates[i] as Uint8Array, step2: false });
		b.clear();
		vi.advanceTimersByTime(2000);
		expect(out).toHaveLength(2);
	});

	it('sends a large update alone and a long burst in batches of at most maxUpdates', () => {
		const out: SyncUpdate[] = [];
		const b = new UpdateBatcher((u) => out.push(u), { maxUpdates: 64, alone: 1000 });
		const updates = edits(200);
		for (const update of updates.slice(0, 130)) b.push({ update, step2: false });
		expect(out).toHaveLength(2);
		const doc = new Y.Doc();
		doc.getMap('annotations').set('big', 'B'.repeat(5000));
		const big = Y.encodeStateAsUpdate(doc);
		b.push({ update: big, step2: false });
		// The two waiting go first, merged, then the large one as it came.
		expect(out).toHaveLength(4);
		expect(out[3]?.update).toBe(big);
		expect(b).toMatchObject({ taken: 131, sent: 4, pending: 0 });
	});

	it('a malformed update makes the batch go one by one, so only that one fails', () => {
		const updates = edits(3);
		const out: SyncUpdate[] = [];
		const b = new UpdateBatcher((u) => out.push(u));
		b.push({ update: updates[0] as Uint8Array, step2: false });
		b.push({ update: Uint8Array.of(9, 9, 9, 9, 9), step2: false });
		b.push({ update: updates[1] as Uint8Array, step2: false });
		b.flush();
		expect(out).toHaveLength(3);
		const doc = new Y.Doc();
		for (const u of out)
			try {
				Y.applyUpdate(doc, u.update);
			} catch {
				// the malformed one
			}
		expect(doc.getMap('annotations').size).toBe(2);
	});
});
