import { afterEach, describe, expect, it } from 'vitest';
import { MediaClient } from './media-client';
import { MediaCancelledError, type MediaPort } from './media-protocol';
import { mediaServe } from './media-serve';

/** Both ends of a real MessageChannel, started (node's ports need start() with addEventListener). */
function pair(): { page: MediaPort; worker: MediaPort; close: () => void } {
	const ch = new MessageChannel();
	ch.port1.start();
	ch.port2.start();
	return {
		page: ch.port1 as unknown as MediaPort,
		worker: ch.port2 as unknown as MediaPort,
		close: () => {
			ch.port1.close();
			ch.port2.close();
		}
	};
}

describe('media worker protocol', () => {
	let close = () => {};
	afterEach(() => close());

	it('answers each request by id, in any order', async () => {
		const p = pair();
		close = p.close;
		mediaServe(p.worker, {
			init: () => ({ backend: 'fake' }),
			vad: async (req) => {
				await new Promise((r) => setTimeout(r, 20));
				return {
					segments: [{ start: 0, end: req.pcm.length / req.sampleRate, confidence: 1 }],
					hop: 0.01,
					thresholdDb: -40,
					floorDb: -60,
					duration: req.pcm.length / req.sampleRate
				};
			}
		});
		const client = new MediaClient(p.page);
		const slow = client.call('vad', { pcm: new Float32Array(8000), sampleRate: 8000 });
		const fast = client.call('init', {});
		const order: string[] = [];
		await Promise.all([
			slow.promise.then((r) => order.push('vad ' + r.duration)),
			fast.promise.then((r) => order.push('init ' + r.backend))
		]);
		expect(order).toEqual(['init fake', 'vad 1']);
		expect(client.pending).toBe(0);
	});

	it('forwards progress before the result', async () => {
		const p = pair();
		close = p.close;
		mediaServe(p.worker, {
			'train-head': async (req, ctx) => {
				for (let e = 1; e <= 3; e++) {
					ctx.progress(e, 3, `epoch ${e}`);
					await ctx.tick();
				}
				return {
					head: {
						kind: 'image-head',
						dim: 1,
						classes: req.classes,
						w: new Float32Array(2),
						b: new Float32Array(2)
					},
					accuracy: 1,
					loss: 0
				};
			}
		});
		const client = new MediaClient(p.page);
		const seen: string[] = [];
		const r = await client.call(
			'train-head',
			{ x: [new Float32Array(1)], y: [0], classes: 2 },
			{ onProgress: (m) => seen.push(m.detail ?? '') }
		).promise;
		expect(seen).toEqual(['epoch 1', 'epoch 2', 'epoch 3']);
		expect(r.head.w).toBeInstanceOf(Float32Array);
	});

	it('cancels a running request at its next step', async () => {
		const p = pair();
		close = p.close;
		let steps = 0;
		mediaServe(p.worker, {
			embed: async (_req, ctx) => {
				for (;;) {
					steps++;
					await ctx.tick();
				}
			}
		});
		const client = new MediaClient(p.page);
		const call = client.call('embed', { images: [] });
		await new Promise((r) => setTimeout(r, 10));
		call.cancel();
		await expect(call.promise).rejects.toBeInstanceOf(MediaCancelledError);
		const at = steps;
		await new Promise((r) => setTimeout(r, 20));
		expect(steps).toBe(at);
	});

	it('turns a handler error or an unknown request into a rejected promise with its message', async () => {
		const p = pair();
		close = p.close;
		mediaServe(p.worker, {
			detect: () => {
				throw new Error('Image 2 is not a PNG or JPEG');
			}
		});
		const client = new MediaClient(p.page);
		await expect(client.call('detect', { images: [] }).promise).rejects.toThrow(
			'Image 2 is not a PNG or JPEG'
		);
		await expect(client.call('init', {}).promise).rejects.toThrow(/does not handle 'init'/);
	});

	it('rejects pending calls when the client is destroyed', async () => {
		const p = pair();
		close = p.close;
		const client = new MediaClient(p.page);
		const call = client.call('init', {});
		client.destroy();
		await expect(call.promise).rejects.toThrow(/stopped/);
	});
});
