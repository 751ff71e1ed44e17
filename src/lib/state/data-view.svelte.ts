/**
 * The data table's filters and the filtered item list. Filtering 100k items is one linear pass;
 * the table renders only the visible rows (ui/data/VirtualRows.svelte).
 */
import { annotationLabels } from '$lib/core/tasks';
import type { Annotation, Item, ItemId, LabelId } from '$lib/core/types';
import type { ProjectSession } from './project-session.svelte';

export type LabelFilter = '' | '__unlabeled' | '__labeled' | LabelId;

export interface Row {
	id: ItemId;
	n: number;
	item: Item;
	annotations: Annotation[];
}

export class DataView {
	#s: ProjectSession;
	search = $state('');
	label = $state<LabelFilter>('');

	constructor(session: ProjectSession) {
		this.#s = session;
	}

	/** Ids (with their position in import order) matching the filters. */
	readonly ids = $derived.by(() => {
		void this.#s.version;
		const order = this.#s.index.order;
		const q = this.search.trim().toLowerCase();
		const label = this.label;
		if (!q && !label) return order.map((id, n) => ({ id, n }));
		const out: { id: ItemId; n: number }[] = [];
		for (let n = 0; n < order.length; n++) {
			const id = order[n] as ItemId;
			if (label && !this.#labelMatch(id, label)) continue;
			if (q && !this.#textMatch(id, q)) continue;
			out.push({ id, n });
		}
		return out;
	});

	#labelMatch(id: ItemId, label: LabelFilter): boolean {
		const labeled = this.#s.index.isLabeled(id);
		if (label === '__unlabeled') return !labeled;
		if (label === '__labeled') return labeled;
		if (!labeled) return false;
		return this.#s.index
			.annotationsOf(id)
			.some((a) => annotationLabels(a.value).includes(label as LabelId));
	}

	#textMatch(id: ItemId, q: string): boolean {
		const item = this.#s.index.item(id);
		if (!item) return false;
		if (item.text?.toLowerCase().includes(q)) return true;
		return Object.values(item.meta ?? {}).some((v) => v.toLowerCase().includes(q));
	}

	row(i: number): Row | undefined {
		const ref = this.ids[i];
		if (!ref) return undefined;
		const item = this.#s.index.item(ref.id);
		if (!item) return undefined;
		return { id: ref.id, n: ref.n, item, annotations: this.#s.index.annotationsOf(ref.id) };
	}
}
