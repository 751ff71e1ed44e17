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
 *   `review`. A tie for the top label goes to review, unless the tie rule is `seed`: then one of
 *   the tied labels is picked as `quorum aggregate --ties seed` picks it, and the threshold judges.
 *
 * The sums live in data.ts; answers.ts and item-sums.ts update them, figures.ts reads them.
 */
import type { EncodedAnswers } from '../../aggregate/types';
import { grown } from '../grown';
import { slotFind, slotPut, slotRemove } from './answers';
import {
	annotatorCode,
	catCode,
	itemCode,
	reserve,
	STATUS,
	taskStatsDataNew,
	type TaskStatsData
} from './data';
import { encoded } from './encoded';
import { agreementPerLabel, alpha, annotatorFigures, fleiss, pairKappas, perDay } from './figures';
import { itemIn, itemOut } from './item-sums';
import type {
	AnnotatorFigures,
	ConsensusStatus,
	ItemConsensus,
	LiveAnswer,
	PairKappa,
	TaskStatsOptions
} from './types';

export class TaskStats {
	#d: TaskStatsData;

	constructor(opts: TaskStatsOptions) {
		this.#d = taskStatsDataNew(
			Math.max(1, opts.overlap),
			opts.threshold,
			opts.ties ?? 'review',
			opts.seed ?? 0
		);
		for (const l of opts.labels ?? []) catCode(this.#d, l);
	}

	get threshold(): number {
		return this.#d.threshold;
	}

	get overlap(): number {
		return this.#d.overlap;
	}

	get categories(): readonly string[] {
		return this.#d.cats;
	}

	get answerCount(): number {
		return this.#d.answers;
	}

	get itemCount(): number {
		return this.#d.itemsLive;
	}

	/**
	 * Loads many answers at once: each item's sums are added once, not once per answer. Equivalent
	 * to calling `set` for each (later answers of the same annotator and item win).
	 */
	load(answers: Iterable<LiveAnswer>): void {
		const d = this.#d;
		if (Array.isArray(answers)) reserve(d, d.itemNames.length + answers.length);
		const touched: number[] = [];
		let mark = new Uint8Array(d.head.length);
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
				i = itemCode(d, item);
				if (i >= mark.length) mark = grown(mark, i + 1);
				if (!mark[i]) {
					mark[i] = 1;
					itemOut(d, i);
					touched.push(i);
				}
			}
			if (a.annotator !== annotator || w === -1) {
				annotator = a.annotator;
				w = annotatorCode(d, annotator);
			}
			if (a.label !== label || c === -1) {
				label = a.label;
				c = catCode(d, label);
			}
			slotPut(d, i, a, w, c);
		}
		for (const t of touched) itemIn(d, t);
	}

	/** Adds an answer, or replaces the annotator's previous answer on that item. */
	set(a: LiveAnswer): void {
		const d = this.#d;
		const i = itemCode(d, a.item);
		itemOut(d, i);
		slotPut(d, i, a, annotatorCode(d, a.annotator), catCode(d, a.label));
		itemIn(d, i);
	}

	/** Removes an annotator's answer on an item (unlabel). */
	remove(item: string, annotator: string): void {
		const d = this.#d;
		const i = d.itemIndex.get(item);
		const w = d.annIndex.get(annotator);
		if (i === undefined || w === undefined) return;
		const { prev, s } = slotFind(d, i, w);
		if (s === -1) return;
		itemOut(d, i);
		slotRemove(d, i, prev, s);
		itemIn(d, i);
	}

	answersOf(item: string): LiveAnswer[] {
		const d = this.#d;
		const i = d.itemIndex.get(item);
		const out: LiveAnswer[] = [];
		if (i === undefined) return out;
		for (let s = d.head[i] as number; s !== -1; s = d.next[s] as number)
			out.push(d.slotAnswer[s] as LiveAnswer);
		return out;
	}

	*answers(): Generator<LiveAnswer> {
		const d = this.#d;
		for (let i = 0; i < d.itemNames.length; i++)
			for (let s = d.head[i] as number; s !== -1; s = d.next[s] as number)
				yield d.slotAnswer[s] as LiveAnswer;
	}

	/**
	 * Every answer as dense codes for the aggregation methods (no per-answer objects): items with
	 * answers in first-appearance order, annotators in order of first answer, classes = the used
	 * categories plus `extraClasses`, sorted like `answersEncode`.
	 */
	encoded(extraClasses: readonly string[] = []): EncodedAnswers {
		return encoded(this.#d, extraClasses);
	}

	consensusOf(item: string): ItemConsensus | undefined {
		const i = this.#d.itemIndex.get(item);
		return i === undefined ? undefined : this.#consensusAt(i);
	}

	*consensus(): IterableIterator<ItemConsensus> {
		for (let i = 0; i < this.#d.itemNames.length; i++) {
			const c = this.#consensusAt(i);
			if (c) yield c;
		}
	}

	// Dense per-item access for outcomes.ts (codes from `itemCode`, 0 ≤ code < itemCodes).

	/** Number of item codes handed out so far (items whose answers were all removed included). */
	get itemCodes(): number {
		return this.#d.itemNames.length;
	}

	/** The item's code, or −1 if it never had an answer. */
	itemCode(item: string): number {
		return this.#d.itemIndex.get(item) ?? -1;
	}

	itemAt(code: number): string {
		return this.#d.itemNames[code] as string;
	}

	/** Answers on the item with this code. */
	answersAt(code: number): number {
		return this.#d.size[code] as number;
	}

	/** The item's consensus status, or undefined when it has no answers. */
	statusAt(code: number): ConsensusStatus | undefined {
		return STATUS[this.#d.conStatus[code] as number];
	}

	/** The item's majority label (see {@link ItemConsensus.label}). */
	majorityAt(code: number): string {
		return this.#d.cats[this.#d.conCat[code] as number] as string;
	}

	tieAt(code: number): boolean {
		return this.#d.conTie[code] === 1;
	}

	/** Share of the item's answers that gave its majority label. */
	agreementAt(code: number): number {
		const m = this.#d.size[code] as number;
		return m ? (this.#d.conCount[code] as number) / m : 0;
	}

	/** How many of the item's answers are `label`. */
	countAt(code: number, label: string): number {
		const d = this.#d;
		const c = d.catIndex.get(label);
		if (c === undefined) return 0;
		let n = 0;
		for (let s = d.head[code] as number; s !== -1; s = d.next[s] as number)
			if (d.slotCat[s] === c) n++;
		return n;
	}

	get statusCounts(): Readonly<Record<ConsensusStatus, number>> {
		return this.#d.status;
	}

	/** Answers per label, in category order. */
	labelCounts(): { label: string; count: number }[] {
		return this.#d.cats.map((label, i) => ({ label, count: this.#d.labelCounts[i] ?? 0 }));
	}

	/** Krippendorff's α (nominal) over items with ≥ 2 answers; NaN when undefined. */
	alpha(): number {
		return alpha(this.#d);
	}

	/** Fleiss' κ over items with ≥ 2 answers; NaN when undefined. */
	fleiss(): number {
		return fleiss(this.#d);
	}

	/** Share of agreeing answer pairs per label (NaN for a label never in a pair). */
	agreementPerLabel(): { label: string; value: number; pairs: number }[] {
		return agreementPerLabel(this.#d);
	}

	/** Cohen's κ and percent agreement for every annotator pair with ≥ `minItems` shared items. */
	pairKappas(minItems = 2): PairKappa[] {
		return pairKappas(this.#d, minItems);
	}

	annotatorFigures(): AnnotatorFigures[] {
		return annotatorFigures(this.#d);
	}

	/** Answers per UTC day and annotator, days ascending. */
	perDay(): { day: number; annotator: string; answers: number }[] {
		return perDay(this.#d);
	}

	/** Counts of answers per time bin (`MS_BINS` upper edges, then "more"). */
	msHistogram(): number[] {
		return [...this.#d.msBins];
	}

	#consensusAt(i: number): ItemConsensus | undefined {
		const d = this.#d;
		const status = STATUS[d.conStatus[i] as number];
		if (!status) return undefined;
		const m = d.size[i] as number;
		return {
			item: d.itemNames[i] as string,
			label: d.cats[d.conCat[i] as number] as string,
			agreement: m ? (d.conCount[i] as number) / m : 0,
			answers: m,
			tie: d.conTie[i] === 1,
			status
		};
	}
}
