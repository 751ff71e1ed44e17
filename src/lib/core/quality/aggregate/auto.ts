/**
 * `auto`: picks an aggregation method for a dataset by held-out likelihood, and says why.
 *
 * The answers are split into folds (seeded; each item's answers spread over the folds, so an item
 * with several answers keeps some in training). For every candidate method and fold the method
 * runs on the training answers; each held-out answer (item i, annotator w, label l) is then
 * scored by log Σₜ post_i(t) · C_w(t, l), where post_i is the method's posterior for the item and
 * C_w the annotator's confusion estimated from the training answers against those posteriors
 * (soft counts shrunk towards the pooled confusion of every annotator; an annotator absent from
 * training gets the pooled one). Held-out answers of items that had no training answer are not
 * scored, for any method. The candidate with the highest mean log-likelihood per held-out answer
 * wins (a tie goes to the one listed first, the simpler); the winner then runs on every answer.
 *
 * Every method is scored by the same worker model, so what is compared is how well each one's
 * consensus predicts answers it never saw: the cross-validated predictive check of Dawid and
 * Skene's model (Dawid & Skene, 1979) applied to every method's posteriors.
 */
import { aggregateEncoded } from './index';
import { rngFrom } from '../rng';
import type { AggregateMethod, AggregateOptions, AggregateResult, EncodedAnswers } from './types';

/** Shrinkage of each annotator's confusion towards the pooled one, in pseudo-answers per class. */
const SHRINK = 2;

export interface AutoScore {
	method: AggregateMethod;
	/** Mean log-likelihood per held-out answer (higher is better); −Infinity if it failed. */
	perAnswer: number;
}

export interface AutoChoice {
	method: AggregateMethod;
	/** Candidates, best first. */
	scores: AutoScore[];
	/** Held-out answers scored, and the folds. */
	heldOut: number;
	folds: number;
}

export interface AutoOptions extends AggregateOptions {
	/** Folds of the answers (default 5). */
	folds?: number;
	/** Methods to choose from (default: every method that fits the classes). */
	candidates?: readonly AggregateMethod[];
}

/** The default candidates: KOS only for two classes; one-coin is the same as DS with one skill. */
export function autoCandidates(classes: number): AggregateMethod[] {
	const all: AggregateMethod[] = ['mv', 'wawa', 'zbs', 'ds', 'onecoin', 'glad', 'mace'];
	return classes === 2 ? [...all, 'kos'] : all;
}

/** The rows of `enc` kept by `keep`, encoded with the same classes. */
function subset(enc: EncodedAnswers, keep: (a: number) => boolean): EncodedAnswers {
	const rows: number[] = [];
	for (let a = 0; a < enc.item.length; a++) if (keep(a)) rows.push(a);
	const itemMap = new Map<number, number>();
	const workerMap = new Map<number, number>();
	const items: string[] = [];
	const workers: string[] = [];
	const n = rows.length;
	const out: EncodedAnswers = {
		items,
		workers,
		classes: enc.classes,
		item: new Int32Array(n),
		worker: new Int32Array(n),
		label: new Int32Array(n)
	};
	rows.forEach((a, j) => {
		const i = enc.item[a] as number;
		const w = enc.worker[a] as number;
		if (!itemMap.has(i)) itemMap.set(i, items.push(enc.items[i] as string) - 1);
		if (!workerMap.has(w)) workerMap.set(w, workers.push(enc.workers[w] as string) - 1);
		out.item[j] = itemMap.get(i) as number;
		out.worker[j] = workerMap.get(w) as number;
		out.label[j] = enc.label[a] as number;
	});
	return out;
}

/** Fold of every answer: each item's answers, in a seeded order, dealt round the folds. */
export function answerFolds(enc: EncodedAnswers, folds: number, seed = 0): Int32Array {
	const rng = rngFrom(seed);
	const byItem: number[][] = enc.items.map(() => []);
	for (let a = 0; a < enc.item.length; a++) byItem[enc.item[a] as number]?.push(a);
	const fold = new Int32Array(enc.item.length);
	for (const rows of byItem) {
		for (let k = rows.length - 1; k > 0; k--) {
			const j = Math.floor(rng() * (k + 1));
			[rows[k], rows[j]] = [rows[j] as number, rows[k] as number];
		}
		const offset = Math.floor(rng() * folds);
		rows.forEach((a, k) => (fold[a] = (offset + k) % folds));
	}
	return fold;
}

/**
 * Log-likelihood of the held-out answers `test` under `fit` (trained on `train`, whose rows are
 * the answers of `enc` not in `test`); answers of items the fit has no posterior for are skipped.
 */
function heldOutLogLik(
	enc: EncodedAnswers,
	train: EncodedAnswers,
	fit: AggregateResult,
	test: number[]
): { sum: number; count: number } {
	const K = enc.classes.length;
	const row = new Map(fit.items.map((item, i) => [item, i]));
	const post = (item: string) => {
		const i = row.get(item);
		return i === undefined ? undefined : fit.posteriors.subarray(i * K, (i + 1) * K);
	};
	// Soft confusion counts per training annotator, and pooled.
	const counts = new Map<string, Float64Array>();
	const pooled = new Float64Array(K * K).fill(1 / K);
	for (let a = 0; a < train.item.length; a++) {
		const p = post(train.items[train.item[a] as number] as string);
		if (!p) continue;
		const w = train.workers[train.worker[a] as number] as string;
		let c = counts.get(w);
		if (!c) counts.set(w, (c = new Float64Array(K * K)));
		const l = train.label[a] as number;
		for (let t = 0; t < K; t++) {
			c[t * K + l] = (c[t * K + l] as number) + (p[t] as number);
			pooled[t * K + l] = (pooled[t * K + l] as number) + (p[t] as number);
		}
	}
	const normalise = (c: Float64Array, prior?: Float64Array) => {
		const out = new Float64Array(K * K);
		for (let t = 0; t < K; t++) {
			let total = 0;
			for (let l = 0; l < K; l++)
				total += (c[t * K + l] as number) + (prior ? SHRINK * (prior[t * K + l] as number) : 0);
			for (let l = 0; l < K; l++)
				out[t * K + l] =
					((c[t * K + l] as number) + (prior ? SHRINK * (prior[t * K + l] as number) : 0)) / total;
		}
		return out;
	};
	const pooledConf = normalise(pooled);
	const conf = new Map([...counts].map(([w, c]) => [w, normalise(c, pooledConf)]));
	let sum = 0;
	let count = 0;
	for (const a of test) {
		const p = post(enc.items[enc.item[a] as number] as string);
		if (!p) continue;
		const c = conf.get(enc.workers[enc.worker[a] as number] as string) ?? pooledConf;
		const l = enc.label[a] as number;
		let like = 0;
		for (let t = 0; t < K; t++) like += (p[t] as number) * (c[t * K + l] as number);
		sum += Math.log(Math.max(like, 1e-300));
		count++;
	}
	return { sum, count };
}

/** Scores every candidate by held-out likelihood and runs the best on every answer. */
export function aggregateAuto(
	enc: EncodedAnswers,
	options: AutoOptions = {}
): { result: AggregateResult; choice: AutoChoice } {
	const folds = Math.max(2, options.folds ?? 5);
	const candidates = options.candidates ?? autoCandidates(enc.classes.length);
	const fold = answerFolds(enc, folds, options.seed ?? 0);
	const tests = Array.from({ length: folds }, () => [] as number[]);
	fold.forEach((f, a) => tests[f]?.push(a));
	const trains = tests.map((_, f) => subset(enc, (a) => fold[a] !== f));
	let heldOut = 0;
	const scores: AutoScore[] = candidates.map((method) => {
		let sum = 0;
		let count = 0;
		try {
			for (let f = 0; f < folds; f++) {
				const train = trains[f] as EncodedAnswers;
				const fit = aggregateEncoded(train, method, options);
				const s = heldOutLogLik(enc, train, fit, tests[f] as number[]);
				sum += s.sum;
				count += s.count;
			}
		} catch {
			return { method, perAnswer: -Infinity };
		}
		heldOut = Math.max(heldOut, count);
		return { method, perAnswer: count ? sum / count : -Infinity };
	});
	const ranked = scores
		.map((s, i) => ({ s, i }))
		.sort((a, b) => b.s.perAnswer - a.s.perAnswer || a.i - b.i)
		.map((x) => x.s);
	const best = ranked[0]?.method ?? 'mv';
	return {
		result: aggregateEncoded(enc, best, options),
		choice: { method: best, scores: ranked, heldOut, folds }
	};
}

/** One line on why `auto` chose its method, with the runner-up's score. */
export function autoExplain(choice: AutoChoice, names: Record<string, string> = {}): string {
	const name = (m: string) => names[m] ?? m;
	const [best, next] = choice.scores;
	if (!best) return 'auto: no method could be scored';
	const f = (x: number) => x.toFixed(4);
	const runner = next ? `; next ${name(next.method)} ${f(next.perAnswer)}` : '';
	return `auto chose ${name(best.method)}: it predicts held-out answers best (mean log-likelihood ${f(best.perAnswer)} per answer over ${choice.heldOut} answers in ${choice.folds} folds${runner})`;
}
