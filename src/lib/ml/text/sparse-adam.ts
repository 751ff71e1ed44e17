/**
 * Mini-batch training of the text classifier in plain typed arrays (no TF.js): softmax cross
 * entropy on the sparse hashed features, the gradient written by hand, and Adam that updates the
 * first layer's rows only for the buckets the batch touches ("lazy Adam", as TensorFlow Addons'
 * LazyAdam; the small dense layers get ordinary Adam). A batch of 128 texts touches a few percent
 * of the 2^18 buckets, so a step costs about the batch's nonzeros × width instead of the whole
 * table three times over (TF.js variables can only be updated whole). The weights live in
 * Float32Arrays laid out as TF.js's row-major tensors, so the model copies them into its TF.js
 * variables for inference and saving (classifier.ts).
 */
import type { SparseBatch } from './hashing';

export interface SparseAdamOptions {
	learningRate: number;
	beta1: number;
	beta2: number;
	epsilon: number;
}

/** TF.js's `tf.train.adam` defaults (epsilon is the backends' 1e-7). */
export const ADAM_DEFAULTS: Omit<SparseAdamOptions, 'learningRate'> = {
	beta1: 0.9,
	beta2: 0.999,
	epsilon: 1e-7
};

/**
 * The weights being trained, row-major: linear `[w (dim×K), b (K)]`, or MLP
 * `[w1 (dim×H), b1 (H), w2 (H×K), b2 (K)]`. Updated in place.
 */
export interface SparseModel {
	dim: number;
	classes: number;
	/** Width of the first layer: K (linear) or H (MLP). */
	width: number;
	mlp: boolean;
	weights: Float32Array[];
}

export class SparseAdam {
	readonly model: SparseModel;
	readonly options: SparseAdamOptions;
	#m: Float32Array[];
	#v: Float32Array[];
	#grad: Float32Array[];
	#step = 0;
	/** Buckets the current batch touches, and a mark per bucket. */
	#touched: Int32Array;
	#mark: Uint8Array;

	constructor(model: SparseModel, options: Partial<SparseAdamOptions> & { learningRate: number }) {
		const { dim, width, classes, mlp, weights } = model;
		const sizes = mlp ? [dim * width, width, width * classes, classes] : [dim * classes, classes];
		if (weights.length !== sizes.length || weights.some((w, i) => w.length !== sizes[i]))
			throw new Error(
				`Weights of sizes ${weights.map((w) => w.length).join(', ')}, expected ${sizes.join(', ')}`
			);
		this.model = model;
		this.options = { ...ADAM_DEFAULTS, ...options };
		this.#m = sizes.map((n) => new Float32Array(n));
		this.#v = sizes.map((n) => new Float32Array(n));
		this.#grad = sizes.map((n) => new Float32Array(n));
		this.#touched = new Int32Array(dim);
		this.#mark = new Uint8Array(dim);
	}

	/**
	 * One optimizer step on rows `rows` of `x` with class indices `y` (indexed by row of `x`);
	 * returns the batch's mean cross-entropy before the step.
	 */
	step(x: SparseBatch, rows: ArrayLike<number>, y: ArrayLike<number>): number {
		const { width: F, classes: K, mlp } = this.model;
		const B = rows.length;
		const [w1, b1, w2, b2] = this.model.weights as [
			Float32Array,
			Float32Array,
			Float32Array?,
			Float32Array?
		];
		const { ptr, idx, val } = x;
		// Forward: z = x·w1 + b1 (B×F); logits = z (linear) or relu(z)·w2 + b2 (B×K).
		const z = new Float32Array(B * F);
		for (let r = 0; r < B; r++) {
			const row = rows[r] as number;
			const o = r * F;
			for (let f = 0; f < F; f++) z[o + f] = b1[f] as number;
			const start = ptr[row] as number;
			const end = ptr[row + 1] as number;
			if (F === 2) {
				// Two classes (the common case), with the sums in registers.
				let z0 = z[o] as number;
				let z1 = z[o + 1] as number;
				for (let e = start; e < end; e++) {
					const at = (idx[e] as number) << 1;
					const v = val[e] as number;
					z0 += v * (w1[at] as number);
					z1 += v * (w1[at + 1] as number);
				}
				z[o] = z0;
				z[o + 1] = z1;
				continue;
			}
			for (let e = start; e < end; e++) {
				const at = (idx[e] as number) * F;
				const v = val[e] as number;
				for (let f = 0; f < F; f++) z[o + f] = (z[o + f] as number) + v * (w1[at + f] as number);
			}
		}
		let logits = z;
		if (mlp) {
			logits = new Float32Array(B * K);
			for (let r = 0; r < B; r++)
				for (let k = 0; k < K; k++) {
					let s = b2![k] as number;
					for (let f = 0; f < F; f++)
						s += Math.max(0, z[r * F + f] as number) * (w2![f * K + k] as number);
					logits[r * K + k] = s;
				}
		}
		// Softmax cross entropy, mean over the batch; dl = (p − onehot) / B.
		let loss = 0;
		const dl = new Float32Array(B * K);
		for (let r = 0; r < B; r++) {
			const o = r * K;
			let max = -Infinity;
			for (let k = 0; k < K; k++) max = Math.max(max, logits[o + k] as number);
			let sum = 0;
			for (let k = 0; k < K; k++) sum += Math.exp((logits[o + k] as number) - max);
			const label = y[rows[r] as number] as number;
			loss += Math.log(sum) + max - (logits[o + label] as number);
			for (let k = 0; k < K; k++)
				dl[o + k] = (Math.exp((logits[o + k] as number) - max) / sum - (k === label ? 1 : 0)) / B;
		}
		// Backward to dz (B×F) and the dense layers' gradients.
		let dz = dl;
		const [gw1, gb1, gw2, gb2] = this.#grad as [
			Float32Array,
			Float32Array,
			Float32Array?,
			Float32Array?
		];
		if (mlp) {
			dz = new Float32Array(B * F);
			gw2!.fill(0);
			gb2!.fill(0);
			for (let r = 0; r < B; r++)
				for (let f = 0; f < F; f++) {
					const zf = z[r * F + f] as number;
					let s = 0;
					for (let k = 0; k < K; k++) {
						const d = dl[r * K + k] as number;
						if (zf > 0) gw2![f * K + k] = (gw2![f * K + k] as number) + zf * d;
						s += d * (w2![f * K + k] as number);
					}
					dz[r * F + f] = zf > 0 ? s : 0;
				}
			for (let r = 0; r < B; r++)
				for (let k = 0; k < K; k++) gb2![k] = (gb2![k] as number) + (dl[r * K + k] as number);
		}
		gb1.fill(0);
		for (let r = 0; r < B; r++)
			for (let f = 0; f < F; f++) gb1[f] = (gb1[f] as number) + (dz[r * F + f] as number);
		// The first layer's gradient, scattered into the buckets the batch touches.
		const mark = this.#mark;
		const touched = this.#touched;
		let nt = 0;
		for (let r = 0; r < B; r++) {
			const row = rows[r] as number;
			const o = r * F;
			if (F === 2) {
				const d0 = dz[o] as number;
				const d1 = dz[o + 1] as number;
				for (let e = ptr[row] as number, end = ptr[row + 1] as number; e < end; e++) {
					const d = idx[e] as number;
					if (mark[d] === 0) {
						mark[d] = 1;
						touched[nt++] = d;
					}
					const v = val[e] as number;
					gw1[d << 1] = (gw1[d << 1] as number) + v * d0;
					gw1[(d << 1) + 1] = (gw1[(d << 1) + 1] as number) + v * d1;
				}
				continue;
			}
			for (let e = ptr[row] as number, end = ptr[row + 1] as number; e < end; e++) {
				const d = idx[e] as number;
				if (mark[d] === 0) {
					mark[d] = 1;
					touched[nt++] = d;
				}
				const at = d * F;
				const v = val[e] as number;
				for (let f = 0; f < F; f++)
					gw1[at + f] = (gw1[at + f] as number) + v * (dz[o + f] as number);
			}
		}
		// Adam as TF.js computes it: w −= lr · m̂ / (√v̂ + ε), m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t).
		const { learningRate, beta1, beta2, epsilon } = this.options;
		const t = ++this.#step;
		const lr = learningRate / (1 - beta1 ** t);
		const vScale = 1 / (1 - beta2 ** t);
		const [m1, v1] = [this.#m[0] as Float32Array, this.#v[0] as Float32Array];
		const c1 = 1 - beta1;
		const c2 = 1 - beta2;
		for (let i = 0; i < nt; i++) {
			const d = touched[i] as number;
			mark[d] = 0;
			for (let at = d * F, end = at + F; at < end; at++) {
				const g = gw1[at] as number;
				gw1[at] = 0;
				const m = beta1 * (m1[at] as number) + c1 * g;
				const v = beta2 * (v1[at] as number) + c2 * g * g;
				m1[at] = m;
				v1[at] = v;
				w1[at] = (w1[at] as number) - (lr * m) / (Math.sqrt(v * vScale) + epsilon);
			}
		}
		for (let p = 1; p < this.#grad.length; p++) {
			const w = this.model.weights[p] as Float32Array;
			const g = this.#grad[p] as Float32Array;
			const mp = this.#m[p] as Float32Array;
			const vp = this.#v[p] as Float32Array;
			for (let i = 0; i < w.length; i++) {
				const gi = g[i] as number;
				const m = beta1 * (mp[i] as number) + (1 - beta1) * gi;
				const v = beta2 * (vp[i] as number) + (1 - beta2) * gi * gi;
				mp[i] = m;
				vp[i] = v;
				w[i] = (w[i] as number) - (lr * m) / (Math.sqrt(v * vScale) + epsilon);
			}
		}
		return loss / B;
	}
}
