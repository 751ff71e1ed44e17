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
import { classCompare } from '../aggregate/encode';
import type { EncodedAnswers } from '../aggregate/types';

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
const STATUS: readonly (ConsensusStatus | undefined)[] = [
	undefined,
	'pending',
	'accepted',
	'review'
];
/** Key of an annotator pair (codes a < b) in the pair map. */
const PAIR_SHIFT = 2 ** 21;

/** A copy of `a` with room for at least `n` entries (capacity doubles), or `a` if it has room. */
function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number, fill = 0): T {
	if (a.length >= n) return a;
	const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2, 16));
	b.set(a);
	if (fill !== 0) b.fill(fill, a.length);
	return b;
}

/** An annotator pair's contingency table (cell = label of a × 4096 + label of b). */
interface PairTable {
	a: number;
	b: number;
	table: Map<number, number>;
	items: number;
}

/**
 * Items, annotators and categories are dense integer codes (first-appearance order, never reused);
 * each item's answers are a linked list of slots in typed arrays, so loading 300k answers makes
 * no per-item or per-answer object beyond the answers themselves.
 */
export class TaskStats {
	#overlap: number;
	#threshold: number;
	#cats: string[] = [];
	#catIndex = new Map<string, number>();

	// Items: code ↔ id, head of the answer list, answer count, consensus.
	#itemIndex = new Map<string, number>();
	#itemNames: string[] = [];
	#head = new Int32Array(0);
	#size = new Int32Array(0);
	#conCat = new Int32Array(0);
	#conCount = new Int32Array(0);
	#conTie = new Uint8Array(0);
	#conStatus = new Uint8Array(0); // index into STATUS; 0 = no consensus
	#itemsLive = 0;

	// Answer slots: a singly linked list per item, freed slots reused.
	#next = new Int32Array(0);
	#slotWorker = new Int32Array(0);
	#slotCat = new Int32Array(0);
	#slotAnswer: (LiveAnswer | undefined)[] = [];
	#free = -1;

	// Annotators.
	#annIndex = new Map<string, number>();
	#annNames: string[] = [];
	#annAnswers: number[] = [];
	#annAgree: number[] = [];
	#annComparable: number[] = [];
	#annMs: number[] = [];
	#annFirst: number[] = [];
	#annLast: number[] = [];

	// Sums over items (see the file comment).
	#labelCounts: number[] = [];
	#coincidence = new Map<number, number>(); // c * 4096 + k → o_ck
	#pairableValues = 0; // n = Σ m_u over items with m_u ≥ 2
	#fleissSumP = 0;
	#fleissItems = 0;
	#fleissTotals: number[] = [];
	#specificAgree: number[] = [];
	#specificPairs: number[] = [];
	#pairs = new Map<number, PairTable>();
	#perDay = new Map<number, number[]>(); // day number (UTC) → answers per annotator code
	#msBins = new Array<number>(MS_BINS.length + 1).fill(0);
	#status = { pending: 0, accepted: 0, review: 0 };
	#answers = 0;

	// Scratch for one item's sums.
	#w = new Int32Array(16);
	#c = new Int32Array(16);
	#catCount = new Int32Array(16);
	#distinct = new Int32Array(16);

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
		return this.#itemsLive;
	}

	/**
	 * Loads many answers at once: each item's sums are added once, not once per answer. Equivalent
	 * to calling `set` for each (later answers of the same annotator and item win).
	 */
	load(answers: Iterable<LiveAnswer>): void {
		if (Array.isArray(answers)) this.#reserve(this.#itemNames.length + answers.length);
		const touched: number[] = [];
		let mark = new Uint8Array(this.#head.length);
		// Answers usually come grouped by item: the previous codes spare most map look-ups.
		let item = '';
		let i = -1;
		let annotator = '';
		let w = -1;
		let label = '';
		let c = -1;
		for (const a of answers) {
			if (a.item !== item || i === -1) {
				item = a.item;
				i = this.#item(item);
				if (i >= mark.length) mark = grown(mark, i + 1);
				if (!mark[i]) {
					mark[i] = 1;
					this.#itemOut(i);
					touched.push(i);
				}
			}
			if (a.annotator !== annotator || w === -1) {
				annotator = a.annotator;
				w = this.#annotator(annotator);
			}
			if (a.label !== label || c === -1) {
				label = a.label;
				c = this.#cat(label);
			}
			this.#put(i, a, w, c);
		}
		for (const t of touched) this.#itemIn(t);
	}

	/** Adds an answer, or replaces the annotator's previous answer on that item. */
	set(a: LiveAnswer): void {
		const i = this.#item(a.item);
		this.#itemOut(i);
		this.#put(i, a, this.#annotator(a.annotator), this.#cat(a.label));
		this.#itemIn(i);
	}

	/** Removes an annotator's answer on an item (unlabel). */
	remove(item: string, annotator: string): void {
		const i = this.#itemIndex.get(item);
		const w = this.#annIndex.get(annotator);
		if (i === undefined || w === undefined) return;
		let prev = -1;
		let s = this.#head[i] as number;
		while (s !== -1 && this.#slotWorker[s] !== w) {
			prev = s;
			s = this.#next[s] as number;
		}
		if (s === -1) return;
		this.#itemOut(i);
		this.#answerOut(this.#slotAnswer[s] as LiveAnswer, w, this.#slotCat[s] as number);
		if (prev === -1) this.#head[i] = this.#next[s] as number;
		else this.#next[prev] = this.#next[s] as number;
		this.#slotAnswer[s] = undefined;
		this.#next[s] = this.#free;
		this.#free = s;
		this.#size[i]!--;
		if (this.#size[i] === 0) this.#itemsLive--;
		this.#itemIn(i);
	}

	answersOf(item: string): LiveAnswer[] {
		const i = this.#itemIndex.get(item);
		const out: LiveAnswer[] = [];
		if (i === undefined) return out;
		for (let s = this.#head[i] as number; s !== -1; s = this.#next[s] as number)
			out.push(this.#slotAnswer[s] as LiveAnswer);
		return out;
	}

	*answers(): Generator<LiveAnswer> {
		for (let i = 0; i < this.#itemNames.length; i++)
			for (let s = this.#head[i] as number; s !== -1; s = this.#next[s] as number)
				yield this.#slotAnswer[s] as LiveAnswer;
	}

	/**
	 * Every answer as dense codes for the aggregation methods (no per-answer objects): items with
	 * answers in first-appearance order, annotators in order of first answer, classes = the used
	 * categories plus `extraClasses`, sorted like `answersEncode`.
	 */
	encoded(extraClasses: readonly string[] = []): EncodedAnswers {
		const classSet = new Set<string>(extraClasses);
		this.#cats.forEach((c, k) => {
			if ((this.#labelCounts[k] ?? 0) > 0) classSet.add(c);
		});
		const classes = [...classSet].sort(classCompare);
		const classOf = new Int32Array(this.#cats.length).fill(-1);
		classes.forEach((c, k) => {
			const code = this.#catIndex.get(c);
			if (code !== undefined) classOf[code] = k;
		});
		const n = this.#answers;
		const item = new Int32Array(n);
		const worker = new Int32Array(n);
		const label = new Int32Array(n);
		const items: string[] = [];
		const workers: string[] = [];
		const workerOf = new Int32Array(this.#annNames.length).fill(-1);
		let a = 0;
		for (let i = 0; i < this.#itemNames.length; i++) {
			if (this.#size[i] === 0) continue;
			const row = items.length;
			items.push(this.#itemNames[i] as string);
			for (let s = this.#head[i] as number; s !== -1; s = this.#next[s] as number) {
				const w = this.#slotWorker[s] as number;
				if (workerOf[w] === -1) {
					workerOf[w] = workers.length;
					workers.push(this.#annNames[w] as string);
				}
				item[a] = row;
				worker[a] = workerOf[w] as number;
				label[a] = classOf[this.#slotCat[s] as number] as number;
				a++;
			}
		}
		return { items, workers, classes, item, worker, label };
	}

	consensusOf(item: string): ItemConsensus | undefined {
		const i = this.#itemIndex.get(item);
		return i === undefined ? undefined : this.#consensusAt(i);
	}

	*consensus(): IterableIterator<ItemConsensus> {
		for (let i = 0; i < this.#itemNames.length; i++) {
			const c = this.#consensusAt(i);
			if (c) yield c;
		}
	}

	// Dense per-item access for outcomes.ts (codes from `itemCode`, 0 ≤ code < itemCodes).

	/** Number of item codes handed out so far (items whose answers were all removed included). */
	get itemCodes(): number {
		return this.#itemNames.length;
	}

	/** The item's code, or −1 if it never had an answer. */
	itemCode(item: string): number {
		return this.#itemIndex.get(item) ?? -1;
	}

	itemAt(code: number): string {
		return this.#itemNames[code] as string;
	}

	/** Answers on the item with this code. */
	answersAt(code: number): number {
		return this.#size[code] as number;
	}

	/** The item's consensus status, or undefined when it has no answers. */
	statusAt(code: number): ConsensusStatus | undefined {
		return STATUS[this.#conStatus[code] as number];
	}

	/** The item's majority label (see {@link ItemConsensus.label}). */
	majorityAt(code: number): string {
		return this.#cats[this.#conCat[code] as number] as string;
	}

	tieAt(code: number): boolean {
		return this.#conTie[code] === 1;
	}

	/** Share of the item's answers that gave its majority label. */
	agreementAt(code: number): number {
		const m = this.#size[code] as number;
		return m ? (this.#conCount[code] as number) / m : 0;
	}

	/** How many of the item's answers are `label`. */
	countAt(code: number, label: string): number {
		const c = this.#catIndex.get(label);
		if (c === undefined) return 0;
		let n = 0;
		for (let s = this.#head[code] as number; s !== -1; s = this.#next[s] as number)
			if (this.#slotCat[s] === c) n++;
		return n;
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
			// Rows are the annotator whose name sorts first.
			const a = this.#annNames[p.a] as string;
			const b = this.#annNames[p.b] as string;
			const swap = b < a;
			const t = new Float64Array(K * K);
			let agree = 0;
			for (const [key, c] of p.table) {
				const i = Math.floor(key / 4096);
				const j = key % 4096;
				t[swap ? j * K + i : i * K + j] = c;
				if (i === j) agree += c;
			}
			out.push({
				a: swap ? b : a,
				b: swap ? a : b,
				items: p.items,
				percent: agree / p.items,
				kappa: cohenKappaFromTable(t, K)
			});
		}
		return out.sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
	}

	annotatorFigures(): AnnotatorFigures[] {
		const out: AnnotatorFigures[] = [];
		this.#annNames.forEach((annotator, w) => {
			if (!this.#annAnswers[w]) return;
			out.push({
				annotator,
				answers: this.#annAnswers[w] as number,
				agreeWithMajority: this.#annAgree[w] as number,
				comparable: this.#annComparable[w] as number,
				msTotal: this.#annMs[w] as number,
				first: this.#annFirst[w] as number,
				last: this.#annLast[w] as number
			});
		});
		return out;
	}

	/** Answers per UTC day and annotator, days ascending. */
	perDay(): { day: number; annotator: string; answers: number }[] {
		const out: { day: number; annotator: string; answers: number }[] = [];
		const byName = this.#annNames
			.map((name, w) => ({ name, w }))
			.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
		for (const dayNo of [...this.#perDay.keys()].sort((a, b) => a - b)) {
			const counts = this.#perDay.get(dayNo) as number[];
			const day = dayNo * DAY;
			for (const { name, w } of byName) {
				const answers = counts[w] ?? 0;
				if (answers > 0) out.push({ day, annotator: name, answers });
			}
		}
		return out;
	}

	/** Counts of answers per time bin (`MS_BINS` upper edges, then "more"). */
	msHistogram(): number[] {
		return [...this.#msBins];
	}

	#consensusAt(i: number): ItemConsensus | undefined {
		const status = STATUS[this.#conStatus[i] as number];
		if (!status) return undefined;
		const m = this.#size[i] as number;
		return {
			item: this.#itemNames[i] as string,
			label: this.#cats[this.#conCat[i] as number] as string,
			agreement: m ? (this.#conCount[i] as number) / m : 0,
			answers: m,
			tie: this.#conTie[i] === 1,
			status
		};
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
			this.#catCount = grown(this.#catCount, i + 1);
		}
		return i;
	}

	/** Room for `n` items and `n` answer slots (a bulk load knows its size: no regrowing). */
	#reserve(n: number): void {
		this.#itemRoom(n);
		if (this.#next.length < n) {
			this.#next = grown(this.#next, n);
			this.#slotWorker = grown(this.#slotWorker, n);
			this.#slotCat = grown(this.#slotCat, n);
		}
	}

	#itemRoom(n: number): void {
		if (this.#head.length >= n) return;
		this.#head = grown(this.#head, n, -1);
		this.#size = grown(this.#size, n);
		this.#conCat = grown(this.#conCat, n);
		this.#conCount = grown(this.#conCount, n);
		this.#conTie = grown(this.#conTie, n);
		this.#conStatus = grown(this.#conStatus, n);
	}

	/** The item's code, new items get the next one. */
	#item(item: string): number {
		let i = this.#itemIndex.get(item);
		if (i === undefined) {
			i = this.#itemNames.length;
			this.#itemIndex.set(item, i);
			this.#itemNames.push(item);
			this.#itemRoom(i + 1);
		}
		return i;
	}

	#annotator(name: string): number {
		let w = this.#annIndex.get(name);
		if (w === undefined) {
			w = this.#annNames.length;
			this.#annIndex.set(name, w);
			this.#annNames.push(name);
			this.#annAnswers.push(0);
			this.#annAgree.push(0);
			this.#annComparable.push(0);
			this.#annMs.push(0);
			this.#annFirst.push(Infinity);
			this.#annLast.push(-Infinity);
		}
		return w;
	}

	/**
	 * Sets the answer's slot on item `i` (annotator `w`, category `c`), replacing the annotator's
	 * previous answer there.
	 */
	#put(i: number, a: LiveAnswer, w: number, c: number): void {
		let last = -1;
		for (let s = this.#head[i] as number; s !== -1; s = this.#next[s] as number) {
			if (this.#slotWorker[s] === w) {
				this.#answerOut(this.#slotAnswer[s] as LiveAnswer, w, this.#slotCat[s] as number);
				this.#slotCat[s] = c;
				this.#slotAnswer[s] = a;
				this.#answerIn(a, w, c);
				return;
			}
			last = s;
		}
		let s = this.#free;
		if (s !== -1) this.#free = this.#next[s] as number;
		else {
			s = this.#slotAnswer.length;
			this.#slotAnswer.push(undefined);
			if (this.#next.length <= s) {
				this.#next = grown(this.#next, s + 1);
				this.#slotWorker = grown(this.#slotWorker, s + 1);
				this.#slotCat = grown(this.#slotCat, s + 1);
			}
		}
		this.#next[s] = -1;
		this.#slotWorker[s] = w;
		this.#slotCat[s] = c;
		this.#slotAnswer[s] = a;
		if (last === -1) this.#head[i] = s;
		else this.#next[last] = s;
		if (this.#size[i] === 0) this.#itemsLive++;
		this.#size[i]!++;
		this.#answerIn(a, w, c);
	}

	#answerIn(a: LiveAnswer, w: number, c: number): void {
		this.#answers++;
		this.#labelCounts[c]!++;
		this.#annAnswers[w]!++;
		this.#annMs[w]! += a.ms;
		if (a.savedAt < (this.#annFirst[w] as number)) this.#annFirst[w] = a.savedAt;
		if (a.savedAt > (this.#annLast[w] as number)) this.#annLast[w] = a.savedAt;
		const day = Math.floor(a.savedAt / DAY);
		let d = this.#perDay.get(day);
		if (!d) {
			d = [];
			this.#perDay.set(day, d);
		}
		while (d.length <= w) d.push(0);
		d[w]!++;
		this.#msBins[binOf(a.ms)]!++;
	}

	#answerOut(a: LiveAnswer, w: number, c: number): void {
		this.#answers--;
		this.#labelCounts[c]!--;
		this.#annAnswers[w]!--;
		this.#annMs[w]! -= a.ms;
		if (this.#annAnswers[w] === 0) {
			// Gone from the figures: start afresh when the annotator answers again.
			this.#annAgree[w] = 0;
			this.#annComparable[w] = 0;
			this.#annMs[w] = 0;
			this.#annFirst[w] = Infinity;
			this.#annLast[w] = -Infinity;
		}
		const d = this.#perDay.get(Math.floor(a.savedAt / DAY));
		if (d && w < d.length) d[w]!--;
		this.#msBins[binOf(a.ms)]!--;
	}

	/** Adds (sign 1) or subtracts (sign −1) an item's contribution to every item-level sum. */
	#itemSums(i: number, sign: 1 | -1): void {
		const m = this.#size[i] as number;
		if (this.#w.length < m) {
			this.#w = grown(this.#w, m);
			this.#c = grown(this.#c, m);
		}
		const ws = this.#w;
		const cs = this.#c;
		const catCount = this.#catCount;
		const distinct =
			this.#distinct.length < m ? (this.#distinct = grown(this.#distinct, m)) : this.#distinct;
		let nd = 0;
		let j = 0;
		for (let s = this.#head[i] as number; s !== -1; s = this.#next[s] as number, j++) {
			const c = this.#slotCat[s] as number;
			ws[j] = this.#slotWorker[s] as number;
			cs[j] = c;
			if (catCount[c] === 0) distinct[nd++] = c;
			catCount[c]!++;
		}
		if (m >= 2) {
			this.#pairableValues += sign * m;
			let sq = 0;
			for (let x = 0; x < nd; x++) {
				const c = distinct[x] as number;
				const nc = catCount[c] as number;
				for (let y = 0; y < nd; y++) {
					const k = distinct[y] as number;
					const nk = catCount[k] as number;
					const pairs = c === k ? nc * (nc - 1) : nc * nk;
					if (pairs === 0) continue;
					const key = c * 4096 + k;
					const v = (this.#coincidence.get(key) ?? 0) + (sign * pairs) / (m - 1);
					if (Math.abs(v) < 1e-9) this.#coincidence.delete(key);
					else this.#coincidence.set(key, v);
				}
				sq += nc * nc;
				this.#fleissTotals[c]! += sign * nc;
				this.#specificAgree[c]! += sign * nc * (nc - 1);
				this.#specificPairs[c]! += sign * nc * (m - 1);
			}
			this.#fleissSumP += (sign * (sq - m)) / (m * (m - 1));
			this.#fleissItems += sign;
			for (let x = 0; x < m; x++)
				for (let y = x + 1; y < m; y++) {
					const lo = (ws[x] as number) < (ws[y] as number) ? x : y;
					const hi = lo === x ? y : x;
					const a = ws[lo] as number;
					const b = ws[hi] as number;
					const key = a * PAIR_SHIFT + b;
					let p = this.#pairs.get(key);
					if (!p) {
						p = { a, b, table: new Map<number, number>(), items: 0 };
						this.#pairs.set(key, p);
					}
					const cell = (cs[lo] as number) * 4096 + (cs[hi] as number);
					const v = (p.table.get(cell) ?? 0) + sign;
					if (v === 0) p.table.delete(cell);
					else p.table.set(cell, v);
					p.items += sign;
					if (p.items === 0) this.#pairs.delete(key);
				}
		}
		// Consensus and each annotator's agreement with it.
		if (sign === -1) {
			const old = this.#conStatus[i] as number;
			if (old) {
				this.#status[STATUS[old] as ConsensusStatus]--;
				this.#conStatus[i] = 0;
				if (m >= 2) {
					const tie = this.#conTie[i] === 1;
					const label = this.#conCat[i] as number;
					for (let x = 0; x < m; x++) {
						const w = ws[x] as number;
						this.#annComparable[w]!--;
						if (!tie && cs[x] === label) this.#annAgree[w]!--;
					}
				}
			}
		} else {
			let best = -1;
			let bestCount = 0;
			let tie = false;
			for (let x = 0; x < nd; x++) {
				const c = distinct[x] as number;
				const n = catCount[c] as number;
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
			this.#conCat[i] = best;
			this.#conCount[i] = bestCount;
			this.#conTie[i] = tie ? 1 : 0;
			this.#conStatus[i] = STATUS.indexOf(status);
			this.#status[status]++;
			if (m >= 2)
				for (let x = 0; x < m; x++) {
					const w = ws[x] as number;
					this.#annComparable[w]!++;
					if (!tie && cs[x] === best) this.#annAgree[w]!++;
				}
		}
		for (let x = 0; x < nd; x++) catCount[distinct[x] as number] = 0;
	}

	#itemOut(i: number): void {
		if (this.#size[i]) this.#itemSums(i, -1);
	}

	#itemIn(i: number): void {
		if (this.#size[i]) this.#itemSums(i, 1);
	}
}

function binOf(ms: number): number {
	for (let i = 0; i < MS_BINS.length; i++) if (ms <= (MS_BINS[i] as number)) return i;
	return MS_BINS.length;
}
