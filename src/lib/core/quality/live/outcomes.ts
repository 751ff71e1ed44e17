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

export class Outcomes {
	#in: OutcomeInputs;
	#post: Map<string, { label: string; p: number }> | undefined;
	#byItem = new Map<string, ItemOutcome>();

	constructor(inputs: OutcomeInputs) {
		this.#in = inputs;
		this.#post =
			inputs.method !== 'mv' && inputs.aggregate ? posteriorsByItem(inputs.aggregate) : undefined;
		this.refreshAll();
	}

	/** Replaces inputs (e.g. a new aggregate or new decisions) and recomputes every item. */
	reset(inputs: OutcomeInputs): void {
		this.#in = inputs;
		this.#post =
			inputs.method !== 'mv' && inputs.aggregate ? posteriorsByItem(inputs.aggregate) : undefined;
		this.refreshAll();
	}

	refreshAll(): void {
		this.#byItem.clear();
		const items = new Set<string>();
		for (const c of this.#in.stats.consensus()) items.add(c.item);
		for (const k of this.#in.decisions.keys()) items.add(k);
		for (const k of this.#in.gold.keys()) items.add(k);
		for (const k of this.#in.reasons.keys()) items.add(k);
		for (const item of items) this.#compute(item);
	}

	/** Recomputes the outcomes of the given items (after their answers changed). */
	refresh(items: Iterable<string>): void {
		for (const item of items) this.#compute(item);
	}

	get(item: string): ItemOutcome | undefined {
		return this.#byItem.get(item);
	}

	all(): IterableIterator<ItemOutcome> {
		return this.#byItem.values();
	}

	/** Items waiting for review, most suspicious first (ties: item id). */
	queue(): ItemOutcome[] {
		const q = [...this.#byItem.values()].filter((o) => o.reasons.length > 0);
		return q.sort((a, b) => b.suspicion - a.suspicion || (a.item < b.item ? -1 : 1));
	}

	counts(): Record<OutcomeStatus, number> {
		const c: Record<OutcomeStatus, number> = { pending: 0, accepted: 0, review: 0, reviewed: 0 };
		for (const o of this.#byItem.values()) c[o.status]++;
		return c;
	}

	#compute(item: string): void {
		const { stats, gold, decisions, reasons, method } = this.#in;
		const con = stats.consensusOf(item);
		const answers = con?.answers ?? 0;
		const share = (label: string) => {
			if (!answers) return 0;
			if (con && label === con.label && !con.tie) return con.agreement;
			let n = 0;
			for (const a of stats.answersOf(item)) if (a.label === label) n++;
			return n / answers;
		};
		const goldLabel = gold.get(item);
		const decided = decisions.get(item);
		const external = reasons.get(item) ?? [];
		if (!con && goldLabel === undefined && !decided && external.length === 0) {
			this.#byItem.delete(item);
			return;
		}
		let o: ItemOutcome;
		if (goldLabel !== undefined) {
			o = base(item, goldLabel, 1, share(goldLabel), answers, 'accepted', 'gold');
		} else if (decided) {
			o = base(item, decided.label, 1, share(decided.label), answers, 'reviewed', 'review');
		} else if (con) {
			const post = this.#post?.get(item);
			const label = post?.label ?? con.label;
			const agreement = post ? share(label) : con.agreement;
			const status: ConsensusStatus =
				con.status === 'pending'
					? 'pending'
					: post
						? agreement >= this.#threshold() - 1e-12
							? 'accepted'
							: 'review'
						: con.status;
			o = base(item, label, post?.p ?? con.agreement, agreement, answers, status, method);
			if (post === undefined && method !== 'mv') o.method = 'mv';
			if (status === 'review') {
				o.reasons.push('agreement');
				o.suspicion = 1 - agreement + (con.tie && !post ? 0.25 : 0);
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
		this.#byItem.set(item, o);
	}

	#threshold(): number {
		return this.#in.stats.threshold;
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
