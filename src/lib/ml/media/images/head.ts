/**
 * The image classification head: multinomial logistic regression (softmax) on L2-normalised
 * embeddings, trained by full-batch gradient descent with momentum and L2 weight decay. Pure TS
 * (a few hundred × 1,280 inputs train in well under a second), so it runs the same in the worker
 * and in node tests.
 */

export interface ImageHead {
	kind: 'image-head';
	dim: number;
	classes: number;
	/** `classes × dim`, row-major. */
	w: Float32Array;
	b: Float32Array;
}

export interface HeadTrainOptions {
	epochs?: number;
	learningRate?: number;
	l2?: number;
	/** Called after each epoch; return false to stop (cancel). */
	onEpoch?: (p: { epoch: number; loss: number; accuracy: number }) => boolean | void;
}

/** Unit-length copy of `v` (zero stays zero). */
export function l2Normalize(v: ArrayLike<number>): Float32Array {
	let s = 0;
	for (let i = 0; i < v.length; i++) s += (v[i] as number) ** 2;
	const k = s > 0 ? 1 / Math.sqrt(s) : 0;
	return Float32Array.from(v, (x) => x * k);
}

/** Class probabilities of one embedding (normalised inside). */
export function headPredict(head: ImageHead, embedding: ArrayLike<number>): number[] {
	const x = l2Normalize(embedding);
	return softmax(logits(head, x));
}

function logits(head: ImageHead, x: Float32Array): number[] {
	const out: number[] = [];
	for (let c = 0; c < head.classes; c++) {
		let z = head.b[c] as number;
		const row = c * head.dim;
		for (let j = 0; j < head.dim; j++) z += (head.w[row + j] as number) * (x[j] as number);
		out.push(z);
	}
	return out;
}

function softmax(z: number[]): number[] {
	const m = Math.max(...z);
	const e = z.map((v) => Math.exp(v - m));
	const s = e.reduce((a, b) => a + b, 0);
	return e.map((v) => v / s);
}

/**
 * Trains a head on embeddings `x` with class indices `y` in `[0, classes)`. Deterministic (zero
 * initialisation). Stops early when `onEpoch` returns false.
 */
export function headTrain(
	x: readonly ArrayLike<number>[],
	y: readonly number[],
	classes: number,
	o: HeadTrainOptions = {}
): ImageHead {
	if (x.length !== y.length) throw new Error(`${x.length} embeddings but ${y.length} labels`);
	if (x.length === 0) throw new Error('No labeled images to train on');
	const dim = (x[0] as ArrayLike<number>).length;
	const xs = x.map(l2Normalize);
	const head: ImageHead = {
		kind: 'image-head',
		dim,
		classes,
		w: new Float32Array(classes * dim),
		b: new Float32Array(classes)
	};
	const vw = new Float32Array(classes * dim);
	const vb = new Float32Array(classes);
	const gw = new Float32Array(classes * dim);
	const gb = new Float32Array(classes);
	const lr = o.learningRate ?? 2;
	const l2 = o.l2 ?? 1e-4;
	const n = xs.length;
	for (let epoch = 1; epoch <= (o.epochs ?? 150); epoch++) {
		gw.fill(0);
		gb.fill(0);
		let loss = 0;
		let correct = 0;
		xs.forEach((xi, i) => {
			const p = softmax(logits(head, xi));
			const yi = y[i] as number;
			loss -= Math.log(Math.max(1e-12, p[yi] as number));
			if (p.indexOf(Math.max(...p)) === yi) correct++;
			for (let c = 0; c < classes; c++) {
				const d = (p[c] as number) - (c === yi ? 1 : 0);
				gb[c] = (gb[c] as number) + d;
				const row = c * dim;
				for (let j = 0; j < dim; j++) gw[row + j] = (gw[row + j] as number) + d * (xi[j] as number);
			}
		});
		for (let k = 0; k < gw.length; k++) {
			const g = (gw[k] as number) / n + l2 * (head.w[k] as number);
			vw[k] = 0.9 * (vw[k] as number) + g;
			head.w[k] = (head.w[k] as number) - lr * (vw[k] as number);
		}
		for (let c = 0; c < classes; c++) {
			vb[c] = 0.9 * (vb[c] as number) + (gb[c] as number) / n;
			head.b[c] = (head.b[c] as number) - lr * (vb[c] as number);
		}
		if (o.onEpoch?.({ epoch, loss: loss / n, accuracy: correct / n }) === false) break;
	}
	return head;
}
