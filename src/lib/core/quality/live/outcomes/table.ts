/**
 * Outcomes are kept in typed arrays indexed by the stats' item codes (no object per item); an
 * `ItemOutcome` is made only when asked for. Items without answers (gold, decisions or flags
 * alone) are kept aside as objects.
 */
import type { TaskStats } from '../task-stats/task-stats';
import { grown } from '../grown';
import type { ItemOutcome, OutcomeMethod, OutcomeStatus, ReviewReason } from './types';

export const STATUSES: readonly OutcomeStatus[] = ['pending', 'accepted', 'review', 'reviewed'];
export const METHODS: readonly OutcomeMethod[] = [
	'mv',
	'ds',
	'glad',
	'mace',
	'review',
	'gold',
	'wawa',
	'zbs',
	'kos'
];
const NO_REASONS: readonly ReviewReason[] = [];
const AGREEMENT: readonly ReviewReason[] = ['agreement'];

export interface OutcomeTable {
	label: string[];
	confidence: Float64Array;
	agreement: Float64Array;
	answers: Int32Array;
	/** 1 + index in STATUSES; 0 = no outcome. */
	status: Uint8Array;
	/** Index in METHODS. */
	method: Uint8Array;
	suspicion: Float64Array;
	/** Reasons of coded items other than none or ['agreement']. */
	reasons: Map<number, ReviewReason[]>;
	/** 1 = reasons ['agreement']. */
	queued: Uint8Array;
	/** Outcomes of items the stats have no answers for. */
	aside: Map<string, ItemOutcome>;
	counts: Record<OutcomeStatus, number>;
}

export function outcomeTableNew(): OutcomeTable {
	return {
		label: [],
		confidence: new Float64Array(0),
		agreement: new Float64Array(0),
		answers: new Int32Array(0),
		status: new Uint8Array(0),
		method: new Uint8Array(0),
		suspicion: new Float64Array(0),
		reasons: new Map(),
		queued: new Uint8Array(0),
		aside: new Map(),
		counts: { pending: 0, accepted: 0, review: 0, reviewed: 0 }
	};
}

/** Forgets every outcome (the arrays keep their room). */
export function outcomeTableClear(t: OutcomeTable): void {
	t.status.fill(0);
	t.queued.fill(0);
	t.reasons.clear();
	t.aside.clear();
	t.counts = { pending: 0, accepted: 0, review: 0, reviewed: 0 };
}

/** Room for `n` item codes. */
export function outcomeTableRoom(t: OutcomeTable, n: number): void {
	if (t.status.length >= n) return;
	t.confidence = grown(t.confidence, n);
	t.agreement = grown(t.agreement, n);
	t.answers = grown(t.answers, n);
	t.status = grown(t.status, n);
	t.method = grown(t.method, n);
	t.suspicion = grown(t.suspicion, n);
	t.queued = grown(t.queued, n);
}

/** The stored outcome of the item with this stats code, as an object. */
export function outcomeAt(
	t: OutcomeTable,
	stats: TaskStats,
	code: number
): ItemOutcome | undefined {
	const status = t.status[code] as number;
	if (!status) return undefined;
	return {
		item: stats.itemAt(code),
		label: t.label[code] as string,
		confidence: t.confidence[code] as number,
		agreement: t.agreement[code] as number,
		answers: t.answers[code] as number,
		status: STATUSES[status - 1] as OutcomeStatus,
		method: METHODS[t.method[code] as number] as OutcomeMethod,
		reasons: [...(t.reasons.get(code) ?? (t.queued[code] ? AGREEMENT : NO_REASONS))],
		suspicion: t.suspicion[code] as number
	};
}

/** Replaces an item's stored outcome (undefined: it has none), keeping the counts. */
export function outcomeStore(
	t: OutcomeTable,
	item: string,
	code: number,
	o: ItemOutcome | undefined
): void {
	if (code === -1) {
		const old = t.aside.get(item);
		if (old) t.counts[old.status]--;
		if (o) t.aside.set(item, o);
		else t.aside.delete(item);
	} else {
		const aside = t.aside.size ? t.aside.get(item) : undefined;
		if (aside) {
			// The item got its first answer since.
			t.counts[aside.status]--;
			t.aside.delete(item);
		}
		const old = t.status[code] as number;
		if (old) t.counts[STATUSES[old - 1] as OutcomeStatus]--;
		t.status[code] = o ? STATUSES.indexOf(o.status) + 1 : 0;
		t.queued[code] = 0;
		t.reasons.delete(code);
		if (o) {
			t.label[code] = o.label;
			t.confidence[code] = o.confidence;
			t.agreement[code] = o.agreement;
			t.answers[code] = o.answers;
			t.method[code] = METHODS.indexOf(o.method);
			t.suspicion[code] = o.suspicion;
			if (o.reasons.length === 1 && o.reasons[0] === 'agreement') t.queued[code] = 1;
			else if (o.reasons.length) t.reasons.set(code, o.reasons);
		}
	}
	if (o) t.counts[o.status]++;
}
