import { describe, expect, it } from 'vitest';
import { sha256Hex } from '$lib/core/ids';
import { FRAME_MAX } from './framing';
import { BLOB_TAG, BlobExchange, CHUNK, type BlobSource } from './blob-exchange';

type Id = string;

/** Blobs held by one fake device; `tamper` flips a byte of what it serves. */
function sourceOf(blobs: Map<string, Uint8Array>, tamper = false): BlobSource & { reads: number } {
	const s = {
		reads: 0,
		async info(sha: string) {
			const b = blobs.get(sha);
			return b ? { size: b.length, mime: 'image/png' } : undefined;
		},
		async read(sha: string, offset: number, length: number) {
			s.reads++;
			const b = blobs.get(sha);
			if (!b) return undefined;
			const out = b.slice(offset, offset + length);
			if (tamper && out.length > 0) out[0] = (out[0] as number) ^ 0xff;
			return out;
		}
	};
	return s;
}

/**
 * A fake mesh: exchanges keyed by id, messages delivered asynchronously and in order. `cut`
 * stops delivery to and from a peer (it left); `hostile` replaces a peer's answers.
 */
function mesh() {
	const nodes = new Map<Id, BlobExchange<Id>>();
	const stored = new Map<Id, Map<string, Uint8Array>>();
	const cut = new Set<Id>();
	const hostile = new Map<Id, (from: Id, m: Uint8Array) => Uint8Array | undefined>();
	let biggest = 0;
	const sent: Uint8Array[] = [];
	const deliver = (from: Id, to: Id, m: Uint8Array) => {
		biggest = Math.max(biggest, m.length);
		sent.push(m);
		setTimeout(() => {
			if (cut.has(from) || cut.has(to)) return;
			const h = hostile.get(to);
			if (h) {
				const reply = h(from, m);
				if (reply) setTimeout(() => nodes.get(from)?.receive(to, reply), 0);
				return;
			}
			nodes.get(to)?.receive(from, m);
		}, 0);
	};
	const add = (
		id: Id,
		blobs: Map<string, Uint8Array>,
		opts: { tamper?: boolean; timeoutMs?: number; waitPeersMs?: number; maxBlob?: number } = {}
	) => {
		const mine = new Map<string, Uint8Array>();
		stored.set(id, mine);
		const rejects: string[] = [];
		const source = sourceOf(blobs, opts.tamper);
		const x = new BlobExchange<Id>({
			send: (peer, m) => deliver(id, peer, m),
			peers: () => [...nodes.keys()].filter((p) => p !== id && !cut.has(p)),
			source,
			store: async (sha, bytes) => void mine.set(sha, bytes),
			timeoutMs: opts.timeoutMs ?? 2000,
			waitPeersMs: opts.waitPeersMs ?? 0,
			maxBlob: opts.maxBlob,
			onReject: (_sha, why) => rejects.push(why)
		});
		nodes.set(id, x);
		return { x, stored: mine, rejects, source };
	};
	return {
		add,
		cut,
		hostile,
		sent,
		get biggest() {
			return biggest;
		},
		nodes
	};
}

/** Byte equality (toEqual is slow on large arrays). */
function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
	return a !== undefined && Buffer.compare(a, b) === 0;
}

function bytesOf(n: number, seed = 1): Uint8Array {
	const b = new Uint8Array(n);
	let s = seed;
	for (let i = 0; i < n; i++) {
		s = (s * 1103515245 + 12345) >>> 0;
		b[i] = s >>> 24;
	}
	return b;
}

async function blob(n: number, seed = 1) {
	const bytes = bytesOf(n, seed);
	return { bytes, sha: await sha256Hex(bytes) };
}

function header(op: number, req: number, body: number) {
	const m = new Uint8Array(6 + body);
	const v = new DataView(m.buffer);
	m[0] = BLOB_TAG;
	m[1] = op;
	v.setUint32(2, req);
	return { m, v };
}

describe('blob exchange', () => {
	it('fetches a blob in chunks that each fit one frame, and stores exactly its bytes', async () => {
		const b = await blob(5 * CHUNK + 123);
		const net = mesh();
		const owner = net.add('owner', new Map([[b.sha, b.bytes]]));
		const newcomer = net.add('newcomer', new Map());
		expect(await newcomer.x.fetch(b.sha, b.bytes.length)).toBe(true);
		expect(same(newcomer.stored.get(b.sha), b.bytes)).toBe(true);
		expect(owner.x.stats.served).toBe(6);
		expect(owner.source.reads).toBe(6);
		expect(newcomer.x.stats.fetched).toBe(1);
		expect(net.biggest).toBeLessThanOrEqual(FRAME_MAX - 2);
	});

	it('fetches empty and one-byte blobs, and shares one transfer between concurrent requests', async () => {
		const empty = await blob(0);
		const one = await blob(1, 7);
		const net = mesh();
		const owner = net.add(
			'owner',
			new Map([
				[empty.sha, empty.bytes],
				[one.sha, one.bytes]
			])
		);
		const c = net.add('c', new Map());
		const [a, b2, e] = await Promise.all([
			c.x.fetch(one.sha),
			c.x.fetch(one.sha),
			c.x.fetch(empty.sha)
		]);
		expect([a, b2, e]).toEqual([true, true, true]);
		expect(same(c.stored.get(one.sha), one.bytes)).toBe(true);
		expect(c.stored.get(empty.sha)).toEqual(new Uint8Array(0));
		expect(owner.x.stats.served).toBe(1);
	});

	it('rejects bytes with the wrong hash, never stores them, and gets the blob from an honest peer', async () => {
		const b = await blob(2 * CHUNK + 5);
		const net = mesh();
		net.add('liar', new Map([[b.sha, b.bytes]]), { tamper: true });
		const c = net.add('c', new Map());
		expect(await c.x.fetch(b.sha)).toBe(false);
		expect(c.stored.size).toBe(0);
		expect(c.x.stats.wrongHash).toBe(1);
		expect(c.rejects.join()).toMatch(/do not match/);

		net.add('honest', new Map([[b.sha, b.bytes]]));
		expect(await c.x.fetch(b.sha)).toBe(true);
		expect(same(c.stored.get(b.sha), b.bytes)).toBe(true);
	});

	it('moves to the next peer when one leaves mid-transfer, and gives up when none is left', async () => {
		const b = await blob(20 * CHUNK);
		const net = mesh();
		const first = net.add('a-first', new Map([[b.sha, b.bytes]]));
		const c = net.add('c', new Map());
		const p = c.x.fetch(b.sha);
		// Let a few chunks through, then the peer vanishes.
		while (first.x.stats.served < 3) await new Promise((r) => setTimeout(r, 1));
		net.cut.add('a-first');
		c.x.peerGone('a-first');
		expect(await p).toBe(false);
		expect(c.stored.size).toBe(0);

		net.cut.delete('a-first');
		net.add('b-second', new Map([[b.sha, b.bytes]]));
		const q = c.x.fetch(b.sha);
		while (first.x.stats.served < 6) await new Promise((r) => setTimeout(r, 1));
		net.cut.add('a-first');
		c.x.peerGone('a-first');
		expect(await q).toBe(true);
		expect(same(c.stored.get(b.sha), b.bytes)).toBe(true);
	});

	it('gives up on a silent peer after the timeout', async () => {
		const b = await blob(100);
		const net = mesh();
		net.add('mute', new Map());
		net.hostile.set('mute', () => undefined);
		const c = net.add('c', new Map(), { timeoutMs: 50 });
		expect(await c.x.fetch(b.sha)).toBe(false);
		expect(c.x.stats.timeouts).toBe(1);
		expect(c.rejects).toEqual([]);
	});

	it('refuses hostile sizes and chunks without allocating or storing anything', async () => {
		const b = await blob(3 * CHUNK);
		const have = (req: number, size: number) => {
			const h = header(2, req, 10);
			h.v.setFloat64(6, size);
			h.v.setUint16(14, 0);
			return h.m;
		};
		const cases: [string, (req: number, op: number, m: Uint8Array) => Uint8Array | undefined][] = [
			['huge', (req, op) => (op === 1 ? have(req, 2 ** 60) : undefined)],
			['negative', (req, op) => (op === 1 ? have(req, -5) : undefined)],
			['not an integer', (req, op) => (op === 1 ? have(req, 10.5) : undefined)],
			['NaN', (req, op) => (op === 1 ? have(req, NaN) : undefined)],
			['over the item size', (req, op) => (op === 1 ? have(req, 3 * CHUNK + 1) : undefined)],
			['over maxBlob', (req, op) => (op === 1 ? have(req, 2e9) : undefined)],
			['truncated', (req, op) => (op === 1 ? header(2, req, 3).m : undefined)],
			[
				'a chunk longer than asked',
				(req, op) => {
					if (op === 1) return have(req, 3 * CHUNK);
					const d = header(5, req, 8 + CHUNK + 10);
					d.v.setFloat64(6, 0);
					return d.m;
				}
			],
			[
				'a chunk at another offset',
				(req, op, m) => {
					if (op === 1) return have(req, 3 * CHUNK);
					const off = new DataView(m.buffer, m.byteOffset).getFloat64(6 + 32);
					const d = header(5, req, 8 + CHUNK);
					d.v.setFloat64(6, off + 1);
					return d.m;
				}
			]
		];
		for (const [name, answer] of cases) {
			const net = mesh();
			net.add('evil', new Map());
			net.hostile.set('evil', (_from, m) => {
				const v = new DataView(m.buffer, m.byteOffset, m.byteLength);
				return answer(v.getUint32(2), m[1] as number, m);
			});
			const c = net.add('c', new Map(), { maxBlob: 1e9 });
			expect(await c.x.fetch(b.sha, b.bytes.length), name).toBe(false);
			expect(c.stored.size, name).toBe(0);
			expect(c.x.stats.refused, name).toBeGreaterThan(0);
			expect(c.rejects.join(), name).toMatch(/a peer answered with/);
		}
	});

	it('serves only whole, in-range chunks of blobs it shares, and ignores stray messages', async () => {
		const b = await blob(CHUNK + 10);
		const net = mesh();
		const owner = net.add('owner', new Map([[b.sha, b.bytes]]));
		const replies: Uint8Array[] = [];
		net.nodes.set('probe', {
			receive: (_from: Id, m: Uint8Array) => void replies.push(m)
		} as unknown as BlobExchange<Id>);
		const get = (offset: number, length: number, sha = b.sha) => {
			const g = header(4, 9, 44);
			for (let i = 0; i < 32; i++) g.m[6 + i] = parseInt(sha.slice(i * 2, i * 2 + 2), 16);
			g.v.setFloat64(6 + 32, offset);
			g.v.setUint32(6 + 40, length);
			return g.m;
		};
		const ask = async (m: Uint8Array) => {
			replies.length = 0;
			owner.x.receive('probe', m);
			await new Promise((r) => setTimeout(r, 10));
			return replies[0]?.[1];
		};
		expect(await ask(get(0, CHUNK + 1))).toBe(6); // longer than a chunk
		expect(await ask(get(CHUNK, 11))).toBe(6); // past the end
		expect(await ask(get(-1, 5))).toBe(6);
		expect(await ask(get(2 ** 60, 5))).toBe(6);
		expect(await ask(get(0, 0))).toBe(6);
		expect(await ask(get(0, 5, 'ab'.repeat(32)))).toBe(6); // not shared
		expect(await ask(get(0, 5).subarray(0, 20))).toBe(6); // truncated
		expect(owner.source.reads).toBe(0);
		expect(await ask(get(CHUNK, 10))).toBe(5);
		expect(replies[0]?.subarray(14)).toEqual(b.bytes.subarray(CHUNK));
		// Answers nobody asked for, and garbage, change nothing.
		owner.x.receive('probe', header(5, 12345, 8).m);
		owner.x.receive('probe', new Uint8Array([BLOB_TAG]));
		owner.x.receive('probe', new Uint8Array([0, 1, 2]));
		expect(owner.x.stats.refused).toBe(1);
	});

	it('waits for a first peer to connect', async () => {
		const b = await blob(10);
		const net = mesh();
		const c = net.add('c', new Map(), { waitPeersMs: 5000 });
		const p = c.x.fetch(b.sha);
		setTimeout(() => net.add('late', new Map([[b.sha, b.bytes]])), 300);
		expect(await p).toBe(true);
	});
});
