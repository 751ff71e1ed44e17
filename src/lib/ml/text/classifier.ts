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

/** Scratch for the counting sort in `sparseInputs` (one count per bucket), reused across batches. */
let bucketCounts: Int32Array | undefined;

/**
 * One CSR batch as the tensors of the embedding bag, built in one pass over the batch:
 * - `idx`/`val`/`seg`: bucket, weight and row of every entry (rows without features get one zero
 *   entry, so every row has an output); `pos` is 0..n-1;
 * - `order`/`bucket`: the entries sorted by bucket (a counting sort), for the backward pass.
 * Only batch-sized int/float vectors: nothing as wide as the hash space.
 */
interface SparseInputs {
	idx: tf.Tensor1D;
	val: tf.Tensor1D;
	seg: tf.Tensor1D;
	pos: tf.Tensor1D;
	order: tf.Tensor1D;
	bucket: tf.Tensor1D;
	dispose(): void;
}

/** The inputs of rows `which` of `x` (all rows when omitted). */
function sparseInputs(x: SparseBatch, which?: ArrayLike<number>): SparseInputs {
	const rows = which ? which.length : x.rows;
	const rowOf = (r: number) => (which ? (which[r] as number) : r);
	let n = 0;
	for (let r = 0; r < rows; r++) {
		const i = rowOf(r);
		n += Math.max(1, (x.ptr[i + 1] as number) - (x.ptr[i] as number));
	}
	const idx = new Int32Array(n);
	const val = new Float32Array(n);
	const seg = new Int32Array(n);
	const pos = new Int32Array(n);
	let j = 0;
	for (let r = 0; r < rows; r++) {
		const i = rowOf(r);
		const from = x.ptr[i] as number;
		const to = x.ptr[i + 1] as number;
		if (from === to) {
			pos[j] = j;
			seg[j++] = r;
			continue;
		}
		idx.set(x.idx.subarray(from, to), j);
		val.set(x.val.subarray(from, to), j);
		for (let k = from; k < to; k++, j++) {
			seg[j] = r;
			pos[j] = j;
		}
	}
	const dim = x.dim;
	// Counting sort of the entries by bucket.
	if (!bucketCounts || bucketCounts.length < dim + 1) bucketCounts = new Int32Array(dim + 1);
	const start = bucketCounts;
	start.fill(0, 0, dim + 1);
	for (let i = 0; i < n; i++) {
		const d = (idx[i] as number) + 1;
		start[d] = (start[d] as number) + 1;
	}
	for (let d = 0; d < dim; d++) start[d + 1] = (start[d + 1] as number) + (start[d] as number);
	const order = new Int32Array(n);
	const bucket = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		const d = idx[i] as number;
		const at = start[d] as number;
		start[d] = at + 1;
		order[at] = i;
		bucket[at] = d;
	}
	const t = {
		idx: tf.tensor1d(idx, 'int32'),
		val: tf.tensor1d(val, 'float32'),
		seg: tf.tensor1d(seg, 'int32'),
		pos: tf.tensor1d(pos, 'int32'),
		order: tf.tensor1d(order, 'int32'),
		bucket: tf.tensor1d(bucket, 'int32')
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
 * The gradient for W is a scatter-add written the same way: the entries' row gradients summed per
 * bucket (entries sorted by bucket), then padded to the full table.
 */
function embeddingBag(w: tf.Variable, s: SparseInputs): tf.Tensor2D {
	const dim = w.shape[0] as number;
	const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
		const wt = args[0] as tf.Tensor;
		const value = tf.tidy(() => {
			const rows = tf.sparse.sparseSegmentSum(wt as tf.Tensor2D, s.idx, s.pos);
			return tf.sparse.sparseSegmentSum(tf.mul(rows, tf.expandDims(s.val, 1)), s.pos, s.seg);
		});
		return {
			value,
			gradFunc: (dy: tf.Tensor) =>
				tf.tidy(() => {
					const perEntry = tf.mul(
						tf.sparse.sparseSegmentSum(dy as tf.Tensor2D, s.seg, s.pos),
						tf.expandDims(s.val, 1)
					);
					const g = tf.sparse.sparseSegmentSum(perEntry, s.order, s.bucket);
					const short = dim - (g.shape[0] as number);
					return short > 0
						? tf.pad(g, [
								[0, short],
								[0, 0]
							])
						: g;
				})
		};
	});
	return f(w) as tf.Tensor2D;
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

	/** Logits of a batch; call inside `tf.tidy` or an optimizer step. */
	#logits(s: SparseInputs): tf.Tensor2D {
		const v = this.#vars as [tf.Variable, tf.Variable, ...tf.Variable[]];
		const first = tf.add(embeddingBag(v[0], s), v[1]) as tf.Tensor2D;
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
					const inputs = sparseInputs(x, rows);
					const labels = Int32Array.from(rows, (r) => y[r] as number);
					const cost = opt.minimize(
						() => {
							const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), K);
							return tf.losses.softmaxCrossEntropy(onehot, this.#logits(inputs)) as tf.Scalar;
						},
						true,
						this.#vars
					);
					inputs.dispose();
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
			const inputs = sparseInputs(x, rows);
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
