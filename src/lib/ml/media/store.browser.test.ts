/**
 * The media worker's trained models survive a reload (real Chromium, real IndexedDB through tf.io):
 * the span model and the image head are saved when trained, with their metadata, and a fresh
 * worker loads them and predicts the same.
 */
import { afterEach, expect, test } from 'vitest';
import { headPredict } from './images/head';
import type { MediaClient } from './media-client';
import { mediaWorkerStart } from './media-worker-spawn';
import { MEDIA_MODEL_SCHEMA_VERSION } from './store';

const workers: { client: MediaClient; worker: Worker }[] = [];
function start(): MediaClient {
	const w = mediaWorkerStart();
	workers.push(w);
	return w.client;
}
afterEach(() => {
	for (const w of workers.splice(0)) {
		w.client.destroy();
		w.worker.terminate();
	}
});

const NAMES = ['Alice Moreau', 'Bruno Okafor', 'Chloe Tanaka', 'Dmitri Silva', 'Emma Berg'];
const docs = NAMES.map((name, i) => {
	const text = `On day ${i + 1} ${name} joined the team in Paris.`;
	const start = text.indexOf(name);
	const city = text.indexOf('Paris');
	return {
		text,
		spans: [
			{ start, end: start + name.length, label: 'person' },
			{ start: city, end: city + 5, label: 'place' }
		]
	};
});
const probe = ['Yesterday Alice Moreau met Emma Berg in Paris.', 'Nothing to see here.'];

test('the span model is saved with its metadata and reloaded by a fresh worker', async () => {
	const key = `test-${Date.now()}:spans`;
	const a = start();
	const trained = await a.call('spans-train', { key, docs, now: Date.UTC(2026, 10, 29) }).promise;
	expect(trained.labels.sort()).toEqual(['person', 'place']);
	const before = (await a.call('spans-suggest', { key, texts: probe }).promise).spans;
	expect(before[0]!.some((s) => s.label === 'person')).toBe(true);

	// A new worker (as after reloading the page): metadata first, then the same suggestions.
	const b = start();
	const { meta } = await b.call('model-load', { key, kind: 'span-model' }).promise;
	expect(meta).toEqual({
		schemaVersion: MEDIA_MODEL_SCHEMA_VERSION,
		kind: 'span-model',
		labels: trained.labels,
		metrics: { dictionary: trained.dictionary, patterns: trained.patterns },
		trainedOn: 5,
		trainedAt: Date.UTC(2026, 10, 29)
	});
	const c = start();
	// Without `model-load` first: suggesting reads the saved model too.
	expect((await c.call('spans-suggest', { key, texts: probe }).promise).spans).toEqual(before);
	expect(
		(await c.call('model-load', { key: `${key}-none`, kind: 'span-model' }).promise).meta
	).toBe(null);
}, 120_000);

test('the image head is saved with its metadata and reloaded with the same weights', async () => {
	const key = `test-${Date.now()}:images`;
	// Two clusters of 64-wide embeddings (the head does not care where they come from).
	let s = 7;
	const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 0.2;
	const x = Array.from({ length: 12 }, (_, i) =>
		Float32Array.from({ length: 64 }, (_, j) => (j < 32 === i < 6 ? 1 : 0) + rnd())
	);
	const y = x.map((_, i) => (i < 6 ? 0 : 1));
	const a = start();
	const { head, accuracy } = await a.call('train-head', {
		x: x.map((v) => v.slice()),
		y,
		classes: 2,
		epochs: 40,
		key,
		labels: ['cat', 'dog'],
		now: 1234
	}).promise;
	expect(accuracy).toBe(1);

	const b = start();
	const loaded = await b.call('model-load', { key, kind: 'image-head' }).promise;
	expect(loaded.meta).toMatchObject({
		schemaVersion: MEDIA_MODEL_SCHEMA_VERSION,
		kind: 'image-head',
		labels: ['cat', 'dog'],
		trainedOn: 12,
		trainedAt: 1234,
		metrics: { accuracy: 1 }
	});
	expect(loaded.head?.dim).toBe(64);
	expect(Array.from(loaded.head!.w)).toEqual(Array.from(head.w));
	expect(Array.from(loaded.head!.b)).toEqual(Array.from(head.b));
	expect(headPredict(loaded.head!, x[0]!)).toEqual(headPredict(head, x[0]!));
}, 120_000);
