/**
 * The order of one annotator's queue, in three steps, each memoised on the identity of its
 * inputs (the store hands out the same arrays and sets until they change):
 * 1. my share of the items (core/assignment.ts: rendezvous hashing when `overlap` is below the
 *    team size, otherwise every item in import order);
 * 2. the queue strategy's reordering (state/queue-order.ts), if one is set;
 * 3. gold items mixed in at the project's gold rate (core/gold.ts).
 */
import { assignedOrder } from '$lib/core/assignment';
import { goldMix } from '$lib/core/gold';
import type { AnnotatorId, ItemId } from '$lib/core/types';

export type Reorder = (ids: readonly ItemId[]) => readonly ItemId[];

export interface MyOrderInput {
	/** Every item id, in import order. */
	all: readonly ItemId[];
	/** Labeling members of a shared project, sorted; undefined when not shared. */
	members: readonly AnnotatorId[] | undefined;
	overlap: number;
	gold: ReadonlySet<ItemId>;
	goldRate: number;
}

export class MyOrder {
	readonly #me: AnnotatorId;
	#reorder: Reorder | undefined;
	#assigned: { from: readonly ItemId[]; key: string; order: readonly ItemId[] } | undefined;
	#reordered: { from: readonly ItemId[]; order: readonly ItemId[] } | undefined;
	#mixed:
		| { from: readonly ItemId[]; gold: ReadonlySet<ItemId>; rate: number; order: readonly ItemId[] }
		| undefined;

	constructor(me: AnnotatorId) {
		this.#me = me;
	}

	/** Sets the queue strategy's reordering (undefined: as assigned). */
	reorderSet(f: Reorder | undefined): void {
		this.#reorder = f;
		this.#reordered = undefined;
		this.#mixed = undefined;
	}

	of(input: MyOrderInput): readonly ItemId[] {
		const base = this.#reorderedOf(this.#assignedOf(input));
		if (input.gold.size === 0 || !(input.goldRate > 0)) return base;
		const m = this.#mixed;
		if (m && m.from === base && m.gold === input.gold && m.rate === input.goldRate) return m.order;
		const order = goldMix(base, input.all, input.gold, input.goldRate);
		this.#mixed = { from: base, gold: input.gold, rate: input.goldRate, order };
		return order;
	}

	#assignedOf({ all, members, overlap }: MyOrderInput): readonly ItemId[] {
		if (!members) return all;
		const key = `${overlap}|${members.join(',')}`;
		const c = this.#assigned;
		if (c && c.from === all && c.key === key) return c.order;
		const order = assignedOrder(all, this.#me, members, overlap);
		this.#assigned = { from: all, key, order };
		return order;
	}

	#reorderedOf(ids: readonly ItemId[]): readonly ItemId[] {
		if (!this.#reorder) return ids;
		if (this.#reordered?.from !== ids) this.#reordered = { from: ids, order: this.#reorder(ids) };
		return this.#reordered.order;
	}
}
