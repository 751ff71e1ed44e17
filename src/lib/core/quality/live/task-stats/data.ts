/**
 * The data behind TaskStats. Items, annotators and categories are dense integer codes
 * (first-appearance order, never reused); each item's answers are a linked list of slots in typed
 * arrays, so loading 300k answers makes no per-item or per-answer object beyond the answers
 * themselves.
 */
import { grown } from '../grown';
import { MS_BINS, type ConsensusStatus, type LiveAnswer } from './types';

export const DAY = 86_400_000;
export const STATUS: readonly (ConsensusStatus | undefined)[] = [
	undefined,
	'pending',
	'accepted',
	'review'
];
/** Key of an annotator pair (codes a < b) in the pair map. */
export const PAIR_SHIFT = 2 ** 21;

/** An annotator pair's contingency table (cell = label of a × 4096 + label of b). */
export interface PairTable {
	a: number;
	b: number;
	table: Map<number, number>;
	items: number;
}

export interface TaskStatsData {
	overlap: number;
	threshold: number;
	/** Tie rule: `review` sends tied items to review; `seed` breaks the tie (item-sums.ts). */
	ties: 'review' | 'seed';
	seed: number;
	cats: string[];
	catIndex: Map<string, number>;

	// Items: code ↔ id, head of the answer list, answer count, consensus.
	itemIndex: Map<string, number>;
	itemNames: string[];
	head: Int32Array;
	size: Int32Array;
	conCat: Int32Array;
	conCount: Int32Array;
	conTie: Uint8Array;
	/** Index into STATUS; 0 = no consensus. */
	conStatus: Uint8Array;
	itemsLive: number;

	// Answer slots: a singly linked list per item, freed slots reused.
	next: Int32Array;
	slotWorker: Int32Array;
	slotCat: Int32Array;
	slotAnswer: (LiveAnswer | undefined)[];
	free: number;

	// Annotators.
	annIndex: Map<string, number>;
	annNames: string[];
	annAnswers: number[];
	annAgree: number[];
	annComparable: number[];
	annMs: number[];
	annFirst: number[];
	annLast: number[];

	// Sums over items (see item-sums.ts).
	labelCounts: number[];
	/** c * 4096 + k → o_ck */
	coincidence: Map<number, number>;
	/** n = Σ m_u over items with m_u ≥ 2 */
	pairableValues: number;
	fleissSumP: number;
	fleissItems: number;
	fleissTotals: number[];
	specificAgree: number[];
	specificPairs: number[];
	pairs: Map<number, PairTable>;
	/** Day number (UTC) → answers per annotator code. */
	perDay: Map<number, number[]>;
	msBins: number[];
	status: Record<ConsensusStatus, number>;
	answers: number;

	// Scratch for one item's sums.
	w: Int32Array;
	c: Int32Array;
	catCount: Int32Array;
	distinct: Int32Array;
}

export function taskStatsDataNew(
	overlap: number,
	threshold: number,
	ties: 'review' | 'seed' = 'review',
	seed = 0
): TaskStatsData {
	return {
		overlap,
		threshold,
		ties,
		seed,
		cats: [],
		catIndex: new Map(),
		itemIndex: new Map(),
		itemNames: [],
		head: new Int32Array(0),
		size: new Int32Array(0),
		conCat: new Int32Array(0),
		conCount: new Int32Array(0),
		conTie: new Uint8Array(0),
		conStatus: new Uint8Array(0),
		itemsLive: 0,
		next: new Int32Array(0),
		slotWorker: new Int32Array(0),
		slotCat: new Int32Array(0),
		slotAnswer: [],
		free: -1,
		annIndex: new Map(),
		annNames: [],
		annAnswers: [],
		annAgree: [],
		annComparable: [],
		annMs: [],
		annFirst: [],
		annLast: [],
		labelCounts: [],
		coincidence: new Map(),
		pairableValues: 0,
		fleissSumP: 0,
		fleissItems: 0,
		fleissTotals: [],
		specificAgree: [],
		specificPairs: [],
		pairs: new Map(),
		perDay: new Map(),
		msBins: new Array<number>(MS_BINS.length + 1).fill(0),
		status: { pending: 0, accepted: 0, review: 0 },
		answers: 0,
		w: new Int32Array(16),
		c: new Int32Array(16),
		catCount: new Int32Array(16),
		distinct: new Int32Array(16)
	};
}

/** The category's code; new categories get the next one. */
export function catCode(d: TaskStatsData, label: string): number {
	let i = d.catIndex.get(label);
	if (i === undefined) {
		i = d.cats.length;
		if (i >= 4096) throw new Error('A task may have at most 4096 distinct answers.');
		d.cats.push(label);
		d.catIndex.set(label, i);
		for (const sums of [d.labelCounts, d.fleissTotals, d.specificAgree, d.specificPairs])
			sums.push(0);
		d.catCount = grown(d.catCount, i + 1);
	}
	return i;
}

/** Room for `n` items and `n` answer slots (a bulk load knows its size: no regrowing). */
export function reserve(d: TaskStatsData, n: number): void {
	itemRoom(d, n);
	if (d.next.length < n) {
		d.next = grown(d.next, n);
		d.slotWorker = grown(d.slotWorker, n);
		d.slotCat = grown(d.slotCat, n);
	}
}

function itemRoom(d: TaskStatsData, n: number): void {
	if (d.head.length >= n) return;
	d.head = grown(d.head, n, -1);
	d.size = grown(d.size, n);
	d.conCat = grown(d.conCat, n);
	d.conCount = grown(d.conCount, n);
	d.conTie = grown(d.conTie, n);
	d.conStatus = grown(d.conStatus, n);
}

/** The item's code, new items get the next one. */
export function itemCode(d: TaskStatsData, item: string): number {
	let i = d.itemIndex.get(item);
	if (i === undefined) {
		i = d.itemNames.length;
		d.itemIndex.set(item, i);
		d.itemNames.push(item);
		itemRoom(d, i + 1);
	}
	return i;
}

/** The annotator's code, new annotators get the next one. */
export function annotatorCode(d: TaskStatsData, name: string): number {
	let w = d.annIndex.get(name);
	if (w === undefined) {
		w = d.annNames.length;
		d.annIndex.set(name, w);
		d.annNames.push(name);
		d.annAnswers.push(0);
		d.annAgree.push(0);
		d.annComparable.push(0);
		d.annMs.push(0);
		d.annFirst.push(Infinity);
		d.annLast.push(-Infinity);
	}
	return w;
}
