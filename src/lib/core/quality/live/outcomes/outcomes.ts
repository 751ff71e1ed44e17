/**
 * What happens to each item of a classification task (issue 8): its final label, how it was
 * decided (consensus by a method, a reviewer, or gold), its confidence, and whether it waits for
 * more answers or for review — plus the review queue, sorted by suspicion. Kept per item so one
 * new answer updates one outcome (stored in table.ts).
 */
import type { ConsensusStatus } from '../task-stats/types';
import {
	METHODS,
	outcomeAt,
	outcomeStore,
	outcomeTableClear,
	outcomeTableNew,
	outcomeTableRoom,
	STATUSES,
	type OutcomeTable
} from './table';
import type { ItemOutcome, OutcomeInputs, OutcomeMethod, OutcomeStatus } from './types';

export class Outcomes {
	#in: OutcomeInputs;
	/** Per stats item code: the aggregate's row for the item, or −1. */
	#postRow = new Int32Array(0);
	#t: OutcomeTable = outcomeTableNew();

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
		outcomeTableClear(this.#t);
		outcomeTableRoom(this.#t, stats.itemCodes);
		for (let code = 0; code < stats.itemCodes; code++) this.#compute(stats.itemAt(code), code);
		for (const keys of [decisions.keys(), gold.keys(), reasons.keys()])
			for (const item of keys) if (stats.itemCode(item) === -1) this.#compute(item, -1);
	}

	/** Recomputes the outcomes of the given items (after their answers changed). */
	refresh(items: Iterable<string>): void {
		const { stats } = this.#in;
		outcomeTableRoom(this.#t, stats.itemCodes);
		for (const item of items) this.#compute(item, stats.itemCode(item));
	}

	get(item: string): ItemOutcome | undefined {
		const code = this.#in.stats.itemCode(item);
		return code === -1 ? this.#t.aside.get(item) : outcomeAt(this.#t, this.#in.stats, code);
	}

	*all(): IterableIterator<ItemOutcome> {
		for (let code = 0; code < this.#t.status.length; code++) {
			const o = outcomeAt(this.#t, this.#in.stats, code);
			if (o) yield o;
		}
		yield* this.#t.aside.values();
	}

	/** Items waiting for review, most suspicious first (ties: item id). */
	queue(): ItemOutcome[] {
		const t = this.#t;
		const q: ItemOutcome[] = [];
		for (let code = 0; code < t.status.length; code++)
			if (t.queued[code] || t.reasons.has(code))
				q.push(outcomeAt(t, this.#in.stats, code) as ItemOutcome);
		for (const o of t.aside.values()) if (o.reasons.length > 0) q.push(o);
		return q.sort((a, b) => b.suspicion - a.suspicion || (a.item < b.item ? -1 : 1));
	}

	counts(): Record<OutcomeStatus, number> {
		return { ...this.#t.counts };
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
			outcomeStore(this.#t, item, code, undefined);
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
		outcomeStore(this.#t, item, code, o);
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
		const t = this.#t;
		const { post, label, confidence, agreement, status } = this.#consensus(code, status0);
		const old = t.status[code] as number;
		if (old) t.counts[STATUSES[old - 1] as OutcomeStatus]--;
		if (t.aside.size) outcomeStore(this.#t, stats.itemAt(code), -1, undefined);
		t.status[code] = STATUSES.indexOf(status) + 1;
		t.counts[status]++;
		t.reasons.delete(code);
		t.label[code] = label;
		t.confidence[code] = confidence;
		t.agreement[code] = agreement;
		t.answers[code] = stats.answersAt(code);
		t.method[code] = METHODS.indexOf(post === undefined && method !== 'mv' ? 'mv' : method);
		const review = status === 'review';
		t.queued[code] = review ? 1 : 0;
		t.suspicion[code] = review ? 1 - agreement + (stats.tieAt(code) && !post ? 0.25 : 0) : 0;
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
