/**
 * What happens to each item of a classification task (issue 8): its final label, how it was
 * decided (consensus by a method, a reviewer, or gold), its confidence, and whether it waits for
 * more answers or for review — plus the review queue, sorted by suspicion, and each annotator's
 * measured accuracy. Kept per item so one new answer updates one outcome.
 */
import type { AggregateResult } from '../aggregate/types';
import type { ConsensusStatus, TaskStats } from './task-stats';

export type OutcomeMethod = 'mv' | 'ds' | 'glad' | 'mace' | 'review' | 'gold';
export type OutcomeStatus = ConsensusStatus | 'reviewed';
export type ReviewReason = 'agreement' | 'rule' | 'label-error' | 'manual';

export interface ItemOutcome {
	item: string;
	/** The final answer as a category key (label id, or a multi-label set's key); '' if none. */
	label: string;
	confidence: number;
	/** Share of the item's answers equal to `label`. */
	agreement: number;
	answers: number;
	status: OutcomeStatus;
	method: OutcomeMethod;
	/** Why the item is in the review queue (empty when it is not). */
	reasons: ReviewReason[];
	/** Higher is more suspicious; orders the review queue. */
	suspicion: number;
}

/** A reason from outside consensus: a review flag or a rule finding. */
export interface ExternalReason {
	item: string;
	reason: Exclude<ReviewReason, 'agreement'>;
	at: number;
	/** 0–1; defaults: manual 1, rule 0.5. */
	score?: number;
	detail?: string;
}

export interface Decided {
	item: string;
	label: string;
	at: number;
	by: string;
}

export interface OutcomeInputs {
	stats: TaskStats;
	method: 'mv' | 'ds' | 'glad' | 'mace';
	/** The method's result over the task's answers (ignored for `mv`); may lag one debounce. */
	aggregate?: AggregateResult;
	decisions: ReadonlyMap<string, Decided>;
	gold: ReadonlyMap<string, string>;
	reasons: ReadonlyMap<string, ExternalReason[]>;
}

/** Latest decision per item (ties: the smaller reviewer id). */
export function latestDecisions(all: Iterable<Decided>): Map<string, Decided> {
	const out = new Map<string, Decided>();
	for (const d of all) {
		const cur = out.get(d.item);
		if (!cur || d.at > cur.at || (d.at === cur.at && d.by < cur.by)) out.set(d.item, d);
	}
	return out;
}

/** Maps an aggregate result to item → { label, confidence }. */
export function posteriorsByItem(r: AggregateResult): Map<string, { label: string; p: number }> {
	const out = new Map<string, { label: string; p: number }>();
	r.items.forEach((item, i) =>
		out.set(item, { label: r.labels[i] as string, p: r.confidence[i] as number })
	);
	return out;
}

const STATUSES: readonly OutcomeStatus[] = ['pending', 'accepted', 'review', 'reviewed'];
const METHODS: readonly OutcomeMethod[] = ['mv', 'ds', 'glad', 'mace', 'review', 'gold'];
const NO_REASONS: readonly ReviewReason[] = [];
const AGREEMENT: readonly ReviewReason[] = ['agreement'];

/** A copy of `a` with room for at least `n` entries (capacity doubles), or `a` if it has room. */
function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number, fill = 0): T {
	if (a.length >= n) return a;
	const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2, 16));
	b.set(a);
	if (fill !== 0) b.fill(fill, a.length);
	return b;
}

/**
 * Outcomes are kept in typed arrays indexed by the stats' item codes (no object per item); an
 * `ItemOutcome` is made only when asked for. Items without answers (gold, decisions or flags
 * alone) are kept aside as objects.
 */
export class Outcomes {
	#in: OutcomeInputs;
	/** Per stats item code: the aggregate's row for the item, or −1. */
	#postRow = new Int32Array(0);
	#label: string[] = [];
	#confidence = new Float64Array(0);
	#agreement = new Float64Array(0);
	#answers = new Int32Array(0);
	#status = new Uint8Array(0); // 1 + index in STATUSES; 0 = no outcome
	#method = new Uint8Array(0); // index in METHODS
	#suspicion = new Float64Array(0);
	/** Reasons of coded items other than none or ['agreement']. */
	#reasons = new Map<number, ReviewReason[]>();
	#queued = new Uint8Array(0); // 1 = reasons ['agreement']
	/** Outcomes of items the stats have no answers for. */
	#aside = new Map<string, ItemOutcome>();
	#counts: Record<OutcomeStatus, number> = { pending: 0, accepted: 0, review: 0, reviewed: 0 };

	constructor(inputs: OutcomeInputs) {
		this.#in = inputs;
		this.#postIndex();
		this.refreshAll();
	}

	/** Replaces inputs (e.g. a new aggregate or new decisions) and recomputes every item. */
	reset(inputs: OutcomeInputs): void {
		this.#in = inputs;
		this.#postIndex();
		this.refreshAll();
	}

	refreshAll(): void {
		const { stats, decisions, gold, reasons } = this.#in;
		this.#status.fill(0);
		this.#queued.fill(0);
		this.#reasons.clear();
		this.#aside.clear();
		this.#counts = { pending: 0, accepted: 0, review: 0, reviewed: 0 };
		this.#room(stats.itemCodes);
		for (let code = 0; code < stats.itemCodes; code++) this.#compute(stats.itemAt(code), code);
		for (const keys of [decisions.keys(), gold.keys(), reasons.keys()])
			for (const item of keys) if (stats.itemCode(item) === -1) this.#compute(item, -1);
	}

	/** Recomputes the outcomes of the given items (after their answers changed). */
	refresh(items: Iterable<string>): void {
		const { stats } = this.#in;
		this.#room(stats.itemCodes);
		for (const item of items) this.#compute(item, stats.itemCode(item));
	}

	get(item: string): ItemOutcome | undefined {
		const code = this.#in.stats.itemCode(item);
		return code === -1 ? this.#aside.get(item) : this.#at(code);
	}

	*all(): IterableIterator<ItemOutcome> {
		for (let code = 0; code < this.#status.length; code++) {
			const o = this.#at(code);
			if (o) yield o;
		}
		yield* this.#aside.values();
	}

	/** Items waiting for review, most suspicious first (ties: item id). */
	queue(): ItemOutcome[] {
		const q: ItemOutcome[] = [];
		for (let code = 0; code < this.#status.length; code++)
			if (this.#queued[code] || this.#reasons.has(code)) q.push(this.#at(code) as ItemOutcome);
		for (const o of this.#aside.values()) if (o.reasons.length > 0) q.push(o);
		return q.sort((a, b) => b.suspicion - a.suspicion || (a.item < b.item ? -1 : 1));
	}

	counts(): Record<OutcomeStatus, number> {
		return { ...this.#counts };
	}

	/** Maps every stats item code to its row in the aggregate (−1 when it has none). */
	#postIndex(): void {
		const { stats, method, aggregate } = this.#in;
		this.#postRow = new Int32Array(stats.itemCodes).fill(-1);
		if (method === 'mv' || !aggregate) return;
		// An aggregate of `stats.encoded()` lists the items in code order: guess the next code first.
		let guess = 0;
		const codes = stats.itemCodes;
		aggregate.items.forEach((item, row) => {
			while (guess < codes && stats.answersAt(guess) === 0) guess++;
			const code = guess < codes && stats.itemAt(guess) === item ? guess : stats.itemCode(item);
			if (code !== -1) this.#postRow[code] = row;
			guess = code + 1;
		});
	}

	#room(n: number): void {
		if (this.#status.length >= n) return;
		this.#confidence = grown(this.#confidence, n);
		this.#agreement = grown(this.#agreement, n);
		this.#answers = grown(this.#answers, n);
		this.#status = grown(this.#status, n);
		this.#method = grown(this.#method, n);
		this.#suspicion = grown(this.#suspicion, n);
		this.#queued = grown(this.#queued, n);
	}

	#at(code: number): ItemOutcome | undefined {
		const status = this.#status[code] as number;
		if (!status) return undefined;
		return {
			item: this.#in.stats.itemAt(code),
			label: this.#label[code] as string,
			confidence: this.#confidence[code] as number,
			agreement: this.#agreement[code] as number,
			answers: this.#answers[code] as number,
			status: STATUSES[status - 1] as OutcomeStatus,
			method: METHODS[this.#method[code] as number] as OutcomeMethod,
			reasons: [...(this.#reasons.get(code) ?? (this.#queued[code] ? AGREEMENT : NO_REASONS))],
			suspicion: this.#suspicion[code] as number
		};
	}

	/** Computes one item's outcome; `code` is its stats code, or −1 when the stats lack it. */
	#compute(item: string, code: number): void {
		const { stats, gold, decisions, reasons, method } = this.#in;
		const status0 = code === -1 ? undefined : stats.statusAt(code);
		const answers = status0 ? stats.answersAt(code) : 0;
		const tie = status0 ? stats.tieAt(code) : false;
		const goldLabel = gold.size ? gold.get(item) : undefined;
		const decided = decisions.size ? decisions.get(item) : undefined;
		const external = (reasons.size && reasons.get(item)) || [];
		if (!status0 && goldLabel === undefined && !decided && external.length === 0) {
			this.#store(item, code, undefined);
			return;
		}
		if (status0 && goldLabel === undefined && !decided && external.length === 0) {
			this.#consensusStore(code, status0, method);
			return;
		}
		let o: ItemOutcome;
		if (goldLabel !== undefined) {
			o = base(item, goldLabel, 1, this.#share(code, goldLabel), answers, 'accepted', 'gold');
		} else if (decided) {
			o = base(
				item,
				decided.label,
				1,
				this.#share(code, decided.label),
				answers,
				'reviewed',
				'review'
			);
		} else if (status0) {
			const { post, label, confidence, agreement, status } = this.#consensus(code, status0);
			o = base(item, label, confidence, agreement, answers, status, method);
			if (post === undefined && method !== 'mv') o.method = 'mv';
			if (status === 'review') {
				o.reasons.push('agreement');
				o.suspicion = 1 - agreement + (tie && !post ? 0.25 : 0);
			}
		} else {
			o = base(item, '', 0, 0, 0, 'pending', method);
		}
		// Flags and findings newer than the latest decision still ask for review.
		for (const r of external) {
			if (decided && r.at <= decided.at) continue;
			if (goldLabel !== undefined && r.reason !== 'manual') continue;
			if (!o.reasons.includes(r.reason)) o.reasons.push(r.reason);
			const s = r.score ?? (r.reason === 'manual' ? 1 : 0.5);
			o.suspicion = Math.max(o.suspicion, s);
		}
		if (o.reasons.length > 1) o.suspicion += 0.1 * (o.reasons.length - 1);
		this.#store(item, code, o);
	}

	/**
	 * An item's consensus: the aggregation model's label and confidence when it has the item, else
	 * the majority; accepted at the task's threshold, else sent to review (pending stays pending).
	 */
	#consensus(code: number, status0: ConsensusStatus) {
		const { stats } = this.#in;
		const row = code < this.#postRow.length ? (this.#postRow[code] as number) : -1;
		const post = row === -1 ? undefined : this.#in.aggregate;
		const label = post ? (post.labels[row] as string) : stats.majorityAt(code);
		const agreement = post ? this.#share(code, label) : stats.agreementAt(code);
		const status: ConsensusStatus =
			status0 === 'pending'
				? 'pending'
				: post
					? agreement >= stats.threshold - 1e-12
						? 'accepted'
						: 'review'
					: status0;
		const confidence = post ? (post.confidence[row] as number) : stats.agreementAt(code);
		return { post, label, confidence, agreement, status };
	}

	/** Share of the item's answers equal to `label`. */
	#share(code: number, label: string): number {
		const { stats } = this.#in;
		const answers = code === -1 ? 0 : stats.answersAt(code);
		if (!answers) return 0;
		if (label === stats.majorityAt(code) && !stats.tieAt(code)) return stats.agreementAt(code);
		return stats.countAt(code, label) / answers;
	}

	/**
	 * The common case without an object: an item decided by consensus alone (no gold, decision or
	 * flag). Same rules as the consensus branch of `#compute`.
	 */
	#consensusStore(code: number, status0: ConsensusStatus, method: OutcomeInputs['method']): void {
		const { stats } = this.#in;
		const { post, label, confidence, agreement, status } = this.#consensus(code, status0);
		const old = this.#status[code] as number;
		if (old) this.#counts[STATUSES[old - 1] as OutcomeStatus]--;
		if (this.#aside.size) this.#store(stats.itemAt(code), -1, undefined);
		this.#status[code] = STATUSES.indexOf(status) + 1;
		this.#counts[status]++;
		this.#reasons.delete(code);
		this.#label[code] = label;
		this.#confidence[code] = confidence;
		this.#agreement[code] = agreement;
		this.#answers[code] = stats.answersAt(code);
		this.#method[code] = METHODS.indexOf(post === undefined && method !== 'mv' ? 'mv' : method);
		const review = status === 'review';
		this.#queued[code] = review ? 1 : 0;
		this.#suspicion[code] = review ? 1 - agreement + (stats.tieAt(code) && !post ? 0.25 : 0) : 0;
	}

	/** Replaces an item's stored outcome (undefined: it has none), keeping the counts. */
	#store(item: string, code: number, o: ItemOutcome | undefined): void {
		if (code === -1) {
			const old = this.#aside.get(item);
			if (old) this.#counts[old.status]--;
			if (o) this.#aside.set(item, o);
			else this.#aside.delete(item);
		} else {
			const aside = this.#aside.size ? this.#aside.get(item) : undefined;
			if (aside) {
				// The item got its first answer since.
				this.#counts[aside.status]--;
				this.#aside.delete(item);
			}
			const old = this.#status[code] as number;
			if (old) this.#counts[STATUSES[old - 1] as OutcomeStatus]--;
			this.#status[code] = o ? STATUSES.indexOf(o.status) + 1 : 0;
			this.#queued[code] = 0;
			this.#reasons.delete(code);
			if (o) {
				this.#label[code] = o.label;
				this.#confidence[code] = o.confidence;
				this.#agreement[code] = o.agreement;
				this.#answers[code] = o.answers;
				this.#method[code] = METHODS.indexOf(o.method);
				this.#suspicion[code] = o.suspicion;
				if (o.reasons.length === 1 && o.reasons[0] === 'agreement') this.#queued[code] = 1;
				else if (o.reasons.length) this.#reasons.set(code, o.reasons);
			}
		}
		if (o) this.#counts[o.status]++;
	}
}

function base(
	item: string,
	label: string,
	confidence: number,
	agreement: number,
	answers: number,
	status: OutcomeStatus,
	method: OutcomeMethod
): ItemOutcome {
	return { item, label, confidence, agreement, answers, status, method, reasons: [], suspicion: 0 };
}

export interface AnnotatorAccuracy {
	annotator: string;
	answers: number;
	/** Share of answers equal to the item's majority, on items with ≥ 2 answers. */
	majority: number;
	/** Estimated accuracy Σ_t prior_t · P(answer t | truth t) from Dawid–Skene (or the method's skill). */
	estimated?: number;
	goldCorrect: number;
	goldTotal: number;
	/** Mean ms per answer. */
	meanMs: number;
}

/** Each annotator's measured accuracy from agreement, the aggregation model and gold items. */
export function annotatorAccuracy(
	stats: TaskStats,
	gold: ReadonlyMap<string, string>,
	aggregate?: AggregateResult
): AnnotatorAccuracy[] {
	const goldBy = new Map<string, { c: number; t: number }>();
	for (const [item, label] of gold)
		for (const a of stats.answersOf(item)) {
			const g = goldBy.get(a.annotator) ?? { c: 0, t: 0 };
			g.t++;
			if (a.label === label) g.c++;
			goldBy.set(a.annotator, g);
		}
	const est = new Map<string, number>();
	if (aggregate?.confusion) {
		const K = aggregate.classes.length;
		aggregate.workers.forEach((w, wi) => {
			const m = aggregate.confusion?.[wi];
			if (!m) return;
			let acc = 0;
			for (let t = 0; t < K; t++) acc += (aggregate.priors[t] as number) * (m[t * K + t] as number);
			est.set(w, acc);
		});
	} else if (aggregate?.skills) {
		aggregate.workers.forEach((w, wi) => est.set(w, aggregate.skills?.[wi] as number));
	}
	return stats
		.annotatorFigures()
		.map((f) => ({
			annotator: f.annotator,
			answers: f.answers,
			majority: f.comparable ? f.agreeWithMajority / f.comparable : NaN,
			estimated: est.get(f.annotator),
			goldCorrect: goldBy.get(f.annotator)?.c ?? 0,
			goldTotal: goldBy.get(f.annotator)?.t ?? 0,
			meanMs: f.answers ? f.msTotal / f.answers : 0
		}))
		.sort((a, b) => (a.annotator < b.annotator ? -1 : 1));
}
