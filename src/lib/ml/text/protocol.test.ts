/** The worker protocol in node: a fake port pair, the real handlers on the cpu backend. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { TextClient, textChunks } from './client';
import { HASHING_DEFAULTS } from './hashing';
import { heldOutFolds, textHandlersMake } from './handlers';
import {
	CancelledError,
	requestProblem,
	textServe,
	type TextPort,
	type TrainProgress
} from './protocol';
import { memoryModelIO } from './store';
import type { HeldOutReport } from '$lib/core/quality/calibration/held-out';
import { temperatureApply } from '$lib/core/quality/calibration/temperature';

/** Two ports that deliver to each other asynchronously (structured clone), like a worker. */
function portPair(): [TextPort, TextPort] {
	type Fake = TextPort & { deliver(data: unknown): void; other?: Fake };
	const make = (): Fake => {
		const fns = new Set<(e: MessageEvent) => void>();
		const port: Fake = {
			postMessage: (msg) => {
				const data = structuredClone(msg);
				setTimeout(() => port.other?.deliver(data), 0);
			},
			addEventListener: (_, fn) => void fns.add(fn),
			removeEventListener: (_, fn) => void fns.delete(fn),
			deliver: (data) => fns.forEach((f) => f({ data } as MessageEvent))
		};
		return port;
	};
	const a = make();
	const b = make();
	a.other = b;
	b.other = a;
	return [a, b];
}

const POS = ['great', 'lovely', 'wonderful', 'superb', 'delightful'];
const NEG = ['awful', 'boring', 'dreadful', 'terrible', 'dull'];
function corpus(n: number): { texts: string[]; y: number[] } {
	const texts: string[] = [];
	const y: number[] = [];
	for (let i = 0; i < n; i++) {
		const c = i % 2;
		const w = (c ? POS : NEG)[i % 5] as string;
		texts.push(`a ${w} film, scene ${i}`);
		y.push(c);
	}
	return { texts, y };
}

function setup(yieldMs = 0, chunkChars?: number) {
	const [page, worker] = portPair();
	const io = memoryModelIO();
	const handlers = textHandlersMake({
		io,
		ready: async () => {
			await tf.setBackend('cpu');
			return tf.getBackend();
		},
		hashing: { ...HASHING_DEFAULTS, dim: 1 << 12 },
		yieldMs
	});
	textServe(worker, handlers);
	return { client: new TextClient(page, { chunkChars }), io };
}

const LABELS = { labels: ['neg', 'pos'], labelNames: ['Negative', 'Positive'] };

describe('text worker protocol', () => {
	beforeAll(async () => {
		await tf.setBackend('cpu');
	});

	test('init reports the backend', async () => {
		const { client } = setup();
		expect(await client.call('init', {}).promise).toEqual({ backend: 'cpu' });
	});

	test('train reports progress per epoch, then predict uses the saved model', async () => {
		const { client } = setup();
		const { texts, y } = corpus(60);
		const progress: TrainProgress[] = [];
		const { meta } = await client.call(
			'train',
			{ key: 'm1', texts, y, ...LABELS, epochs: 4, now: 1_700_000_000_000 },
			(p) => progress.push(p)
		).promise;
		expect(progress[0]?.phase).toBe('features');
		const epochs = progress.filter((p) => p.phase === 'train');
		expect(epochs.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
		expect(epochs[3]?.loss).toBeLessThan(epochs[0]?.loss as number);
		expect(epochs[3]?.valAccuracy).toBe(1);
		// Held-out folds ran first: five folds of twelve rows, each all right.
		expect(new Set(progress.filter((p) => p.phase === 'fold').map((p) => p.fold))).toEqual(
			new Set([1, 2, 3, 4, 5])
		);
		expect(meta.heldOut).toMatchObject({ rows: 60, folds: 5, accuracy: 1, beatsBaseline: true });
		expect(meta).toMatchObject({
			labels: ['neg', 'pos'],
			kind: 'linear',
			trainedOn: 60,
			model: 'text-linear@2023-11-14T22:13:20.000Z'
		});
		const { probs, classes } = await client.call('predict', {
			key: 'm1',
			texts: ['a superb film', 'a dull film']
		}).promise;
		expect(classes).toBe(2);
		expect(probs).toBeInstanceOf(Float32Array);
		expect(probs[1]).toBeGreaterThan(0.5);
		expect(probs[2]).toBeGreaterThan(0.5);
	});

	test('suggestions are scaled by the temperature fitted on held-out folds', async () => {
		const { client } = setup();
		// Every fifth text carries the other class's word, so the model cannot be sure of all.
		const { texts, y } = corpus(100);
		const noisy = y.map((c, i) => (i % 5 === 3 ? 1 - c : c));
		const { meta } = await client.call('train', { key: 't', texts, y: noisy, ...LABELS, now: 1 })
			.promise;
		const report = meta.heldOut as HeldOutReport;
		expect(report.rows).toBe(100);
		expect(report.beatsBaseline).toBe(true);
		expect(report.temperature).not.toBeCloseTo(1, 1);
		const probe = { key: 't', texts: texts.slice(0, 10) };
		const raw = (await client.call('predict', { ...probe, raw: true }).promise).probs;
		const shown = (await client.call('predict', probe).promise).probs;
		const expected = temperatureApply(Float64Array.from(raw), 2, report.temperature);
		for (let j = 0; j < 20; j++) expect(shown[j]).toBeCloseTo(expected[j] as number, 5);
	});

	test('a model no better than always answering the common label says so', async () => {
		const { client } = setup();
		// Labels unrelated to the texts, four in five of them "neg".
		const texts = Array.from({ length: 80 }, (_, i) => `item ${(i * 37) % 101} of the pile`);
		const y = texts.map((_, i) => (i % 5 === 2 ? 1 : 0));
		const { meta } = await client.call('train', { key: 'b', texts, y, ...LABELS, now: 1 }).promise;
		expect(meta.heldOut?.baselineAccuracy).toBe(0.8);
		expect(meta.heldOut?.beatsBaseline).toBe(false);
	});

	test('held-out folds: all five up to 1,000 rows, then enough for about 1,000 rows', () => {
		expect(heldOutFolds(30)).toEqual({ k: 5, ran: 5 });
		expect(heldOutFolds(1000)).toEqual({ k: 5, ran: 5 });
		expect(heldOutFolds(1500)).toEqual({ k: 5, ran: 4 });
		expect(heldOutFolds(6046)).toEqual({ k: 5, ran: 2 });
		expect(heldOutFolds(1)).toEqual({ k: 1, ran: 0 });
	});

	test('save and load: a new worker on the same store finds the model and predicts alike', async () => {
		const a = setup();
		const { texts, y } = corpus(40);
		await a.client.call('train', { key: 'k', texts, y, ...LABELS, kind: 'mlp', epochs: 3, now: 5 })
			.promise;
		const before = (await a.client.call('predict', { key: 'k', texts: ['a lovely film'] }).promise)
			.probs;
		// Another worker (fresh model cache) over the same saved artifacts.
		const [page, worker] = portPair();
		textServe(
			worker,
			textHandlersMake({
				io: a.io,
				ready: async () => 'cpu',
				hashing: { ...HASHING_DEFAULTS, dim: 1 << 12 }
			})
		);
		const b = new TextClient(page);
		const { meta } = await b.call('load', { key: 'k' }).promise;
		expect(meta).toMatchObject({
			kind: 'mlp',
			labels: ['neg', 'pos'],
			trainedAt: 5,
			schemaVersion: 2
		});
		const after = (await b.call('predict', { key: 'k', texts: ['a lovely film'] }).promise).probs;
		expect(Array.from(after)).toEqual(Array.from(before));
		expect(await b.call('remove', { key: 'k' }).promise).toEqual({ removed: true });
		expect((await b.call('load', { key: 'k' }).promise).meta).toBeNull();
	});

	test('cancel stops training with a CancelledError and saves nothing', async () => {
		const { client, io } = setup(0);
		const { texts, y } = corpus(400);
		const call = client.call(
			'train',
			{ key: 'c', texts, y, ...LABELS, epochs: 50, now: 1 },
			(p) => {
				if (p.epoch === 1) call.cancel();
			}
		);
		await expect(call.promise).rejects.toBeInstanceOf(CancelledError);
		expect(await io.load('c')).toBeUndefined();
		expect(client.pending).toBe(0);
	});

	test('out-of-fold probabilities cover every row and report folds', async () => {
		const { client } = setup();
		const { texts, y } = corpus(50);
		const folds = new Set<number>();
		const { probs } = await client.call('oof', { texts, y, classes: 2, folds: 5, epochs: 3 }, (p) =>
			folds.add(p.fold ?? 0)
		).promise;
		expect([...folds].sort()).toEqual([1, 2, 3, 4, 5]);
		expect(probs.length).toBe(100);
		for (let i = 0; i < 50; i++)
			expect((probs[2 * i] as number) + (probs[2 * i + 1] as number)).toBeCloseTo(1, 5);
		const right = y.filter((c, i) => ((probs[2 * i + 1] as number) > 0.5 ? 1 : 0) === c).length;
		expect(right).toBeGreaterThan(45);
	});

	test('errors say what is wrong and leave the worker usable', async () => {
		const { client } = setup();
		await expect(client.call('predict', { key: 'none', texts: ['x'] }).promise).rejects.toThrow(
			/no trained model/
		);
		await expect(
			client.call('train', { texts: ['a', 'b'], y: [0, 2], ...LABELS, now: 1 }).promise
		).rejects.toThrow(/label of text 1 is 2, not a class 0–1/);
		await expect(
			client.call('oof', { texts: ['a', 'b', 'c'], y: [0, 0, 1], classes: 2 }).promise
		).rejects.toThrow(/at least 2 examples/);
		expect(await client.call('init', {}).promise).toEqual({ backend: 'cpu' });
	});

	test('many texts go in chunks, one message per task, and train the same model', async () => {
		const { texts, y } = corpus(120);
		const parts = textChunks(texts, 100);
		expect(parts.length).toBeGreaterThan(10);
		expect(parts.flat()).toEqual(texts);
		expect(parts.every((p) => p.join('').length <= 100)).toBe(true);
		expect(textChunks(['x'.repeat(500), 'y'], 100)).toEqual([['x'.repeat(500)], ['y']]);

		const whole = setup();
		const chunked = setup(0, 100);
		const req = { key: 'ch', texts, y, ...LABELS, epochs: 3, now: 1 };
		const a = await whole.client.call('train', req).promise;
		const b = await chunked.client.call('train', req).promise;
		expect(b.meta.trainedOn).toBe(120);
		expect(b.meta.metrics).toEqual(a.meta.metrics);
		const probe = { key: 'ch', texts };
		expect(Array.from((await chunked.client.call('predict', probe).promise).probs)).toEqual(
			Array.from((await whole.client.call('predict', probe).promise).probs)
		);
	});

	test('a request cancelled while its texts are still being sent is never run', async () => {
		const { client, io } = setup(0, 50);
		const { texts, y } = corpus(200);
		const progress: TrainProgress[] = [];
		const call = client.call('train', { key: 'cc', texts, y, ...LABELS, now: 1 }, (p) =>
			progress.push(p)
		);
		await new Promise((r) => setTimeout(r, 0));
		call.cancel();
		await expect(call.promise).rejects.toBeInstanceOf(CancelledError);
		expect(client.pending).toBe(0);
		await new Promise((r) => setTimeout(r, 50));
		expect(progress).toEqual([]);
		expect(await io.load('cc')).toBeUndefined();
		// The worker kept nothing of it and serves the next request.
		expect(await client.call('init', {}).promise).toEqual({ backend: 'cpu' });
	});

	test('malformed requests are refused with a reason', () => {
		expect(requestProblem(null)).toMatch(/not an object/);
		expect(requestProblem({ type: 'train', id: 1, texts: ['a'], y: [] })).toMatch(
			/1 texts but 0 labels/
		);
		expect(requestProblem({ type: 'fly', id: 1 })).toMatch(/Unknown request type “fly”/);
		expect(requestProblem({ type: 'predict', id: 1, texts: [] })).toMatch(/model key is missing/);
		expect(requestProblem({ type: 'init', id: 2 })).toBeUndefined();
		expect(requestProblem({ type: 'texts', id: 3 })).toMatch(/no texts array/);
	});
});
