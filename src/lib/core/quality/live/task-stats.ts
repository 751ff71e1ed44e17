/**
 * Live quality figures of one classification task, kept up to date answer by answer (issue 8's
 * dashboard and consensus). Every figure is a sum over items, so changing one answer subtracts the
 * item's old contribution and adds its new one: O(annotators of that item²), never a full pass.
 *
 * - Krippendorff's α (nominal) from the coincidence matrix (Krippendorff 2011, §C):
 *   o_ck = Σ_u Σ_{pairs in u} [c,k] / (m_u − 1), α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.
 * - Fleiss' κ from Σ_u P_u and the category totals over items with ≥ 2 answers (Fleiss 1971).
 * - Cohen's κ per annotator pair from a contingency table per pair (Cohen 1960).
 * - Per-label specific agreement: Σ_u n_uL (n_uL − 1) / Σ_u n_uL (m_u − 1).
 * - Majority-vote consensus per item: the top label, its share of the item's answers, and the
 *   status: `pending` until `overlap` answers, then `accepted` at or above `threshold`, else
 *   `review` (ties always go to review).
 */
import { cohenKappaFromTable } from '../agreement/cohen';

export interface LiveAnswer {
	item: string;
	annotator: string;
	/** The answer as one category (a label id, or a multi-label set's key). */
	label: string;
	savedAt: number;
	ms: number;
}

export type ConsensusStatus = 'pending' | 'accepted' | 'review';

export interface ItemConsensus {
	item: string;
	/** The majority label (first in label order among ties). */
	label: string;
	/** Share of the item's answers that gave `label`, 0–1. */
	agreement: number;
	answers: number;
	tie: boolean;
	status: ConsensusStatus;
}

export interface PairKappa {
	a: string;
	b: string;
	items: number;
	percent: number;
	kappa: number;
}

export interface AnnotatorFigures {
	annotator: string;
	answers: number;
	/** Answers that equal the item's majority label, among items with ≥ 2 answers. */
	agreeWithMajority: number;
	comparable: number;
	msTotal: number;
	first: number;
	last: number;
}

export interface TaskStatsOptions {
	/** Category order for tables (labels first seen later are appended). */
	labels?: readonly string[];
	overlap: number;
	threshold: number;
}

/** Time-per-answer histogram bin edges in ms: ≤ 1 s, 2 s, 4 s … 256 s, more. */
export const MS_BINS: readonly number[] = [1e3, 2e3, 4e3, 8e3, 16e3, 32e3, 64e3, 128e3, 256e3];

const DAY = 86_400_000;
const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

interface ItemState {
	/** annotator → answer */
	answers: Map<string, LiveAnswer>;
}

export class TaskStats {
	#overlap: number;
	#threshold: number;
	#cats: string[] = [];
	#catIndex = new Map<string, number>();
	#items = new Map<string, ItemState>();

	// Sums over items (see the file comment).
	#labelCounts: number[] = [];
	#coincidence = new Map<number, number>(); // c * 4096 + k → o_ck
	#pairableValues = 0; // n = Σ m_u over items with m_u ≥ 2
	#fleissSumP = 0;
	#fleissItems = 0;
	#fleissTotals: number[] = [];
	#specificAgree: number[] = [];
	#specificPairs: number[] = [];
	#pairs = new Map<string, { a: string; b: string; table: Map<number, number>; items: number }>();
	#annotators = new Map<string, AnnotatorFigures>();
	#perDay = new Map<number, Map<string, number>>();
	#msBins = new Array<number>(MS_BINS.length + 1).fill(0);
	#consensus = new Map<string, ItemConsensus>();
	#status = { pending: 0, accepted: 0, review: 0 };
	#answers = 0;

	constructor(opts: TaskStatsOptions) {
		this.#overlap = Math.max(1, opts.overlap);
		this.#threshold = opts.threshold;
		for (const l of opts.labels ?? []) this.#cat(l);
	}

	get threshold(): number {
		return this.#threshold;
	}

	get overlap(): number {
		return this.#overlap;
	}

	get categories(): readonly string[] {
		return this.#cats;
	}

	get answerCount(): number {
		return this.#answers;
	}

	get itemCount(): number {
		return this.#items.size;
	}

	/**
	 * Loads many answers at once: each item's sums are added once, not once per answer. Equivalent
	 * to calling `set` for each (later answers of the same annotator and item win).
	 */
	load(answers: Iterable<LiveAnswer>): void {
		const touched = new Map<string, ItemState>();
		for (const a of answers) {
			let st = touched.get(a.item);
			if (!st) {
				st = this.#items.get(a.item) ?? { answers: new Map() };
				if (!this.#items.has(a.item)) this.#items.set(a.item, st);
				this.#itemOut(a.item, st);
				touched.set(a.item, st);
			}
			const old = st.answers.get(a.annotator);
			if (old) this.#answerOut(old);
			st.answers.set(a.annotator, a);
			this.#answerIn(a);
		}
		for (const [item, st] of touched) this.#itemIn(item, st);
	}

	/** Adds an answer, or replaces the annotator's previous answer on that item. */
	set(a: LiveAnswer): void {
		const st = this.#items.get(a.item) ?? { answers: new Map() };
		if (!this.#items.has(a.item)) this.#items.set(a.item, st);
		this.#itemOut(a.item, st);
		const old = st.answers.get(a.annotator);
		if (old) this.#answerOut(old);
		st.answers.set(a.annotator, a);
		this.#answerIn(a);
		this.#itemIn(a.item, st);
	}

	/** Removes an annotator's answer on an item (unlabel). */
	remove(item: string, annotator: string): void {
		const st = this.#items.get(item);
		const old = st?.answers.get(annotator);
		if (!st || !old) return;
		this.#itemOut(item, st);
		this.#answerOut(old);
		st.answers.delete(annotator);
		if (st.answers.size === 0) this.#items.delete(item);
		else this.#itemIn(item, st);
	}

	answersOf(item: string): LiveAnswer[] {
		return [...(this.#items.get(item)?.answers.values() ?? [])];
	}

	*answers(): Generator<LiveAnswer> {
		for (const st of this.#items.values()) yield* st.answers.values();
	}

	consensusOf(item: string): ItemConsensus | undefined {
		return this.#consensus.get(item);
	}

	consensus(): IterableIterator<ItemConsensus> {
		return this.#consensus.values();
	}

	get statusCounts(): Readonly<Record<ConsensusStatus, number>> {
		return this.#status;
	}

	/** Answers per label, in category order. */
	labelCounts(): { label: string; count: number }[] {
		return this.#cats.map((label, i) => ({ label, count: this.#labelCounts[i] ?? 0 }));
	}

	/** Krippendorff's α (nominal) over items with ≥ 2 answers; NaN when undefined. */
	alpha(): number {
		const n = this.#pairableValues;
		if (n < 2) return NaN;
		const K = this.#cats.length;
		const nc = new Float64Array(K);
		let observed = 0;
		for (const [key, o] of this.#coincidence) {
			const c = Math.floor(key / 4096);
			const k = key % 4096;
			nc[c] = (nc[c] as number) + o;
			if (c !== k) observed += o;
		}
		let expected = 0;
		let total = 0;
		for (let c = 0; c < K; c++) total += nc[c] as number;
		for (let c = 0; c < K; c++) expected += (nc[c] as number) * (total - (nc[c] as number));
		if (expected === 0) return observed === 0 ? 1 : NaN;
		return 1 - ((n - 1) * observed) / expected;
	}

	/** Fleiss' κ over items with ≥ 2 answers; NaN when undefined. */
	fleiss(): number {
		if (this.#fleissItems === 0) return NaN;
		let ratings = 0;
		for (const t of this.#fleissTotals) ratings += t;
		let pe = 0;
		for (const t of this.#fleissTotals) pe += (t / ratings) ** 2;
		const po = this.#fleissSumP / this.#fleissItems;
		return pe === 1 ? (po === 1 ? 1 : NaN) : (po - pe) / (1 - pe);
	}

	/** Share of agreeing answer pairs per label (NaN for a label never in a pair). */
	agreementPerLabel(): { label: string; value: number; pairs: number }[] {
		return this.#cats.map((label, i) => {
			const pairs = this.#specificPairs[i] ?? 0;
			return { label, value: pairs ? (this.#specificAgree[i] ?? 0) / pairs : NaN, pairs };
		});
	}

	/** Cohen's κ and percent agreement for every annotator pair with ≥ `minItems` shared items. */
	pairKappas(minItems = 2): PairKappa[] {
		const K = this.#cats.length;
		const out: PairKappa[] = [];
		for (const p of this.#pairs.values()) {
			if (p.items < minItems) continue;
			const t = new Float64Array(K * K);
			let agree = 0;
			for (const [key, c] of p.table) {
				const i = Math.floor(key / 4096);
				const j = key % 4096;
				t[i * K + j] = c;
				if (i === j) agree += c;
			}
			out.push({
				a: p.a,
				b: p.b,
				items: p.items,
				percent: agree / p.items,
				kappa: cohenKappaFromTable(t, K)
			});
		}
		return out.sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
	}

	annotatorFigures(): AnnotatorFigures[] {
		return [...this.#annotators.values()].map((f) => ({ ...f }));
	}

	/** Answers per UTC day and annotator, days ascending. */
	perDay(): { day: number; annotator: string; answers: number }[] {
		const out: { day: number; annotator: string; answers: number }[] = [];
		for (const day of [...this.#perDay.keys()].sort((a, b) => a - b))
			for (const [annotator, answers] of [...(this.#perDay.get(day) ?? [])].sort((x, y) =>
				x[0] < y[0] ? -1 : 1
			))
				if (answers > 0) out.push({ day, annotator, answers });
		return out;
	}

	/** Counts of answers per time bin (`MS_BINS` upper edges, then "more"). */
	msHistogram(): number[] {
		return [...this.#msBins];
	}

	#cat(label: string): number {
		let i = this.#catIndex.get(label);
		if (i === undefined) {
			i = this.#cats.length;
			if (i >= 4096) throw new Error('A task may have at most 4096 distinct answers.');
			this.#cats.push(label);
			this.#catIndex.set(label, i);
			for (const sums of [
				this.#labelCounts,
				this.#fleissTotals,
				this.#specificAgree,
				this.#specificPairs
			])
				sums.push(0);
		}
		return i;
	}

	#answerIn(a: LiveAnswer): void {
		this.#answers++;
		const c = this.#cat(a.label);
		this.#labelCounts[c] = (this.#labelCounts[c] ?? 0) + 1;
		const f = this.#annotators.get(a.annotator) ?? {
			annotator: a.annotator,
			answers: 0,
			agreeWithMajority: 0,
			comparable: 0,
			msTotal: 0,
			first: a.savedAt,
			last: a.savedAt
		};
		f.answers++;
		f.msTotal += a.ms;
		f.first = Math.min(f.first, a.savedAt);
		f.last = Math.max(f.last, a.savedAt);
		this.#annotators.set(a.annotator, f);
		const day = Math.floor(a.savedAt / DAY) * DAY;
		const d = this.#perDay.get(day) ?? new Map<string, number>();
		d.set(a.annotator, (d.get(a.annotator) ?? 0) + 1);
		this.#perDay.set(day, d);
		this.#msBins[binOf(a.ms)]!++;
	}

	#answerOut(a: LiveAnswer): void {
		this.#answers--;
		const c = this.#cat(a.label);
		this.#labelCounts[c] = (this.#labelCounts[c] ?? 0) - 1;
		const f = this.#annotators.get(a.annotator);
		if (f) {
			f.answers--;
			f.msTotal -= a.ms;
			if (f.answers === 0) this.#annotators.delete(a.annotator);
		}
		const day = Math.floor(a.savedAt / DAY) * DAY;
		const d = this.#perDay.get(day);
		if (d) d.set(a.annotator, (d.get(a.annotator) ?? 0) - 1);
		this.#msBins[binOf(a.ms)]!--;
	}

	/** Adds (sign 1) or subtracts (sign −1) an item's contribution to every item-level sum. */
	#itemSums(item: string, st: ItemState, sign: 1 | -1): void {
		const answers = [...st.answers.values()];
		const m = answers.length;
		const counts = new Map<number, number>();
		for (const a of answers) {
			const c = this.#cat(a.label);
			counts.set(c, (counts.get(c) ?? 0) + 1);
		}
		if (m >= 2) {
			this.#pairableValues += sign * m;
			for (const [c, nc] of counts)
				for (const [k, nk] of counts) {
					const pairs = c === k ? nc * (nc - 1) : nc * nk;
					if (pairs === 0) continue;
					const key = c * 4096 + k;
					const v = (this.#coincidence.get(key) ?? 0) + (sign * pairs) / (m - 1);
					if (Math.abs(v) < 1e-9) this.#coincidence.delete(key);
					else this.#coincidence.set(key, v);
				}
			let sq = 0;
			for (const [c, nc] of counts) {
				sq += nc * nc;
				this.#fleissTotals[c] = (this.#fleissTotals[c] ?? 0) + sign * nc;
				this.#specificAgree[c] = (this.#specificAgree[c] ?? 0) + sign * nc * (nc - 1);
				this.#specificPairs[c] = (this.#specificPairs[c] ?? 0) + sign * nc * (m - 1);
			}
			this.#fleissSumP += (sign * (sq - m)) / (m * (m - 1));
			this.#fleissItems += sign;
			for (let i = 0; i < m; i++)
				for (let j = i + 1; j < m; j++) {
					const x = answers[i] as LiveAnswer;
					const y = answers[j] as LiveAnswer;
					const key = pairKey(x.annotator, y.annotator);
					const [a, b] = x.annotator < y.annotator ? [x, y] : [y, x];
					const p = this.#pairs.get(key) ?? {
						a: a.annotator,
						b: b.annotator,
						table: new Map<number, number>(),
						items: 0
					};
					const cell = this.#cat(a.label) * 4096 + this.#cat(b.label);
					const v = (p.table.get(cell) ?? 0) + sign;
					if (v === 0) p.table.delete(cell);
					else p.table.set(cell, v);
					p.items += sign;
					if (p.items === 0) this.#pairs.delete(key);
					else this.#pairs.set(key, p);
				}
		}
		// Consensus and each annotator's agreement with it.
		if (sign === -1) {
			const old = this.#consensus.get(item);
			if (old) {
				this.#status[old.status]--;
				this.#consensus.delete(item);
				if (old.answers >= 2)
					for (const a of answers) {
						const f = this.#annotators.get(a.annotator);
						if (!f) continue;
						f.comparable--;
						if (!old.tie && a.label === old.label) f.agreeWithMajority--;
					}
			}
			return;
		}
		let best = -1;
		let bestCount = 0;
		let tie = false;
		for (const [c, n] of counts) {
			if (n > bestCount || (n === bestCount && c < best)) {
				tie = n === bestCount;
				best = c;
				bestCount = n;
			} else if (n === bestCount) tie = true;
		}
		const agreement = m ? bestCount / m : 0;
		const status: ConsensusStatus =
			m < this.#overlap
				? 'pending'
				: !tie && agreement >= this.#threshold - 1e-12
					? 'accepted'
					: 'review';
		const con: ItemConsensus = {
			item,
			label: this.#cats[best] as string,
			agreement,
			answers: m,
			tie,
			status
		};
		this.#consensus.set(item, con);
		this.#status[status]++;
		if (m >= 2)
			for (const a of answers) {
				const f = this.#annotators.get(a.annotator);
				if (!f) continue;
				f.comparable++;
				if (!tie && a.label === con.label) f.agreeWithMajority++;
			}
	}

	#itemOut(item: string, st: ItemState): void {
		if (st.answers.size) this.#itemSums(item, st, -1);
	}

	#itemIn(item: string, st: ItemState): void {
		if (st.answers.size) this.#itemSums(item, st, 1);
	}
}

function binOf(ms: number): number {
	for (let i = 0; i < MS_BINS.length; i++) if (ms <= (MS_BINS[i] as number)) return i;
	return MS_BINS.length;
}
