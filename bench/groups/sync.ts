/**
 * Sync figures (issue 5). Peers are Y.Docs in one node process joined in a full mesh the way
 * y-webrtc joins them: sync step 1/2 on connect, every doc update (local or received) sent to
 * every connection, each message split into ≤ 64 KiB frames (src/lib/sync/framing.ts) and
 * reassembled. Messages are delivered asynchronously in order, with no network: these figures are
 * the protocol's own cost (CPU, bytes), NOT real WebRTC between browsers; the p2p tests measure
 * that path (e.g. the 5.5 MB newcomer test prints its time). Each figure has a same-run reference:
 * the same Yjs updates applied directly, with no protocol, framing or fan-out.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { Reassembler, framesFrom } from '../../src/lib/sync/framing';
import type { Figure } from '../lib/browser';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const tick = () => new Promise<void>((r) => setImmediate(r));

interface Link {
	to: Peer;
	queue: Uint8Array[];
	reasm: Reassembler;
}

class Peer {
	doc = new Y.Doc();
	links: Link[] = [];
	bytesSent = 0;
	constructor(readonly name: string) {
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			// y-webrtc sends every update, received ones too, to every connection.
			void origin;
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 0);
			syncProtocol.writeUpdate(e, update);
			const m = encoding.toUint8Array(e);
			for (const l of this.links) this.send(l, m);
		});
	}
	send(l: Link, m: Uint8Array): void {
		for (const f of framesFrom(m, 1)) {
			this.bytesSent += f.length;
			l.queue.push(f);
		}
	}
}

function connect(a: Peer, b: Peer): void {
	const ab: Link = { to: b, queue: [], reasm: new Reassembler() };
	const ba: Link = { to: a, queue: [], reasm: new Reassembler() };
	a.links.push(ab);
	b.links.push(ba);
	for (const [from, l] of [
		[a, ab],
		[b, ba]
	] as const) {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		syncProtocol.writeSyncStep1(e, from.doc);
		from.send(l, encoding.toUint8Array(e));
	}
}

/** Delivers queued frames until every queue is empty. */
async function pump(peers: Peer[]): Promise<void> {
	for (;;) {
		let moved = false;
		for (const p of peers)
			for (const l of p.links) {
				while (l.queue.length) {
					moved = true;
					const res = l.reasm.push(l.queue.shift() as Uint8Array);
					if (res.type !== 'message') continue;
					const d = decoding.createDecoder(res.data);
					decoding.readVarUint(d);
					const reply = encoding.createEncoder();
					encoding.writeVarUint(reply, 0);
					syncProtocol.readSyncMessage(d, reply, l.to.doc, p);
					if (encoding.length(reply) > 1) {
						const back = l.to.links.find((x) => x.to === p) as Link;
						l.to.send(back, encoding.toUint8Array(reply));
					}
				}
			}
		if (!moved) return;
		await tick();
	}
}

function mesh(n: number): Peer[] {
	const peers = Array.from({ length: n }, (_, i) => new Peer(`p${i}`));
	for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) connect(peers[i]!, peers[j]!);
	return peers;
}

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
	peers.every((p) => p.doc.getMap('annotations').size === peers[0]!.doc.getMap(key).size);

async function batch10k(): Promise<Figure> {
	const peers = mesh(3);
	await pump(peers);
	const t0 = performance.now();
	peers[0]!.doc.transact(() => {
		for (let i = 0; i < 10_000; i++) label(peers[0]!.doc, 'a', i);
	});
	await pump(peers);
	const ms = performance.now() - t0;
	if (!same(peers, 'annotations') || peers[2]!.doc.getMap('annotations').size !== 10_000)
		throw new Error('batch did not converge');
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
	return { value: round(ms), unit: 'ms', reference: round(ref), ratio: round(ms / ref, 2) };
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
	return {
		value: round(ms),
		unit: 'ms',
		reference: round(ref),
		ratio: round(ms / ref, 2),
		note: `doc of ${round(size / 1e6)} MB`
	} as Figure;
}

async function fivePeers(): Promise<{ time: Figure; bytes: Figure }> {
	const peers = mesh(5);
	await pump(peers);
	const before = peers.reduce((n, p) => n + p.bytesSent, 0);
	const t0 = performance.now();
	// Each peer labels 2k items, one transaction per label (as a person does), interleaved.
	for (let i = 0; i < 2000; i++) {
		for (const p of peers) label(p.doc, p.name, i);
		if (i % 50 === 49) await pump(peers);
	}
	await pump(peers);
	const ms = performance.now() - t0;
	if (peers.some((p) => p.doc.getMap('annotations').size !== 10_000))
		throw new Error('five peers did not converge');
	const wire = peers.reduce((n, p) => n + p.bytesSent, 0) - before;
	// Reference: every label's update applied directly to the four other docs.
	const docs = Array.from({ length: 5 }, () => new Y.Doc());
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
		time: { value: round(ms), unit: 'ms', reference: round(ref), ratio: round(ms / ref, 2) },
		bytes: {
			value: round(wire / 10_000),
			unit: 'bytes/label',
			reference: round(updBytes / 10_000),
			ratio: round(wire / updBytes, 2),
			note: 'all bytes sent in a 5-peer mesh per label; reference: one Yjs update per label'
		} as Figure
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
		for (const p of peers) p.doc.destroy();
		if (!ok || ms > budgetMs) break;
		best = n;
	}
	return {
		value: best,
		unit: 'peers',
		note: `simulated mesh (no browsers), 100 labels per peer, budget 10 s: ${note.trim()}`
	} as Figure;
}

export async function run(): Promise<Record<string, Figure>> {
	const batch = await batch10k();
	const newcomer = await newcomer30mb();
	const five = await fivePeers();
	return {
		batch_10k_to_2_peers_ms: batch,
		newcomer_30mb_ms: newcomer,
		five_peers_2k_each_ms: five.time,
		bytes_per_label: five.bytes,
		mesh_limit_peers: await meshLimit()
	};
}
