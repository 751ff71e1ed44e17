/**
 * A text classifier on hashed n-gram features (hashing.ts): linear (softmax regression, fastText
 * without the hidden bottleneck) or a small MLP with one ReLU layer.
 * - The weights are TF.js variables; inference (`predictProba`, also the per-epoch validation)
 *   runs in TF.js, reading the sparse features directly (segment sums), so no backend ever builds
 *   a dense texts × buckets matrix; saving and loading go through `tf.io` (store.ts).
 * - Training runs in plain typed arrays (sparse-adam.ts): a step updates only the buckets its batch
 *   touches, which TF.js variables cannot do. The trained weights are copied into the variables
 *   after every epoch.
 * The same code runs in the worker (wasm) and in node (cpu) for tests and the bench.
 */
import * as tf from '@tensorflow/tfjs-core';
import { permutation } from './folds';
import type { SparseBatch } from './hashing';
import { sliceRows } from './hashing';
import { SparseAdam } from './sparse-adam';

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

/**
 * One CSR batch as the tensors of the embedding bag: bucket, weight and row of every entry (rows
 * without features get one zero entry, so every row has an output); `pos` is 0..n-1. Only
 * batch-sized vectors: nothing as wide as the hash space.
 */
interface SparseInputs {
	idx: tf.Tensor1D;
	val: tf.Tensor1D;
	seg: tf.Tensor1D;
	pos: tf.Tensor1D;
	dispose(): void;
}

/** The inputs of rows `from`..`to` of `x`. */
function sparseInputs(x: SparseBatch, from: number, to: number): SparseInputs {
	let n = 0;
	for (let i = from; i < to; i++) n += Math.max(1, (x.ptr[i + 1] as number) - (x.ptr[i] as number));
	const idx = new Int32Array(n);
	const val = new Float32Array(n);
	const seg = new Int32Array(n);
	const pos = new Int32Array(n);
	let j = 0;
	for (let i = from; i < to; i++) {
		const a = x.ptr[i] as number;
		const b = x.ptr[i + 1] as number;
		if (a === b) {
			pos[j] = j;
			seg[j++] = i - from;
			continue;
		}
		idx.set(x.idx.subarray(a, b), j);
		val.set(x.val.subarray(a, b), j);
		for (let k = a; k < b; k++, j++) {
			seg[j] = i - from;
			pos[j] = j;
		}
	}
	const t = {
		idx: tf.tensor1d(idx, 'int32'),
		val: tf.tensor1d(val, 'float32'),
		seg: tf.tensor1d(seg, 'int32'),
		pos: tf.tensor1d(pos, 'int32')
	};
	return {
		...t,
		dispose: () => {
			for (const x of Object.values(t)) x.dispose();
		}
	};
}

/**
 * The embedding bag `X · W` for sparse X: row r is Σ val·W[idx] over r's entries. Built from
 * SparseSegmentSum only (also used as a gather: segments 0..n-1 pick one row each), which both the
 * wasm and the cpu backend run as one tight loop; the wasm backend's Gather is ~20× slower here.
 */
function embeddingBag(w: tf.Tensor2D, s: SparseInputs): tf.Tensor2D {
	return tf.tidy(() => {
		const rows = tf.sparse.sparseSegmentSum(w, s.idx, s.pos);
		return tf.sparse.sparseSegmentSum(
			tf.mul(rows, tf.expandDims(s.val, 1)) as tf.Tensor2D,
			s.pos,
			s.seg
		) as tf.Tensor2D;
	});
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

	/** Logits of a batch; call inside `tf.tidy`. */
	#logits(s: SparseInputs): tf.Tensor2D {
		const v = this.#vars as [tf.Variable, tf.Variable, ...tf.Variable[]];
		const first = tf.add(embeddingBag(v[0] as tf.Tensor2D, s), v[1]) as tf.Tensor2D;
		if (this.config.kind === 'linear') return first;
		const [, , w2, b2] = v as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
		return tf.add(tf.matMul(tf.relu(first), w2), b2) as tf.Tensor2D;
	}

	/**
	 * Trains on `x` with class indices `y`; returns the last epoch's figures. The weights are
	 * trained in typed arrays (sparse-adam.ts) and copied into the TF.js variables after each epoch.
	 */
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
		const weights = this.#vars.map((v) => v.dataSync() as Float32Array).map((w) => w.slice());
		const opt = new SparseAdam(
			{
				dim: this.config.dim,
				classes: K,
				width: this.config.kind === 'linear' ? K : this.config.hidden,
				mlp: this.config.kind === 'mlp',
				weights
			},
			{ learningRate: o.learningRate }
		);
		const valX = nVal > 0 ? sliceRows(x, valRows) : undefined;
		let loss = NaN;
		let valAccuracy: number | undefined;
		const rows = new Int32Array(o.batchSize);
		for (let epoch = 1; epoch <= o.epochs; epoch++) {
			const perm = permutation(trainRows.length, o.seed * 7919 + epoch);
			let sum = 0;
			let batches = 0;
			for (let s = 0; s < trainRows.length; s += o.batchSize) {
				const n = Math.min(o.batchSize, trainRows.length - s);
				for (let i = 0; i < n; i++) rows[i] = trainRows[perm[s + i] as number] as number;
				sum += opt.step(x, rows.subarray(0, n), y);
				batches++;
				await o.onBatch?.();
			}
			loss = sum / Math.max(1, batches);
			this.#assign(weights);
			if (valX) {
				const p = await this.predictProba(valX);
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
		return { epochs: o.epochs, loss, valAccuracy, trainRows: trainRows.length, valRows: nVal };
	}

	/** Copies trained weights (in the variables' order and shapes) into the variables. */
	#assign(weights: Float32Array[]): void {
		this.#vars.forEach((v, i) =>
			tf.tidy(() => v.assign(tf.tensor((weights[i] as Float32Array).slice(), v.shape, 'float32')))
		);
	}

	/** Class probabilities, rows × classes row-major. */
	async predictProba(x: SparseBatch, chunk = 512): Promise<Float32Array> {
		const K = this.config.classes;
		const out = new Float32Array(x.rows * K);
		for (let s = 0; s < x.rows; s += chunk) {
			const inputs = sparseInputs(x, s, Math.min(x.rows, s + chunk));
			const p = tf.tidy(() => tf.softmax(this.#logits(inputs)));
			inputs.dispose();
			out.set(await p.data(), s * K);
			p.dispose();
		}
		return out;
	}

	dispose(): void {
		for (const v of this.#vars) v.dispose();
	}
}
