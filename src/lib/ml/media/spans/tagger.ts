/**
 * A token tagger for spans (NER, keywords): an averaged perceptron (Collins 2002) over hashed
 * token features (features.ts) plus the previous tag, decoded greedily left to right with BIO
 * transitions constrained, then decoded to character spans (bio.ts). Pure and deterministic: the
 * same documents and seed give the same weights. Runs in a worker or in node.
 */
import { tokenBounds } from '$lib/core/geometry/spans';
import { rngFrom } from '$lib/core/quality/rng';
import { bioDecodeTokens, bioEncode, bioLabel, type BioTag, type LabeledRange } from './bio';
import { featureIndex, tokenFeatures } from './features';

export interface TaggerDoc {
	text: string;
	spans: readonly LabeledRange[];
}

/** Trained weights; plain data, structured-cloneable. */
export interface TaggerModel {
	kind: 'span-tagger';
	dim: number;
	/** `O`, then `B-x`, `I-x` for every label seen. */
	tags: BioTag[];
	/** `dim × tags.length`, row-major by feature. */
	weights: Float32Array;
}

export interface TaggerOptions {
	/** Hash buckets (default 2^18). */
	dim?: number;
	epochs?: number;
	seed?: number;
}

export interface TaggedSpan extends LabeledRange {
	/** Lowest per-token softmax probability of the span's tags, 0–1. */
	confidence: number;
}

/** Whether `tag` may follow `prev` in IOB2 (`I-x` only after `B-x`/`I-x`). */
export function bioAllowed(prev: BioTag, tag: BioTag): boolean {
	if (!tag.startsWith('I-')) return true;
	return bioLabel(prev) === tag.slice(2);
}

interface Prepared {
	words: string[];
	bounds: { start: number; end: number }[];
	feats: number[][];
}

function prepare(text: string, dim: number): Prepared {
	const bounds = tokenBounds(text);
	const words = bounds.map((b) => text.slice(b.start, b.end));
	return { words, bounds, feats: words.map((_, i) => tokenFeatures(words, i, dim)) };
}

function scoresOf(
	w: Float32Array,
	nTags: number,
	feats: readonly number[],
	prevFeat: number,
	out: Float64Array
): void {
	out.fill(0);
	for (const f of [...feats, prevFeat]) {
		const row = f * nTags;
		for (let k = 0; k < nTags; k++) out[k] = (out[k] as number) + (w[row + k] as number);
	}
}

function bestAllowed(scores: Float64Array, tags: readonly BioTag[], prev: BioTag): number {
	let best = 0;
	let bestScore = -Infinity;
	for (let k = 0; k < tags.length; k++) {
		if (!bioAllowed(prev, tags[k] as BioTag)) continue;
		if ((scores[k] as number) > bestScore) {
			bestScore = scores[k] as number;
			best = k;
		}
	}
	return best;
}

/** Trains the tagger on labeled documents (spans may be empty: negative examples). */
export function taggerTrain(docs: readonly TaggerDoc[], options: TaggerOptions = {}): TaggerModel {
	const dim = options.dim ?? 1 << 18;
	const epochs = options.epochs ?? 8;
	const rng = rngFrom(options.seed ?? 1);
	const labels = [...new Set(docs.flatMap((d) => d.spans.map((s) => s.label)))].sort();
	const tags: BioTag[] = ['O', ...labels.flatMap((l) => ['B-' + l, 'I-' + l])];
	const tagIndex = new Map(tags.map((t, i) => [t, i]));
	const n = tags.length;
	const w = new Float32Array(dim * n);
	// Averaging by timestamps: `total` accumulates each weight's value over the steps it held it.
	const total = new Float64Array(dim * n);
	const stamp = new Float64Array(dim * n);
	let step = 0;
	const bump = (i: number, by: number) => {
		total[i] = (total[i] as number) + (step - (stamp[i] as number)) * (w[i] as number);
		stamp[i] = step;
		w[i] = (w[i] as number) + by;
	};
	const prepared = docs.map((d) => {
		const p = prepare(d.text, dim);
		const gold = bioEncode(p.bounds, d.spans).map((t) => tagIndex.get(t) ?? 0);
		return { ...p, gold };
	});
	const scores = new Float64Array(n);
	const order = prepared.map((_, i) => i);
	for (let e = 0; e < epochs; e++) {
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(rng() * (i + 1));
			[order[i], order[j]] = [order[j] as number, order[i] as number];
		}
		for (const di of order) {
			const d = prepared[di] as (typeof prepared)[number];
			let prev: BioTag = 'O';
			d.feats.forEach((feats, t) => {
				step++;
				// Train on the gold previous tag (teacher forcing): stable and fast to converge.
				const prevFeat = featureIndex('pt=' + prev, dim);
				scoresOf(w, n, feats, prevFeat, scores);
				const guess = bestAllowed(scores, tags, prev);
				const gold = d.gold[t] as number;
				if (guess !== gold) {
					for (const f of [...feats, prevFeat]) {
						bump(f * n + gold, 1);
						bump(f * n + guess, -1);
					}
				}
				prev = tags[gold] as BioTag;
			});
		}
	}
	const avg = new Float32Array(dim * n);
	if (step > 0)
		for (let i = 0; i < avg.length; i++)
			avg[i] = ((total[i] as number) + (step - (stamp[i] as number)) * (w[i] as number)) / step;
	return { kind: 'span-tagger', dim, tags, weights: avg };
}

/** Tags of the text's tokens, greedily, each with its softmax probability. */
export function taggerTag(
	model: TaggerModel,
	text: string
): { bounds: { start: number; end: number }[]; tags: BioTag[]; probs: number[] } {
	const { bounds, feats } = prepare(text, model.dim);
	const n = model.tags.length;
	const scores = new Float64Array(n);
	const tags: BioTag[] = [];
	const probs: number[] = [];
	let prev: BioTag = 'O';
	for (const f of feats) {
		scoresOf(model.weights, n, f, featureIndex('pt=' + prev, model.dim), scores);
		const k = bestAllowed(scores, model.tags, prev);
		let z = 0;
		const top = scores[k] as number;
		for (let j = 0; j < n; j++)
			if (bioAllowed(prev, model.tags[j] as BioTag)) z += Math.exp((scores[j] as number) - top);
		prev = model.tags[k] as BioTag;
		tags.push(prev);
		probs.push(1 / z);
	}
	return { bounds, tags, probs };
}

/** Spans the tagger finds in `text`, each with a confidence. */
export function taggerPredict(model: TaggerModel, text: string): TaggedSpan[] {
	const { bounds, tags, probs } = taggerTag(model, text);
	return bioDecodeTokens(tags).map((r) => ({
		start: (bounds[r.first] as { start: number }).start,
		end: (bounds[r.last] as { end: number }).end,
		label: r.label,
		confidence: Math.min(...probs.slice(r.first, r.last + 1))
	}));
}
