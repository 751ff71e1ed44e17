/** What the text worker does for each request: features, training, prediction, k-fold, storage. */
import * as tf from '@tensorflow/tfjs-core';
import { heldOutReport, type HeldOutReport } from '$lib/core/quality/calibration/held-out';
import { temperatureApply } from '$lib/core/quality/calibration/temperature';
import { TextClassifier, type TextModelKind } from './classifier';
import { stratifiedFolds } from './folds';
import {
	CsrBuilder,
	HASHING_DEFAULTS,
	hashText,
	sliceRows,
	type HashingOptions,
	type SparseBatch
} from './hashing';
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

type Ctx = { progress(p: TrainProgress): void; checkCancel(): Promise<void> };

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

	/**
	 * Probabilities of the rows of folds 0..ran−1, each from a model trained on the other folds
	 * (rows of later folds stay 0).
	 */
	async function foldProbs(job: {
		x: SparseBatch;
		y: readonly number[];
		classes: number;
		kind: TextModelKind;
		fold: Int32Array;
		k: number;
		ran: number;
		epochs: number;
		ctx: Ctx;
	}): Promise<Float32Array> {
		const { x, y, classes, fold, ctx } = job;
		const probs = new Float32Array(y.length * classes);
		for (let f = 0; f < job.ran; f++) {
			const train: number[] = [];
			const test: number[] = [];
			fold.forEach((v, i) => (v === f ? test : train).push(i));
			const model = TextClassifier.create({
				kind: job.kind,
				dim: hashing.dim,
				classes,
				hidden: HIDDEN
			});
			try {
				await model.train(
					sliceRows(x, train),
					train.map((i) => y[i] as number),
					{
						epochs: job.epochs,
						batchSize: batchFor(train.length),
						validation: 0,
						onBatch: pacer(ctx.checkCancel),
						onEpoch: (p) =>
							ctx.progress({
								phase: 'fold',
								fold: f + 1,
								folds: job.ran,
								...p
							} satisfies TrainProgress)
					}
				);
				const p = await model.predictProba(sliceRows(x, test));
				test.forEach((row, j) =>
					probs.set(p.subarray(j * classes, (j + 1) * classes), row * classes)
				);
			} finally {
				model.dispose();
			}
		}
		return probs;
	}

	/** The held-out report of a model of this kind (held-out.ts), or undefined below 2 folds. */
	async function evaluate(
		x: SparseBatch,
		y: readonly number[],
		classes: number,
		kind: TextModelKind,
		epochs: number,
		ctx: Ctx
	): Promise<HeldOutReport | undefined> {
		const { k, ran } = heldOutFolds(y.length);
		if (ran < 2) return undefined;
		const fold = stratifiedFolds(y, k, 1);
		const probs = await foldProbs({ x, y, classes, kind, fold, k, ran, epochs, ctx });
		return heldOutReport({ probs, K: classes, labels: y, fold, ran });
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
			const heldOut =
				req.evaluate === false
					? undefined
					: await evaluate(x, req.y, req.labels.length, kind, epochs, ctx);
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
					heldOut,
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
			const K = m.meta.labels.length;
			const raw = await m.model.predictProba(x);
			const T = m.meta.heldOut?.temperature;
			if (req.raw || T === undefined) return { probs: raw, classes: K };
			return {
				probs: Float32Array.from(temperatureApply(Float64Array.from(raw), K, T)),
				classes: K
			};
		},

		oof: async (req, ctx) => {
			await deps.ready();
			const k = Math.min(req.folds ?? 5, smallestClass(req.y));
			if (k < 2) throw new Error('Every label needs at least 2 examples to find label errors');
			const x = await features(req.texts, ctx.checkCancel);
			const fold = stratifiedFolds(req.y, k, req.seed ?? 1);
			const probs = await foldProbs({
				x,
				y: req.y,
				classes: req.classes,
				kind: 'linear',
				fold,
				k,
				ran: k,
				epochs: req.epochs ?? epochsFor(req.texts.length),
				ctx
			});
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

/** Rows held out (at least) to judge and calibrate a model, when the project has that many. */
export const HELD_OUT_ROWS = 1000;

/**
 * Folds for the held-out report of `n` labeled rows: 5, of which all run up to 1,000 rows;
 * above that only as many as hold out about `HELD_OUT_ROWS` rows (at least 2), so a big
 * project's training costs about 2.6 trainings instead of 5.
 */
export function heldOutFolds(n: number): { k: number; ran: number } {
	const k = Math.min(5, n);
	if (k < 2) return { k, ran: 0 };
	return { k, ran: Math.min(k, Math.max(2, Math.ceil(HELD_OUT_ROWS / (n / k)))) };
}

function smallestClass(y: readonly number[]): number {
	const counts = new Map<number, number>();
	for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
	return counts.size < 2 ? 0 : Math.min(...counts.values());
}

export { tf };
