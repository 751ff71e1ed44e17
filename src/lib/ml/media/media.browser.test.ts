/**
 * The media worker in real Chromium: TF.js wasm, MobileNetV2 embeddings + a trained head on two
 * synthetic classes, the COCO detector on a real photo shipped in @vladmandic/human, a VAD call,
 * and bring-your-own-model from files and from a URL served by the test server, cached in
 * IndexedDB.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import samplesUrl from '../../../../node_modules/@vladmandic/human/assets/samples.jpg?url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { headPredict } from './images/head';
import type { MediaClient } from './media-client';
import type { MediaImage } from './media-protocol';
import { mediaWorkerStart } from './media-worker-spawn';

let client: MediaClient;
let worker: Worker;

beforeAll(() => {
	({ client, worker } = mediaWorkerStart());
});
afterAll(() => {
	client.destroy();
	worker.terminate();
});

/** A 64×64 image of one colour with seeded per-pixel noise. */
function solid(rgb: [number, number, number], seed: number): MediaImage {
	const data = new Uint8ClampedArray(64 * 64 * 4);
	let s = seed;
	for (let i = 0; i < data.length; i += 4) {
		s = (s * 1103515245 + 12345) >>> 0;
		const n = ((s >>> 16) % 60) - 30;
		data[i] = rgb[0] + n;
		data[i + 1] = rgb[1] + n;
		data[i + 2] = rgb[2] + n;
		data[i + 3] = 255;
	}
	return { kind: 'rgba', width: 64, height: 64, data };
}

describe('media worker (Chromium, TF.js wasm)', () => {
	it('starts the wasm backend', async () => {
		expect((await client.call('init', {}).promise).backend).toBe('wasm');
	});

	it('embeds images and trains a head that tells red from blue', async () => {
		const red = [0, 1, 2, 3, 4, 5].map((i) => solid([200, 40, 40], i + 1));
		const blue = [0, 1, 2, 3, 4, 5].map((i) => solid([40, 60, 200], i + 100));
		const progress: number[] = [];
		const { embeddings } = await client.call(
			'embed',
			{ images: [...red.slice(0, 4), ...blue.slice(0, 4)] },
			{ onProgress: (p) => progress.push(p.done) }
		).promise;
		expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(embeddings).toHaveLength(8);
		expect(embeddings[0]).toHaveLength(1280);
		expect(embeddings[0]!.some((v) => v !== 0)).toBe(true);
		const { head, accuracy } = await client.call('train-head', {
			x: embeddings,
			y: [0, 0, 0, 0, 1, 1, 1, 1],
			classes: 2
		}).promise;
		expect(accuracy).toBe(1);
		const held = await client.call('embed', { images: [...red.slice(4), ...blue.slice(4)] })
			.promise;
		const predicted = held.embeddings.map((e) => {
			const p = headPredict(head, e);
			return p.indexOf(Math.max(...p));
		});
		expect(predicted).toEqual([0, 0, 1, 1]);
	});

	it('saves a trained head; a fresh worker loads it and suggests without training', async () => {
		const key = `head-reuse-${Date.now()}`;
		const red = [0, 1, 2, 3, 4].map((i) => solid([200, 40, 40], i + 300));
		const blue = [0, 1, 2, 3, 4].map((i) => solid([40, 60, 200], i + 400));
		const train = await client.call('embed', { images: [...red.slice(0, 3), ...blue.slice(0, 3)] })
			.promise;
		const trained = await client.call('train-head', {
			x: train.embeddings,
			y: [0, 0, 0, 1, 1, 1],
			classes: 2,
			key,
			labels: ['red', 'blue'],
			now: Date.UTC(2026, 10, 29, 12, 0)
		}).promise;
		// A new worker (as after a reload): nothing in memory, the head comes from IndexedDB.
		const fresh = mediaWorkerStart();
		try {
			const got = await fresh.client.call('model-load', { key, kind: 'image-head' }).promise;
			expect(got.meta).toMatchObject({
				kind: 'image-head',
				labels: ['red', 'blue'],
				trainedOn: 6,
				trainedAt: Date.UTC(2026, 10, 29, 12, 0),
				schemaVersion: 1
			});
			expect(got.head?.w).toEqual(trained.head.w);
			const held = await fresh.client.call('embed', {
				images: [...red.slice(3), ...blue.slice(3)]
			}).promise;
			const predicted = held.embeddings.map((e) => {
				const p = headPredict(got.head!, e);
				return p.indexOf(Math.max(...p));
			});
			expect(predicted).toEqual([0, 0, 1, 1]);
			expect(
				(await fresh.client.call('model-load', { key: `${key}-none`, kind: 'image-head' }).promise)
					.meta
			).toBeNull();
		} finally {
			fresh.client.destroy();
			fresh.worker.terminate();
		}
	});

	it('finds people in a real photo with the COCO detector', async () => {
		const blob = await (await fetch(samplesUrl)).blob();
		const r = await client.call('detect', { images: [{ kind: 'blob', blob }] }).promise;
		const dets = r.detections[0]!;
		expect(r.sizes[0]!.width).toBeGreaterThan(100);
		expect(dets.filter((d) => d.name === 'person').length).toBeGreaterThan(0);
		for (const d of dets) {
			expect(d.x).toBeGreaterThanOrEqual(0);
			expect(d.x + d.w).toBeLessThanOrEqual(r.sizes[0]!.width + 0.01);
			expect(d.score).toBeGreaterThanOrEqual(0.3);
		}
	});

	it('finds nothing worth a box in a flat synthetic image', async () => {
		const r = await client.call('detect', { images: [solid([128, 128, 128], 5)] }).promise;
		expect(r.detections[0]!.filter((d) => d.score > 0.5)).toEqual([]);
	});

	it('reports an image that cannot be decoded, by position', async () => {
		const bad: MediaImage = {
			kind: 'blob',
			blob: new Blob(['not an image'], { type: 'image/png' })
		};
		await expect(
			client.call('embed', { images: [solid([1, 2, 3], 1), bad] }).promise
		).rejects.toThrow(/Image 2 could not be decoded/);
	});

	it('segments audio in the worker', async () => {
		const pcm = new Float32Array(16000);
		for (let i = 4000; i < 12000; i++) pcm[i] = 0.4 * Math.sin(i * 0.1);
		const r = await client.call('vad', { pcm, sampleRate: 16000 }, { transfer: [pcm.buffer] })
			.promise;
		expect(r.segments).toHaveLength(1);
		expect(r.segments[0]!.start).toBeCloseTo(0.25, 1);
	});
});

describe('bring your own model', () => {
	/** A tiny 8×8 → 3-class conv net, saved to artifacts (model.json text + weights bytes). */
	async function tinyModel(): Promise<{ json: string; weights: Uint8Array }> {
		await tf.setBackend('cpu');
		const m = tfl.sequential({
			layers: [
				tfl.layers.conv2d({ inputShape: [8, 8, 3], filters: 2, kernelSize: 3, activation: 'relu' }),
				tfl.layers.flatten(),
				tfl.layers.dense({ units: 3, activation: 'softmax' })
			]
		});
		m.setUserDefinedMetadata({ classes: ['cat', 'dog', 'bird'] });
		let out: { json: string; weights: Uint8Array } | undefined;
		await m.save(
			tf.io.withSaveHandler(async (a) => {
				const data = a.weightData as ArrayBuffer;
				out = {
					json: JSON.stringify({
						modelTopology: a.modelTopology,
						format: a.format,
						generatedBy: a.generatedBy,
						convertedBy: a.convertedBy,
						userDefinedMetadata: a.userDefinedMetadata,
						weightsManifest: [{ paths: ['tiny.weights.bin'], weights: a.weightSpecs }]
					}),
					weights: new Uint8Array(data)
				};
				return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
			})
		);
		return out!;
	}

	it('loads a model from files, saves it in IndexedDB and predicts with it', async () => {
		const { json, weights } = await tinyModel();
		const files = [
			new File([json], 'model.json', { type: 'application/json' }),
			new File([weights as Uint8Array<ArrayBuffer>], 'tiny.weights.bin')
		];
		const info = await client.call('custom-load', {
			name: 'tiny-files',
			source: { kind: 'files', files }
		}).promise;
		expect(info).toMatchObject({
			name: 'tiny-files',
			format: 'layers-model',
			inputSize: [8, 8],
			outputs: 3,
			classes: ['cat', 'dog', 'bird']
		});
		const { probs } = await client.call('custom-predict', {
			name: 'tiny-files',
			images: [solid([10, 200, 10], 3)]
		}).promise;
		expect(probs[0]).toHaveLength(3);
		expect(probs[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
		const list = await client.call('custom-list', {}).promise;
		expect(list.models.map((m) => m.name)).toContain('tiny-files');
	});

	it('loads a model from a URL and reloads it from IndexedDB in a fresh worker (offline)', async () => {
		const { json, weights } = await tinyModel();
		// Beside this file under __screenshots__: served by the test server, ignored by git.
		// (commands.writeFile resolves paths from the project root.)
		const dir = 'src/lib/ml/media/__screenshots__/ml-media-tiny/';
		await commands.writeFile(dir + 'model.json', json);
		let bin = '';
		for (const b of weights) bin += String.fromCharCode(b);
		await commands.writeFile(dir + 'tiny.weights.bin', btoa(bin), 'base64');
		const url = new URL('./__screenshots__/ml-media-tiny/model.json', import.meta.url).href;
		const info = await client.call('custom-load', {
			name: 'tiny-url',
			source: { kind: 'url', url },
			scale: 'signed'
		}).promise;
		expect(info.outputs).toBe(3);
		const img = solid([200, 10, 10], 9);
		const before = (
			await client.call('custom-predict', { name: 'tiny-url', images: [img] }).promise
		).probs[0]!;
		await commands.removeFile(dir + 'model.json');
		await commands.removeFile(dir + 'tiny.weights.bin');
		// A new worker has no cache: the model must come from IndexedDB, with its scale.
		const fresh = mediaWorkerStart();
		try {
			const list = await fresh.client.call('custom-list', {}).promise;
			expect(list.models.find((m) => m.name === 'tiny-url')?.scale).toBe('signed');
			const after = (
				await fresh.client.call('custom-predict', { name: 'tiny-url', images: [img] }).promise
			).probs[0]!;
			after.forEach((p, i) => expect(p).toBeCloseTo(before[i]!, 5));
			expect((await fresh.client.call('custom-delete', { name: 'tiny-url' }).promise).deleted).toBe(
				true
			);
		} finally {
			fresh.client.destroy();
			fresh.worker.terminate();
		}
	});

	it('refuses a bad name and a model that does not take images', async () => {
		await expect(
			client.call('custom-load', { name: 'a/b', source: { kind: 'files', files: [] } }).promise
		).rejects.toThrow(/must be 1–64 letters/);
		await expect(
			client.call('custom-load', { name: 'none', source: { kind: 'files', files: [] } }).promise
		).rejects.toThrow(/model.json/);
	});
});
