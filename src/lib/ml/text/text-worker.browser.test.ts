/** The text worker in real Chromium: wasm backend, train, predict, save to IndexedDB and reload. */
import { afterEach, expect, test } from 'vitest';
import { CancelledError, type TrainProgress } from './protocol';
import { CHUNK_CHARS, textWorkerStart, type TextClient } from './client';

const POS = ['great', 'lovely', 'wonderful', 'superb', 'delightful'];
const NEG = ['awful', 'boring', 'dreadful', 'terrible', 'dull'];
const texts: string[] = [];
const y: number[] = [];
for (let i = 0; i < 200; i++) {
	const c = i % 2;
	texts.push(
		`a ${(c ? POS : NEG)[i % 5]} film, scene ${i} with ${['cats', 'dogs', 'rain'][i % 3]}`
	);
	y.push(c);
}
const LABELS = { labels: ['neg', 'pos'], labelNames: ['Negative', 'Positive'] };
const KEY = `indexeddb://quorum-text-test-${Date.now()}`;

const workers: { worker: Worker; client: TextClient }[] = [];
function start() {
	const w = textWorkerStart();
	workers.push(w);
	return w.client;
}
afterEach(() => {
	for (const w of workers.splice(0)) {
		w.client.destroy();
		w.worker.terminate();
	}
});

test('trains in the worker on the wasm backend, predicts, and reloads the model from IndexedDB', async () => {
	const a = start();
	expect(await a.call('init', {}).promise).toEqual({ backend: 'wasm', simd: true, threads: false });
	const progress: TrainProgress[] = [];
	const { meta } = await a.call(
		'train',
		{ key: KEY, texts, y, ...LABELS, epochs: 5, now: Date.UTC(2026, 10, 29) },
		(p) => progress.push(p)
	).promise;
	expect(progress.filter((p) => p.phase === 'train').map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5]);
	expect(meta.metrics.valAccuracy).toBe(1);
	expect(meta.model).toBe('text-linear@2026-11-29T00:00:00.000Z');
	const probe = ['a superb film', 'a dull film'];
	const before = (await a.call('predict', { key: KEY, texts: probe }).promise).probs;
	expect(before[1]).toBeGreaterThan(0.6);
	expect(before[2]).toBeGreaterThan(0.6);

	// A fresh worker (as after a reload) finds the model in IndexedDB and predicts the same.
	const b = start();
	const loaded = await b.call('load', { key: KEY }).promise;
	expect(loaded.meta).toMatchObject({
		labels: ['neg', 'pos'],
		labelNames: ['Negative', 'Positive'],
		trainedOn: 200
	});
	const after = (await b.call('predict', { key: KEY, texts: probe }).promise).probs;
	expect(Array.from(after)).toEqual(Array.from(before));
	expect(await b.call('remove', { key: KEY }).promise).toEqual({ removed: true });
	expect((await b.call('load', { key: KEY }).promise).meta).toBeNull();
});

test('training can be cancelled, and the page stays responsive meanwhile', async () => {
	const c = start();
	await c.call('init', {}).promise;
	let ticks = 0;
	const timer = setInterval(() => ticks++, 10);
	const call = c.call(
		'train',
		{ key: `${KEY}-c`, texts, y, ...LABELS, epochs: 500, now: 1 },
		(p) => {
			if (p.phase === 'train' && p.epoch === 3) call.cancel();
		}
	);
	await expect(call.promise).rejects.toBeInstanceOf(CancelledError);
	clearInterval(timer);
	expect(ticks).toBeGreaterThan(3);
	expect((await c.call('load', { key: `${KEY}-c` }).promise).meta).toBeNull();
});

test('texts over a megabyte reach the worker in chunks and train a model', async () => {
	const d = start();
	const many: string[] = [];
	const labels: number[] = [];
	for (let i = 0; i < 1500; i++) {
		many.push(`${texts[i % texts.length] as string} ${'lorem ipsum dolor '.repeat(40)}${i}`);
		labels.push(y[i % y.length] as number);
	}
	expect(many.join('').length).toBeGreaterThan(2 * CHUNK_CHARS);
	const { meta } = await d.call('train', { texts: many, y: labels, ...LABELS, epochs: 2, now: 1 })
		.promise;
	expect(meta.trainedOn).toBe(1500);
	expect(meta.metrics.valAccuracy).toBe(1);
});
