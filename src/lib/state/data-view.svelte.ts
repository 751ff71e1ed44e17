/**
 * The data table's filters and the filtered item list. Filtering 100k items is one linear pass,
 * redone only when the items change (or, with a label filter, the annotations); the table renders
 * only the visible rows (ui/data/VirtualRows.svelte), each tracking its own item's annotations.
 */
import { annotationLabels } from '$lib/core/tasks';
import type { Annotation, Item, ItemId, LabelId } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import type { ProjectSession } from './project-session.svelte';

export type LabelFilter = '' | '__unlabeled' | '__labeled' | LabelId;

export interface Row {
	id: ItemId;
	n: number;
	item: Item;
	annotations: Annotation[];
}

type Ref = { id: ItemId; n: number };

export class DataView {
	readonly #s: ProjectSession;
	readonly #store: ProjectStore;
	#search = $state('');
	#label = $state<LabelFilter>('');
	#memo: { key: string; ids: Ref[] } | undefined;

	constructor(session: ProjectSession) {
		this.#s = session;
		this.#store = session.store;
	}

	/** Words looked for in the items' texts and metadata. */
	get search(): string {
		return this.#search;
	}

	searchSet(q: string): void {
		this.#search = q;
	}

	get label(): LabelFilter {
		return this.#label;
	}

	labelSet(l: LabelFilter): void {
		this.#label = l;
	}

	/** Ids (with their position in import order) matching the filters. */
	get ids(): readonly Ref[] {
		const q = this.#search.trim().toLowerCase();
		const label = this.#label;
		if (label) this.#s.track('items', 'annotations');
		else this.#s.track('items');
		const key = `${this.#store.stamp('items')}|${label ? this.#store.stamp('annotations') : ''}|${label}|${q}`;
		if (this.#memo?.key === key) return this.#memo.ids;
		const ids = this.#filter(q, label);
		this.#memo = { key, ids };
		return ids;
	}

	#filter(q: string, label: LabelFilter): Ref[] {
		const order = this.#store.order;
		if (!q && !label) return order.map((id, n) => ({ id, n }));
		const out: Ref[] = [];
		for (let n = 0; n < order.length; n++) {
			const id = order[n] as ItemId;
			if (label && !this.#labelMatch(id, label)) continue;
			if (q && !this.#textMatch(id, q)) continue;
			out.push({ id, n });
		}
		return out;
	}

	#labelMatch(id: ItemId, label: LabelFilter): boolean {
		const labeled = this.#store.isLabeled(id);
		if (label === '__unlabeled') return !labeled;
		if (label === '__labeled') return labeled;
		if (!labeled) return false;
		return this.#store
			.annotationsOf(id)
			.some((a) => annotationLabels(a.value).includes(label as LabelId));
	}

	#textMatch(id: ItemId, q: string): boolean {
		const item = this.#store.item(id);
		if (!item) return false;
		if (item.text?.toLowerCase().includes(q)) return true;
		return Object.values(item.meta ?? {}).some((v) => v.toLowerCase().includes(q));
	}

	row(i: number): Row | undefined {
		const ref = this.ids[i];
		if (!ref) return undefined;
		const item = this.#s.item(ref.id);
		if (!item) return undefined;
		return { id: ref.id, n: ref.n, item, annotations: this.#s.annotationsOf(ref.id) };
	}
}
