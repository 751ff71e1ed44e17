import { describe, expect, test } from 'vitest';
import { memoryModelIO } from '../model-io';
import { spanModelTrain } from './spans/suggest';
import { imageHeadLoad, imageHeadSave, spanModelLoad, spanModelSave } from './store';

const meta = { labels: ['a', 'b'], metrics: { accuracy: 0.5 }, trainedOn: 3, trainedAt: 99 };

describe('media model store (tf.io artifacts)', () => {
	test('an image head round-trips with its metadata', async () => {
		const io = memoryModelIO();
		const head = {
			kind: 'image-head' as const,
			dim: 3,
			classes: 2,
			w: Float32Array.from([1, 2, 3, 4, 5, 6]),
			b: Float32Array.from([0.5, -0.5])
		};
		await imageHeadSave(io, 'k', head, meta);
		const got = await imageHeadLoad(io, 'k');
		expect(got?.head).toEqual(head);
		expect(got?.meta).toEqual({ schemaVersion: 1, kind: 'image-head', ...meta });
		expect(await imageHeadLoad(io, 'other')).toBeUndefined();
	});

	test('a span model round-trips (tagger weights and lexicon)', async () => {
		const io = memoryModelIO();
		const model = spanModelTrain(
			[{ text: 'Ada Lovelace wrote', spans: [{ start: 0, end: 12, label: 'person' }] }],
			1
		);
		await spanModelSave(io, 's', model, meta);
		const got = await spanModelLoad(io, 's');
		expect(got?.model.lexicon).toEqual(model.lexicon);
		expect(got?.model.tagger.tags).toEqual(model.tagger.tags);
		expect(Array.from(got!.model.tagger.weights)).toEqual(Array.from(model.tagger.weights));
	});

	test('a model of another kind or with missing weights is refused with a clear error', async () => {
		const io = memoryModelIO();
		await imageHeadSave(
			io,
			'k',
			{ kind: 'image-head', dim: 1, classes: 1, w: new Float32Array(1), b: new Float32Array(1) },
			meta
		);
		await expect(spanModelLoad(io, 'k')).rejects.toThrow(/k is not a Quorum span-model/);
		const a = (await io.load('k'))!;
		await io.save('cut', { ...a, weightData: new ArrayBuffer(4) });
		await expect(imageHeadLoad(io, 'cut')).rejects.toThrow(/truncated at weight “b”/);
	});
});
