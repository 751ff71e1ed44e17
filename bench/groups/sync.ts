/**
 * Sync figures (issue 5). Peers are Y.Docs in one node process joined in a full mesh the way the
 * app joins them (bench/lib/sync-mesh.ts: y-webrtc's sync step 1/2 and relaying, ≤ 64 KiB frames,
 * and since the flood fix the app's coalescing: a peer's doc updates applied, and received ones
 * relayed, merged by src/lib/sync/coalesce.ts's UpdateBatcher; local edits sent at once).
 * Messages are delivered asynchronously in order, with no network: these figures are the
 * protocol's own cost (CPU, bytes), NOT real WebRTC between browsers; the p2p tests measure that
 * path (e.g. the 5.5 MB newcomer test prints its time). Each figure has a same-run reference: the
 * same Yjs updates applied directly, with no protocol, framing or fan-out. Ratios here are
 * value / reference (above 1: slower than the reference).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type {
	Annotation,
	AnnotatorId,
	EpochMs,
	ItemId,
	ProjectId,
	TaskId
} from '../../src/lib/core/types';
import { UpdateBatcher, syncUpdateMessage, syncUpdateOf } from '../../src/lib/sync/coalesce';
import { annotationWrite, metaInit, projectDocFrom, ORIGIN } from '../../src/lib/sync/doc';
import { DocIndex } from '../../src/lib/sync/doc-index';
import { DocGuard } from '../../src/lib/sync/guard';
import type { Figure } from '../lib/browser';
import { median, type Where } from '../lib/figures';
import { Peer, connect, mesh, pump } from '../lib/sync-mesh';

export const where: Where = 'node-sim';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const tick = () => new Promise<void>((r) => setImmediate(r));
/** What every mesh figure's note says about the mesh. */
const COALESCED =
	'mesh as the app runs it since coalescing (sync/coalesce.ts): incoming doc updates per link merged by UpdateBatcher (25 ms, ≤ 64 per batch, ≥ 64 KiB alone), received updates relayed merged, local edits sent at once; batches flushed when no frame is in flight instead of waiting 25 ms';

function label(doc: Y.Doc, who: string, i: number): void {
	doc.getMap('annotations').set(`item${i}/t/${who}`, {
		item: `item${i}`,
		task: 't',
		annotator: who,
		value: { type: 'classification', labels: ['Good'] },
		source: 'human',
		startedAt: 1_700_000_000_000 + i,
		savedAt: 1_700_000_001_000 + i,
		ms: 1000
	});
}

const same = (peers: Peer[], key: string) =>
	peers.every((p) => p.doc.getMap(key).size === peers[0]!.doc.getMap(key).size);

/** Transactions on the docs of `peers` since `before` (the sums of their counters). */
const transactionsOf = (peers: Peer[]) => peers.reduce((n, p) => n + p.transactions, 0);

async function batch10k(): Promise<Figure> {
	const peers = mesh(3);
	await pump(peers);
	const tx0 = transactionsOf(peers);
	const t0 = performance.now();
	peers[0]!.doc.transact(() => {
		for (let i = 0; i < 10_000; i++) label(peers[0]!.doc, 'a', i);
	});
	await pump(peers);
	const ms = performance.now() - t0;
	const tx = transactionsOf(peers) - tx0;
	if (!same(peers, 'annotations') || peers[2]!.doc.getMap('annotations').size !== 10_000)
		throw new Error('batch did not converge');
	for (const p of peers) p.destroy();
	// Reference: the same transaction's update applied straight into two docs.
	const src = new Y.Doc();
	const r0 = performance.now();
	let upd: Uint8Array | undefined;
	src.on('update', (u: Uint8Array) => (upd = u));
	src.transact(() => {
		for (let i = 0; i < 10_000; i++) label(src, 'a', i);
	});
	for (let k = 0; k < 2; k++) Y.applyUpdate(new Y.Doc(), upd as Uint8Array);
	const ref = performance.now() - r0;
	return {
		value: round(ms),
		unit: 'ms',
		reference: round(ref),
		ratio: round(ms / ref, 2),
		note: `${COALESCED}. The ${round((upd as Uint8Array).length / 1024)} KiB update is over 64 KiB, so it goes alone, as before; ${tx} transactions in the mesh. Previous run with the per-update mesh: ratio 5.82`
	};
}

async function newcomer30mb(): Promise<Figure> {
	const owner = new Peer('owner');
	const items = owner.doc.getMap('items');
	const line = 'x'.repeat(200);
	owner.doc.transact(() => {
		for (let b = 0; b < 1500; b++)
			items.set(`b${b}`, Array.from({ length: 100 }, (_, i) => `${b}-${i}\t${line}`).join('\n'));
	});
	const size = Y.encodeStateAsUpdate(owner.doc).length;
	const fresh = new Peer('newcomer');
	const t0 = performance.now();
	connect(owner, fresh);
	await pump([owner, fresh]);
	const ms = performance.now() - t0;
	if (fresh.doc.getMap('items').size !== 1500) throw new Error('newcomer did not get the doc');
	const r0 = performance.now();
	Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(owner.doc));
	const ref = performance.now() - r0;
	owner.destroy();
	fresh.destroy();
	return {
		value: round(ms),
		unit: 'ms',
		reference: round(ref),
		ratio: round(ms / ref, 2),
		note: `doc of ${round(size / 1e6)} MB; ${COALESCED}. The sync step 2 is over 64 KiB: it goes alone, re-encoded once by the incoming batcher's hand-on (syncUpdateMessage), as in the app. Previous run with the per-update mesh: ratio 22.1`
	};
}

async function fivePeers(): Promise<{ time: Figure; bytes: Figure }> {
	const peers = mesh(5);
	await pump(peers);
	const before = peers.reduce((n, p) => n + p.bytesSent, 0);
	const tx0 = transactionsOf(peers);
	const t0 = performance.now();
	// Each peer labels 2k items, one transaction per label (as a person does), interleaved.
	for (let i = 0; i < 2000; i++) {
		for (const p of peers) label(p.doc, p.name, i);
		if (i % 50 === 49) await pump(peers);
	}
	await pump(peers);
	const ms = performance.now() - t0;
	const tx = transactionsOf(peers) - tx0;
	if (peers.some((p) => p.doc.getMap('annotations').size !== 10_000))
		throw new Error('five peers did not converge');
	const wire = peers.reduce((n, p) => n + p.bytesSent, 0) - before;
	for (const p of peers) p.destroy();
	// Reference: every label's update applied directly to the four other docs.
	const docs = Array.from({ length: 5 }, () => new Y.Doc());
	let refTx = 0;
	for (const d of docs) d.on('afterTransaction', () => refTx++);
	const r0 = performance.now();
	let updBytes = 0;
	for (let i = 0; i < 2000; i++)
		for (let k = 0; k < 5; k++) {
			const d = docs[k]!;
			let u: Uint8Array | undefined;
			const h = (x: Uint8Array) => (u = x);
			d.on('update', h);
			label(d, `p${k}`, i);
			d.off('update', h);
			updBytes += (u as Uint8Array).length;
			for (let j = 0; j < 5; j++) if (j !== k) Y.applyUpdate(docs[j]!, u as Uint8Array, 'remote');
		}
	const ref = performance.now() - r0;
	return {
		time: {
			value: round(ms),
			unit: 'ms',
			reference: round(ref),
			ratio: round(ms / ref, 2),
			note: `${COALESCED}. Each peer's 50 labels between pumps reach the others as one merged update; ${tx} transactions in the mesh (reference: ${refTx}, one per label per doc). Previous run with the per-update mesh: ratio 12.66`
		},
		bytes: {
			value: round(wire / 10_000),
			unit: 'bytes/label',
			reference: round(updBytes / 10_000),
			ratio: round(wire / updBytes, 2),
			note: `all bytes sent in a 5-peer mesh per label, relays included; reference: one Yjs update per label. ${COALESCED}. Previous run with the per-update mesh: ratio 20.7`
		}
	};
}

/**
 * The largest simulated mesh in which every peer labels 100 items concurrently and all converge
 * within 10 s on this machine (4, 6, 8, 12, 16, 24 peers); the note lists each size's time, so
 * the 4-peer mesh is the same-run reference.
 */
async function meshLimit(): Promise<Figure> {
	const budgetMs = 10_000;
	let best = 0;
	let note = '';
	for (const n of [4, 6, 8, 12, 16, 24]) {
		const peers = mesh(n);
		await pump(peers);
		const t0 = performance.now();
		for (let i = 0; i < 100; i++) {
			for (const p of peers) label(p.doc, p.name, i);
			if (i % 20 === 19) await pump(peers);
		}
		await pump(peers);
		const ms = performance.now() - t0;
		const ok = peers.every((p) => p.doc.getMap('annotations').size === n * 100);
		note += `${n} peers: ${round(ms)} ms${ok ? '' : ' (did not converge)'}; `;
		for (const p of peers) p.destroy();
		if (!ok || ms > budgetMs) break;
		best = n;
	}
	return {
		value: best,
		unit: 'peers',
		noReference: 'a limit found by search, not a timing of one piece of work',
		note: `simulated mesh (no browsers), 100 labels per peer, budget 10 s: ${note.trim()} ${COALESCED}. Previous run with the per-update mesh: 12 peers (4: 235 ms, 12: 8,526 ms, 16: 27,534 ms)`
	};
}

const FLOOD = 5000;
const ROUNDS = 5;

const ann = (i: number): Annotation => ({
	item: `i${i}` as ItemId,
	task: 'sent' as TaskId,
	annotator: 'alice' as AnnotatorId,
	value: { type: 'classification', labels: ['pos'] } as Annotation['value'],
	source: 'human',
	startedAt: 1 as EpochMs,
	savedAt: 2 as EpochMs,
	ms: 1
});

/**
 * The honest side of a flood: the project doc with the app's DocGuard and DocIndex attached, and
 * an 'update' listener doing what persistence (keeps each update for IndexedDB) and the relay
 * (encodes its y-webrtc message) do with every transaction.
 */
function honestDoc(seed: Uint8Array) {
	const p = projectDocFrom(new Y.Doc());
	Y.applyUpdate(p.doc, seed, ORIGIN.STORAGE);
	const guard = new DocGuard(p, { me: 'alice' as AnnotatorId });
	const index = new DocIndex(p);
	let transactions = 0;
	p.doc.on('afterTransaction', () => transactions++);
	const stored: Uint8Array[] = [];
	let relayBytes = 0;
	p.doc.on('update', (u: Uint8Array) => {
		stored.push(u);
		relayBytes += syncUpdateMessage(u).length;
	});
	return {
		p,
		guard,
		index,
		get transactions() {
			return transactions;
		},
		stored,
		get relayBytes() {
			return relayBytes;
		},
		destroy() {
			guard.destroy();
			index.destroy();
			p.doc.destroy();
		}
	};
}

/** y-webrtc's reading of a sync message into `doc` (origin: its room). */
function readSync(doc: Y.Doc, m: Uint8Array, room: object): void {
	const d = decoding.createDecoder(m);
	decoding.readVarUint(d);
	syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, room);
}

/** Whether `a` and `b` hold the same doc: each already has all of the other's state. */
function sameDoc(a: Y.Doc, b: Y.Doc): boolean {
	const has = (x: Y.Doc, y: Y.Doc) => {
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(x));
		let changed = false;
		copy.on('update', () => (changed = true));
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(y));
		copy.destroy();
		return !changed;
	};
	const json = (d: Y.Doc) =>
		JSON.stringify(
			['meta', 'items', 'annotations', 'reviews', 'members', 'trust'].map((k) =>
				d.getMap(k).toJSON()
			)
		);
	return has(a, b) && has(b, a) && json(a) === json(b);
}

/**
 * A hostile peer's flood (as tests/p2p/hostile.p2p.ts's Mallory: `annotations.set('flood-i',
 * {junk: i})`, each its own update) arriving at an honest doc. Value: through the coalesced path
 * (per connection an UpdateBatcher with the app's defaults, each batch handed on as one message and
 * applied as one transaction); reference: each message applied as it came (the path before).
 * Both read the same wire messages; the last partial batch goes with `flush()`, as the 25 ms timer
 * would once the flood stops. Timed up to the guard's microtasks having run.
 */
async function flood5000(): Promise<Figure> {
	const seedDoc = projectDocFrom(new Y.Doc());
	metaInit(seedDoc, {
		id: 'p' as ProjectId,
		name: 'P',
		description: '',
		created: 1 as EpochMs,
		schema: { tasks: [] }
	});
	for (let i = 0; i < 200; i++) annotationWrite(seedDoc, ann(i));
	const seed = Y.encodeStateAsUpdate(seedDoc.doc);
	const floodOf = (n: number): Uint8Array[] => {
		const hostile = new Y.Doc();
		Y.applyUpdate(hostile, seed);
		const out: Uint8Array[] = [];
		hostile.on('update', (u: Uint8Array) => out.push(syncUpdateMessage(u)));
		const m = hostile.getMap('annotations');
		for (let i = 0; i < n; i++) m.set(`flood-${i}`, { junk: i });
		hostile.destroy();
		return out;
	};
	const coalesced = async (messages: Uint8Array[]) => {
		const h = honestDoc(seed);
		const room = {};
		const incoming = new UpdateBatcher((u) =>
			readSync(h.p.doc, syncUpdateMessage(u.update, u.step2), room)
		);
		const t0 = performance.now();
		for (const m of messages) {
			const u = syncUpdateOf(m);
			if (!u) throw new Error('a flood message is not a doc update');
			incoming.push(u);
		}
		incoming.flush();
		await tick();
		return { h, ms: performance.now() - t0, batches: incoming.sent };
	};
	const oneByOne = async (messages: Uint8Array[]) => {
		const h = honestDoc(seed);
		const room = {};
		const t0 = performance.now();
		for (const m of messages) readSync(h.p.doc, m, room);
		await tick();
		return { h, ms: performance.now() - t0 };
	};
	// Warm-up of both paths (JIT), then ROUNDS measured runs of each, alternating which goes
	// first; the figure is each path's median. Every round's two docs are checked to be the same.
	const warm = floodOf(500);
	(await oneByOne(warm)).h.destroy();
	(await coalesced(warm)).h.destroy();
	const messages = floodOf(FLOOD);
	const refMs: number[] = [];
	const valMs: number[] = [];
	let ref: Awaited<ReturnType<typeof oneByOne>> | undefined;
	let val: Awaited<ReturnType<typeof coalesced>> | undefined;
	for (let r = 0; r < ROUNDS; r++) {
		let o: Awaited<ReturnType<typeof oneByOne>>;
		let c: Awaited<ReturnType<typeof coalesced>>;
		if (r % 2 === 0) {
			o = await oneByOne(messages);
			c = await coalesced(messages);
		} else {
			c = await coalesced(messages);
			o = await oneByOne(messages);
		}
		refMs.push(o.ms);
		valMs.push(c.ms);
		for (const { h } of [o, c]) {
			if (h.p.annotations.size !== 200 + FLOOD) throw new Error('the flood did not all arrive');
			if (h.index.annotationCount !== 200) throw new Error('the index took in flood values');
		}
		if (!sameDoc(c.h.p.doc, o.h.p.doc))
			throw new Error('the coalesced flood left a different doc than one message at a time');
		if (r === 0) {
			ref = o;
			val = c;
		} else {
			o.h.destroy();
			c.h.destroy();
		}
	}
	if (!ref || !val) throw new Error('no flood round ran');
	const report = (h: typeof val.h) =>
		`${h.transactions} transactions, ${h.stored.length} updates stored, ${round(h.relayBytes / 1024)} KiB relayed, guard ${h.guard.report.invalid} invalid / ${h.guard.report.remoteTransactions} remote transactions`;
	const note = `${FLOOD} invalid single-key updates from a hostile peer into a doc with the app's DocGuard and DocIndex and an 'update' listener (persistence keeps, relay encodes): coalesced ${val.batches} batches, ${report(val.h)}; reference one message at a time: ${report(ref.h)}. Same end state checked every round (each doc has all of the other's, same maps). Medians of ${ROUNDS} runs each, alternating order after a warm-up (coalesced ${valMs.map((x) => round(x)).join(', ')} ms; one at a time ${refMs.map((x) => round(x)).join(', ')} ms); ratio = value / reference`;
	const figure: Figure = {
		value: round(median(valMs)),
		unit: 'ms',
		reference: round(median(refMs)),
		ratio: round(median(valMs) / median(refMs), 2),
		note
	};
	val.h.destroy();
	ref.h.destroy();
	return figure;
}

export async function run(): Promise<Record<string, Figure>> {
	const batch = await batch10k();
	const newcomer = await newcomer30mb();
	const five = await fivePeers();
	const flood = await flood5000();
	return {
		batch_10k_to_2_peers_ms: batch,
		newcomer_30mb_ms: newcomer,
		five_peers_2k_each_ms: five.time,
		bytes_per_label: five.bytes,
		flood_5000_ms: flood,
		mesh_limit_peers: await meshLimit()
	};
}
