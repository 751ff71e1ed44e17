/**
 * A text classifier on hashed n-gram features (hashing.ts), in TF.js: linear (softmax regression,
 * fastText without the hidden bottleneck) or a small MLP with one ReLU layer. The first layer reads
 * the sparse features directly (gather + segment sum), with its gradient written by hand as a
 * scatter-add, so neither the wasm nor the cpu backend ever builds a dense texts × buckets matrix.
 * The same code runs in the worker (wasm) and in node (cpu) for tests and the bench.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { permutation } from './folds';
import type { SparseBatch } from './hashing';
import { sliceRows } from './hashing';

export type TextModelKind = 'linear' | 'mlp';

export interface TextModelConfig {
	kind: TextModelKind;
	/** Hash buckets (input size). */
	dim: number;
	classes: number;
	/** Hidden units of the MLP. */
	hidden: number;
}

export interface TrainOptions {
	epochs: number;
	batchSize: number;
	learningRate: number;
	/** Share of the examples held out to report validation accuracy (0 = none). */
	validation: number;
	seed: number;
	/** Called after each epoch; may be async (e.g. to post progress and let a cancel arrive). */
	onEpoch?: (p: EpochReport) => void | Promise<void>;
	/** Called between mini-batches; throw from it to stop (cancel). */
	onBatch?: () => void | Promise<void>;
}

export interface EpochReport {
	epoch: number;
	epochs: number;
	loss: number;
	/** Accuracy on the held-out rows, or undefined without a validation split. */
	valAccuracy?: number;
}

export interface TrainMetrics {
	epochs: number;
	loss: number;
	valAccuracy?: number;
	trainRows: number;
	valRows: number;
}

export const TRAIN_DEFAULTS: TrainOptions = {
	epochs: 8,
	batchSize: 64,
	learningRate: 0.02,
	validation: 0.1,
	seed: 1
};

/** Tensors of one CSR batch for the sparse layer; every row gets at least one (zero) entry. */
function sparseInputs(b: SparseBatch): { idx: tf.Tensor1D; val: tf.Tensor1D; seg: tf.Tensor1D } {
	let empty = 0;
	for (let r = 0; r < b.rows; r++) if (b.ptr[r + 1] === b.ptr[r]) empty++;
	const n = b.idx.length + empty;
	const idx = new Int32Array(n);
	const val = new Float32Array(n);
	const seg = new Int32Array(n);
	let j = 0;
	for (let r = 0; r < b.rows; r++) {
		const from = b.ptr[r] as number;
		const to = b.ptr[r + 1] as number;
		if (from === to) {
			seg[j++] = r;
			continue;
		}
		for (let i = from; i < to; i++, j++) {
			idx[j] = b.idx[i] as number;
			val[j] = b.val[i] as number;
			seg[j] = r;
		}
	}
	return {
		idx: tf.tensor1d(idx, 'int32'),
		val: tf.tensor1d(val, 'float32'),
		seg: tf.tensor1d(seg, 'int32')
	};
}

/** `X · W` for sparse X (given as idx/val/seg), with a scatter-add gradient for W. */
function sparseDense(
	w: tf.Variable,
	idx: tf.Tensor1D,
	val: tf.Tensor1D,
	seg: tf.Tensor1D
): tf.Tensor2D {
	const dim = w.shape[0] as number;
	const width = w.shape[1] as number;
	// The sparse inputs go through `save`, so the engine keeps them alive until the backward pass.
	const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
		const [wt, ix, vx, sx] = args as tf.Tensor[];
		const save = args[4] as tf.GradSaveFunc;
		save([ix as tf.Tensor, vx as tf.Tensor, sx as tf.Tensor]);
		const weighted = tf.mul(
			tf.gather(wt as tf.Tensor, ix as tf.Tensor),
			tf.expandDims(vx as tf.Tensor, 1)
		);
		const value = tf.sparse.sparseSegmentSum(
			weighted as tf.Tensor2D,
			tf.range(0, (ix as tf.Tensor).size, 1, 'int32'),
			sx as tf.Tensor1D
		);
		return {
			value,
			gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
				const [si, sv, ss] = saved as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
				const rowGrads = tf.mul(tf.gather(dy, ss), tf.expandDims(sv, 1));
				return [
					tf.scatterND(tf.expandDims(si, 1), rowGrads, [dim, width]),
					tf.zerosLike(si),
					tf.zerosLike(sv),
					tf.zerosLike(ss)
				];
			}
		};
	});
	return f(w, idx, val, seg) as tf.Tensor2D;
}

function glorot(rows: number, cols: number, seed: number): tf.Tensor2D {
	const limit = Math.sqrt(6 / (rows + cols));
	return tf.randomUniform([rows, cols], -limit, limit, 'float32', seed);
}

export class TextClassifier {
	readonly config: TextModelConfig;
	#vars: tf.Variable[];

	private constructor(config: TextModelConfig, vars: tf.Variable[]) {
		this.config = config;
		this.#vars = vars;
	}

	/** A fresh model; the linear layer starts at zero, the MLP with Glorot-uniform weights. */
	static create(config: TextModelConfig, seed = 1): TextClassifier {
		const { dim, classes, hidden, kind } = config;
		const vars =
			kind === 'linear'
				? [tf.variable(tf.zeros([dim, classes]), true), tf.variable(tf.zeros([classes]), true)]
				: [
						tf.variable(tf.randomUniform([dim, hidden], -0.1, 0.1, 'float32', seed), true),
						tf.variable(tf.zeros([hidden]), true),
						tf.variable(glorot(hidden, classes, seed + 1), true),
						tf.variable(tf.zeros([classes]), true)
					];
		return new TextClassifier(config, vars);
	}

	/** Rebuilds a model from named weights (store.ts). */
	static fromWeights(config: TextModelConfig, weights: tf.NamedTensorMap): TextClassifier {
		const names = config.kind === 'linear' ? ['w', 'b'] : ['w1', 'b1', 'w2', 'b2'];
		const vars = names.map((n) => {
			const t = weights[n];
			if (!t) throw new Error(`The saved model has no weight “${n}”`);
			return tf.variable(t, true);
		});
		return new TextClassifier(config, vars);
	}

	/** The weights by name, for saving (the tensors stay owned by the model). */
	weights(): tf.NamedTensorMap {
		const names = this.config.kind === 'linear' ? ['w', 'b'] : ['w1', 'b1', 'w2', 'b2'];
		return Object.fromEntries(this.#vars.map((v, i) => [names[i] as string, v]));
	}

	/** Logits of a batch; call inside `tf.tidy` or an optimizer step (the inputs are freed there). */
	#logits(b: SparseBatch): tf.Tensor2D {
		const { idx, val, seg } = sparseInputs(b);
		const v = this.#vars as [tf.Variable, tf.Variable, ...tf.Variable[]];
		const first = tf.add(sparseDense(v[0], idx, val, seg), v[1]) as tf.Tensor2D;
		if (this.config.kind === 'linear') return first;
		const [, , w2, b2] = v as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
		return tf.add(tf.matMul(tf.relu(first), w2), b2) as tf.Tensor2D;
	}

	/** Trains on `x` with class indices `y`; returns the last epoch's figures. */
	async train(
		x: SparseBatch,
		y: ArrayLike<number>,
		options: Partial<TrainOptions> = {}
	): Promise<TrainMetrics> {
		const o = { ...TRAIN_DEFAULTS, ...options };
		const K = this.config.classes;
		const order = permutation(x.rows, o.seed);
		const nVal =
			o.validation > 0 && x.rows >= 20 ? Math.max(1, Math.round(x.rows * o.validation)) : 0;
		const valRows = order.subarray(0, nVal);
		const trainRows = Int32Array.from(order.subarray(nVal));
		const opt = tf.train.adam(o.learningRate);
		let loss = NaN;
		let valAccuracy: number | undefined;
		try {
			for (let epoch = 1; epoch <= o.epochs; epoch++) {
				const perm = permutation(trainRows.length, o.seed * 7919 + epoch);
				let sum = 0;
				let batches = 0;
				for (let s = 0; s < trainRows.length; s += o.batchSize) {
					const rows = perm.subarray(s, s + o.batchSize).map((i) => trainRows[i] as number);
					const b = sliceRows(x, rows);
					const labels = Int32Array.from(rows, (r) => y[r] as number);
					const cost = opt.minimize(
						() => {
							const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), K);
							return tf.losses.softmaxCrossEntropy(onehot, this.#logits(b)) as tf.Scalar;
						},
						true,
						this.#vars
					);
					if (cost) {
						sum += (await cost.data())[0] as number;
						cost.dispose();
					}
					batches++;
					await o.onBatch?.();
				}
				loss = sum / Math.max(1, batches);
				if (nVal > 0) {
					const p = await this.predictProba(sliceRows(x, valRows));
					let right = 0;
					for (let i = 0; i < nVal; i++) {
						let best = 0;
						for (let k = 1; k < K; k++)
							if ((p[i * K + k] as number) > (p[i * K + best] as number)) best = k;
						if (best === y[valRows[i] as number]) right++;
					}
					valAccuracy = right / nVal;
				}
				await o.onEpoch?.({ epoch, epochs: o.epochs, loss, valAccuracy });
			}
		} finally {
			opt.dispose();
		}
		return { epochs: o.epochs, loss, valAccuracy, trainRows: trainRows.length, valRows: nVal };
	}

	/** Class probabilities, rows × classes row-major. */
	async predictProba(x: SparseBatch, chunk = 512): Promise<Float32Array> {
		const K = this.config.classes;
		const out = new Float32Array(x.rows * K);
		for (let s = 0; s < x.rows; s += chunk) {
			const rows = Int32Array.from({ length: Math.min(chunk, x.rows - s) }, (_, i) => s + i);
			const p = tf.tidy(() => tf.softmax(this.#logits(sliceRows(x, rows))));
			out.set(await p.data(), s * K);
			p.dispose();
		}
		return out;
	}

	dispose(): void {
		for (const v of this.#vars) v.dispose();
	}
}
