import { describe, expect, it } from 'vitest';
import { FRAME_MAX, Reassembler, framesFrom } from './framing';

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

function bytes(n: number, seed = 1): Uint8Array {
	const a = new Uint8Array(n);
	let x = seed;
	for (let i = 0; i < n; i++) {
		x = (x * 1103515245 + 12345) >>> 0;
		a[i] = x >>> 24;
	}
	return a;
}

describe('framing', () => {
	it('sends a small message as one frame', () => {
		const m = bytes(100);
		const frames = framesFrom(m, 1);
		expect(frames).toHaveLength(1);
		const r = new Reassembler();
		expect(r.push(frames[0] as Uint8Array)).toEqual({ type: 'message', data: m });
	});

	it('splits a 5 MB message into frames of at most 64 KiB and reassembles it', () => {
		const m = bytes(5 * 1024 * 1024 + 17);
		const frames = framesFrom(m, 7);
		expect(frames.length).toBeGreaterThan(80);
		for (const f of frames) expect(f.length).toBeLessThanOrEqual(FRAME_MAX);
		const r = new Reassembler();
		const results = frames.map((f) => r.push(f));
		expect(results.slice(0, -1).every((x) => x.type === 'partial')).toBe(true);
		const last = results.at(-1);
		expect(last?.type).toBe('message');
		expect(last?.type === 'message' && same(last.data, m)).toBe(true);
		expect(r.pendingCount).toBe(0);
	});

	it('reassembles interleaved messages', () => {
		const a = bytes(300_000, 2);
		const b = bytes(200_000, 3);
		const fa = framesFrom(a, 1);
		const fb = framesFrom(b, 2);
		const r = new Reassembler();
		const got: Uint8Array[] = [];
		for (let i = 0; i < Math.max(fa.length, fb.length); i++)
			for (const f of [fa[i], fb[i]]) {
				if (!f) continue;
				const res = r.push(f);
				if (res.type === 'message') got.push(res.data);
			}
		expect(got).toHaveLength(2);
		expect(got.some((g) => same(g, a))).toBe(true);
		expect(got.some((g) => same(g, b))).toBe(true);
	});

	it('drops a message whose frame was lost and keeps working', () => {
		const m = bytes(400_000);
		const frames = framesFrom(m, 9);
		const r = new Reassembler();
		r.push(frames[0] as Uint8Array);
		const res = r.push(frames[2] as Uint8Array);
		expect(res).toEqual({ type: 'error', reason: 'a frame was lost' });
		for (const f of frames.slice(3)) expect(r.push(f).type).toBe('error');
		const again = framesFrom(m, 10).map((f) => r.push(f));
		const last = again.at(-1);
		expect(last?.type === 'message' && same(last.data, m)).toBe(true);
	});

	it('rejects totals over the limit without allocating them', () => {
		const r = new Reassembler({ maxMessage: 1000 });
		const frames = framesFrom(bytes(5000), 3, 1024);
		expect(r.push(frames[0] as Uint8Array)).toMatchObject({ type: 'error' });
		expect(r.pendingCount).toBe(0);
	});

	it('rejects hostile headers', () => {
		const r = new Reassembler();
		expect(r.push(new Uint8Array([])).type).toBe('error');
		expect(r.push(new Uint8Array([0x00, 0x00, 1])).type).toBe('error');
		expect(r.push(new Uint8Array([0x51, 0x07, 1])).type).toBe('error');
		expect(r.push(new Uint8Array([0x51, 0x01, 0, 0])).type).toBe('error');
		const f = framesFrom(bytes(200_000), 5)[0] as Uint8Array;
		const lying = f.slice();
		new DataView(lying.buffer).setUint32(6, 10); // total smaller than the frame body
		expect(r.push(lying)).toMatchObject({ type: 'error' });
		const late = f.slice();
		new DataView(late.buffer).setUint32(10, 65_536); // starts mid-message
		expect(r.push(late)).toEqual({ type: 'error', reason: 'missing the first frame of a message' });
		r.push(f);
		const resized = framesFrom(bytes(300_000), 5)[1] as Uint8Array;
		expect(r.push(resized)).toEqual({
			type: 'error',
			reason: 'frames disagree on the message size'
		});
	});

	it('bounds the number of messages in flight', () => {
		const r = new Reassembler({ maxPending: 3 });
		for (let id = 0; id < 10; id++) r.push(framesFrom(bytes(200_000), id)[0] as Uint8Array);
		expect(r.pendingCount).toBe(3);
	});
});
