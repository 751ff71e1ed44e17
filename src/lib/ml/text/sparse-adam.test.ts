/**
 * The typed-array trainer against TF.js's own autodiff and Adam, on dense copies of tiny batches
 * (to float32 rounding: TF.js computes the loss in float32, the trainer in float64).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, test } from 'vitest';
import type { SparseBatch } from './hashing';
import { SparseAdam } from './sparse-adam';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const DIM = 8;
const K = 3;
const H = 4;

/** Four rows that together touch every bucket, so lazy Adam must equal dense Adam. */
const x: SparseBatch = {
	rows: 4,
	dim: DIM,
	ptr: Int32Array.from([0, 3, 6, 8, 11]),
	idx: Int32Array.from([0, 2, 5, 1, 3, 7, 4, 6, 0, 1, 7]),
	val: Float32Array.from([0.5, -0.3, 0.8, 0.6, 0.6, 0.52, 0.9, 0.43, 0.2, 0.7, 0.68])
};
const y = [2, 0, 1, 2];
const rows = [0, 1, 2, 3];

function dense(b: SparseBatch): tf.Tensor2D {
	const d = new Float32Array(b.rows * b.dim);
	for (let r = 0; r < b.rows; r++)
		for (let e = b.ptr[r] as number; e < (b.ptr[r + 1] as number); e++)
			d[r * b.dim + (b.idx[e] as number)] = b.val[e] as number;
	return tf.tensor2d(d, [b.rows, b.dim]);
}

function seeded(n: number, seed: number): Float32Array {
	return tf.tidy(
		() => tf.randomUniform([n], -0.5, 0.5, 'float32', seed).dataSync() as Float32Array
	);
}

/** `steps` steps of TF.js Adam on the same loss; returns the variables' values. */
function tfReference(
	init: Float32Array[],
	shapes: number[][],
	mlp: boolean,
	steps: number,
	epsilon: number
) {
	const vars = init.map((w, i) => tf.variable(tf.tensor(w.slice(), shapes[i] as number[])));
	const opt = tf.train.adam(0.05, 0.9, 0.999, epsilon);
	const xd = dense(x);
	const onehot = tf.oneHot(tf.tensor1d(y, 'int32'), K);
	const losses: number[] = [];
	for (let s = 0; s < steps; s++) {
		const cost = opt.minimize(
			() => {
				const first = tf.add(tf.matMul(xd, vars[0] as tf.Variable), vars[1] as tf.Variable);
				const logits = mlp
					? tf.add(tf.matMul(tf.relu(first), vars[2] as tf.Variable), vars[3] as tf.Variable)
					: first;
				return tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
			},
			true,
			vars
		);
		losses.push((cost as tf.Scalar).dataSync()[0] as number);
		cost?.dispose();
	}
	const out = vars.map((v) => v.dataSync() as Float32Array);
	opt.dispose();
	for (const t of [...vars, xd, onehot]) t.dispose();
	return { weights: out, losses };
}

describe('SparseAdam', () => {
	// A larger epsilon for the MLP: Adam divides tiny gradients (dead units, cancelling sums) by
	// their own size, which would amplify float32-vs-float64 rounding into visible weight changes.
	test.each([
		['linear', false, 1e-7],
		['mlp', true, 1e-3]
	])(
		'%s: the same losses and weights as TF.js Adam when a batch touches every bucket',
		(_, mlp, epsilon) => {
			const shapes = mlp ? [[DIM, H], [H], [H, K], [K]] : [[DIM, K], [K]];
			const init = shapes.map((s, i) =>
				seeded(
					s.reduce((a, b) => a * b, 1),
					10 + i
				)
			);
			const ref = tfReference(init, shapes, mlp, 5, epsilon);
			const weights = init.map((w) => w.slice());
			const opt = new SparseAdam(
				{ dim: DIM, classes: K, width: mlp ? H : K, mlp, weights },
				{ learningRate: 0.05, epsilon }
			);
			const losses = Array.from({ length: 5 }, () => opt.step(x, rows, y));
			losses.forEach((l, i) => expect(l).toBeCloseTo(ref.losses[i] as number, 4));
			weights.forEach((w, i) =>
				w.forEach((v, j) => expect(v).toBeCloseTo((ref.weights[i] as Float32Array)[j] as number, 4))
			);
		}
	);

	test('leaves the rows of buckets a batch does not touch as they are (lazy)', () => {
		const weights = [seeded(DIM * K, 1), new Float32Array(K)];
		const before = (weights[0] as Float32Array).slice();
		const opt = new SparseAdam(
			{ dim: DIM, classes: K, width: K, mlp: false, weights },
			{ learningRate: 0.05 }
		);
		opt.step(x, [0, 1, 2, 3], y);
		opt.step(x, [2], y); // row 2 touches buckets 4 and 6 only
		const w = weights[0] as Float32Array;
		const moved = new Set<number>();
		const after1 = w.slice();
		opt.step(x, [2], y);
		for (let d = 0; d < DIM; d++)
			for (let k = 0; k < K; k++) if (w[d * K + k] !== after1[d * K + k]) moved.add(d);
		expect([...moved].sort()).toEqual([4, 6]);
		expect(w[0]).not.toBe(before[0]);
	});

	test('rejects weights of the wrong sizes', () => {
		expect(
			() =>
				new SparseAdam(
					{ dim: DIM, classes: K, width: K, mlp: false, weights: [new Float32Array(5)] },
					{ learningRate: 0.1 }
				)
		).toThrow(/expected 24, 3/);
	});
});
