/** What the text worker does for each request: features, training, prediction, k-fold, storage. */
import * as tf from '@tensorflow/tfjs-core';
import { TextClassifier, type TextModelKind } from './classifier';
import { stratifiedFolds } from './folds';
import { CsrBuilder, HASHING_DEFAULTS, hashText, sliceRows, type HashingOptions } from './hashing';
import {
	TEXT_MODEL_SCHEMA_VERSION,
	type TextHandlers,
	type TextModelMeta,
	type TrainProgress
} from './protocol';
import { textModelLoad, textModelSave, type ModelIO } from './store';

export interface TextHandlerDeps {
	io: ModelIO;
	/** Starts TF.js (wasm in the worker, cpu in node); resolves to the backend's name. */
	ready(): Promise<string>;
	hashing?: HashingOptions;
	/** Minimum time between two cancel checks/yields, in ms (default 30). */
	yieldMs?: number;
}

const HIDDEN = 32;

/** Mini-batch size for `n` examples: 64, or 128 from 2,000 examples on (fewer optimizer steps). */
export function batchFor(n: number): number {
	return n >= 2000 ? 128 : 64;
}

/**
 * Epochs for `n` examples: enough for about 150 optimizer steps on small projects (30 labels make
 * one mini-batch per epoch), at most 60; at least 8 below 2,000 examples and 4 from there on,
 * where every epoch already takes 16+ steps (fastText's default is 5).
 */
export function epochsFor(n: number, batchSize = batchFor(n)): number {
	const least = n >= 2000 ? 4 : 8;
	return Math.max(least, Math.min(60, Math.ceil(150 / Math.max(1, Math.ceil(n / batchSize)))));
}

export function textHandlersMake(deps: TextHandlerDeps): TextHandlers {
	const hashing = deps.hashing ?? HASHING_DEFAULTS;
	const models = new Map<string, { model: TextClassifier; meta: TextModelMeta }>();
	const yieldMs = deps.yieldMs ?? 30;

	/** A batch hook that yields to the event loop about every `yieldMs`, checking for cancel. */
	const pacer = (checkCancel: () => Promise<void>) => {
		let last = performance.now();
		return async () => {
			if (performance.now() - last < yieldMs) return;
			await checkCancel();
			last = performance.now();
		};
	};

	async function modelOf(key: string) {
		const have = models.get(key);
		if (have) return have;
		const loaded = await textModelLoad(deps.io, key);
		if (loaded) models.set(key, loaded);
		return loaded;
	}

	/** Features of all texts, yielding every 250 texts so a cancel can arrive. */
	async function features(texts: string[], checkCancel: () => Promise<void>) {
		const b = new CsrBuilder(hashing.dim, texts.length, texts.length * 1024);
		for (let i = 0; i < texts.length; i++) {
			b.add(hashText(texts[i] as string, hashing));
			if (i % 250 === 249) await checkCancel();
		}
		return b.build();
	}

	return {
		init: async () => {
			const backend = await deps.ready();
			if (backend !== 'wasm') return { backend };
			const env = tf.env();
			return {
				backend,
				simd: Boolean(await env.getAsync('WASM_HAS_SIMD_SUPPORT')),
				threads: Boolean(await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))
			};
		},

		train: async (req, ctx) => {
			await deps.ready();
			const kind: TextModelKind = req.kind ?? 'linear';
			const epochs = req.epochs ?? epochsFor(req.texts.length);
			ctx.progress({ phase: 'features', epoch: 0, epochs });
			const x = await features(req.texts, ctx.checkCancel);
			const model = TextClassifier.create({
				kind,
				dim: hashing.dim,
				classes: req.labels.length,
				hidden: HIDDEN
			});
			try {
				const metrics = await model.train(x, req.y, {
					epochs,
					batchSize: batchFor(req.texts.length),
					onBatch: pacer(ctx.checkCancel),
					onEpoch: (p) => ctx.progress({ phase: 'train', ...p })
				});
				const meta: TextModelMeta = {
					schemaVersion: TEXT_MODEL_SCHEMA_VERSION,
					model: `text-${kind}@${new Date(req.now).toISOString()}`,
					kind,
					labels: req.labels,
					labelNames: req.labelNames,
					dim: hashing.dim,
					metrics,
					trainedOn: req.texts.length,
					trainedAt: req.now
				};
				if (req.key) {
					await textModelSave(deps.io, req.key, model, meta);
					models.get(req.key)?.model.dispose();
					models.set(req.key, { model, meta });
				} else model.dispose();
				return { meta };
			} catch (e) {
				model.dispose();
				throw e;
			}
		},

		predict: async (req, ctx) => {
			await deps.ready();
			const m = await modelOf(req.key);
			if (!m) throw new Error('There is no trained model yet: train one first');
			const x = await features(req.texts, ctx.checkCancel);
			return { probs: await m.model.predictProba(x), classes: m.meta.labels.length };
		},

		oof: async (req, ctx) => {
			await deps.ready();
			const k = Math.min(req.folds ?? 5, smallestClass(req.y));
			if (k < 2) throw new Error('Every label needs at least 2 examples to find label errors');
			const epochs = req.epochs ?? epochsFor(req.texts.length);
			const x = await features(req.texts, ctx.checkCancel);
			const fold = stratifiedFolds(req.y, k, req.seed ?? 1);
			const probs = new Float32Array(req.texts.length * req.classes);
			for (let f = 0; f < k; f++) {
				const train: number[] = [];
				const test: number[] = [];
				fold.forEach((v, i) => (v === f ? test : train).push(i));
				const model = TextClassifier.create({
					kind: 'linear',
					dim: hashing.dim,
					classes: req.classes,
					hidden: HIDDEN
				});
				try {
					await model.train(
						sliceRows(x, train),
						train.map((i) => req.y[i] as number),
						{
							epochs,
							batchSize: batchFor(train.length),
							validation: 0,
							onBatch: pacer(ctx.checkCancel),
							onEpoch: (p) =>
								ctx.progress({ phase: 'fold', fold: f + 1, folds: k, ...p } satisfies TrainProgress)
						}
					);
					const p = await model.predictProba(sliceRows(x, test));
					test.forEach((row, j) =>
						probs.set(p.subarray(j * req.classes, (j + 1) * req.classes), row * req.classes)
					);
				} finally {
					model.dispose();
				}
			}
			return { probs };
		},

		load: async (req) => {
			await deps.ready();
			return { meta: (await modelOf(req.key))?.meta ?? null };
		},

		remove: async (req) => {
			models.get(req.key)?.model.dispose();
			models.delete(req.key);
			return { removed: await deps.io.remove(req.key) };
		}
	};
}

function smallestClass(y: readonly number[]): number {
	const counts = new Map<number, number>();
	for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
	return counts.size < 2 ? 0 : Math.min(...counts.values());
}

export { tf };
