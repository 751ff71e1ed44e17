/**
 * What the media worker does for each request: thin calls into the model modules, with progress
 * per image and a cancel check between images.
 */
import { vadSegments } from './audio/vad';
import { backboneEmbed } from './images/backbone';
import { customDelete, customList, customLoad, customPredict } from './images/custom';
import { detectorRun } from './images/detector';
import { headTrain } from './images/head';
import { imageDecode } from './images/pixels';
import type { MediaImage } from './media-protocol';
import type { MediaContext, MediaHandlers } from './media-serve';
import { lexiconSuggest } from './spans/lexicon';
import { spanCandidatesMerge, spanModelTrain, type SpanModel } from './spans/suggest';
import { taggerPredict } from './spans/tagger';
import { imageHeadLoad, imageHeadSave, mediaModelUrl, spanModelLoad, spanModelSave } from './store';
import { tf, tfReady } from '../tf-setup';
import { tfModelIO, type ModelIO } from '../model-io';

async function eachImage<T>(
	images: readonly MediaImage[],
	ctx: MediaContext,
	f: (d: Awaited<ReturnType<typeof imageDecode>>) => Promise<T>
): Promise<T[]> {
	const out: T[] = [];
	for (let i = 0; i < images.length; i++) {
		ctx.check();
		const d = await imageDecode(images[i] as MediaImage, i);
		try {
			out.push(await f(d));
		} finally {
			d.bitmap.close();
		}
		ctx.progress(i + 1, images.length);
	}
	return out;
}

const spanModels = new Map<string, SpanModel>();

/** Where trained models are saved: TF.js's IndexedDB store (tests may swap in memory). */
let io: ModelIO = tfModelIO;
export function mediaModelIOSet(next: ModelIO): void {
	io = next;
	spanModels.clear();
}

export const mediaHandlers: MediaHandlers = {
	init: async () => ({ backend: await tfReady() }),
	embed: async (req, ctx) => ({ embeddings: await eachImage(req.images, ctx, backboneEmbed) }),
	'train-head': async (req, ctx) => {
		let last = { loss: Infinity, accuracy: 0 };
		const epochs = req.epochs ?? 150;
		const head = headTrain(req.x, req.y, req.classes, {
			epochs,
			onEpoch: (p) => {
				last = p;
				if (p.epoch % 10 === 0 || p.epoch === epochs)
					ctx.progress(
						p.epoch,
						epochs,
						`epoch ${p.epoch}: loss ${p.loss.toFixed(3)}, accuracy ${p.accuracy.toFixed(2)}`
					);
				ctx.check();
			}
		});
		if (req.key)
			await imageHeadSave(io, mediaModelUrl('image-head', req.key), head, {
				labels: req.labels ?? [],
				metrics: { accuracy: last.accuracy, loss: last.loss },
				trainedOn: req.x.length,
				trainedAt: req.now ?? Date.now()
			});
		return { head, ...last };
	},
	detect: async (req, ctx) => {
		const sizes: { width: number; height: number }[] = [];
		const detections = await eachImage(req.images, ctx, (d) => {
			sizes.push({ width: d.width, height: d.height });
			return detectorRun(d, req.options);
		});
		return { detections, sizes };
	},
	vad: (req) => {
		const { energyDb: _e, ...rest } = vadSegments(req.pcm, req.sampleRate, req.options);
		return rest;
	},
	'spans-train': async (req) => {
		const model = spanModelTrain(req.docs);
		spanModels.set(req.key, model);
		const res = {
			labels: [...new Set(req.docs.flatMap((d) => d.spans.map((s) => s.label)))],
			docs: req.docs.length,
			dictionary: model.lexicon.dictionary.length,
			patterns: model.lexicon.patterns.length
		};
		await spanModelSave(io, mediaModelUrl('span-model', req.key), model, {
			labels: res.labels,
			metrics: { dictionary: res.dictionary, patterns: res.patterns },
			trainedOn: res.docs,
			trainedAt: req.now ?? Date.now()
		});
		return res;
	},
	'model-load': async (req) => {
		const url = mediaModelUrl(req.kind, req.key);
		if (req.kind === 'image-head') {
			const got = await imageHeadLoad(io, url);
			return got ? { meta: got.meta, head: got.head } : { meta: null };
		}
		const got = await spanModelLoad(io, url);
		if (got) spanModels.set(req.key, got.model);
		return { meta: got?.meta ?? null };
	},
	'spans-suggest': async (req, ctx) => {
		let model = spanModels.get(req.key);
		if (!model) {
			// After a reload: the model saved when it was trained.
			model = (await spanModelLoad(io, mediaModelUrl('span-model', req.key)))?.model;
			if (model) spanModels.set(req.key, model);
		}
		if (!model) throw new Error('Train the span model first');
		const spans = [];
		for (let i = 0; i < req.texts.length; i++) {
			const t = req.texts[i] as string;
			spans.push(
				spanCandidatesMerge(
					[...taggerPredict(model.tagger, t), ...lexiconSuggest(model.lexicon, t)].filter(
						(c) => c.confidence >= (req.threshold ?? 0)
					)
				)
			);
			if (i % 20 === 19) {
				ctx.progress(i + 1, req.texts.length);
				await ctx.tick();
			}
		}
		return { spans };
	},
	'bench-matmul': async (req) => {
		await tfReady();
		const a = tf.randomUniform([req.n, req.k]);
		const b = tf.randomUniform([req.k, req.m]);
		const times: number[] = [];
		for (let i = 0; i < req.reps + 1; i++) {
			const t0 = performance.now();
			const c = tf.matMul(a, b);
			await c.data();
			c.dispose();
			if (i > 0) times.push(performance.now() - t0);
		}
		tf.dispose([a, b]);
		times.sort((x, y) => x - y);
		return { ms: times[Math.floor(times.length / 2)] ?? 0 };
	},
	'custom-load': (req) => customLoad(req.name, req.source, req.scale),
	'custom-list': async () => ({ models: await customList() }),
	'custom-delete': async (req) => ({ deleted: await customDelete(req.name) }),
	'custom-predict': async (req, ctx) => ({
		probs: await eachImage(req.images, ctx, (d) => customPredict(req.name, d))
	})
};
