/** The project's items and annotations in import order, as an export reads them. */
import type { Annotation, Item } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';

export function itemsInOrder(store: ProjectStore, itemMap?: (it: Item) => Item): Item[] {
	const items: Item[] = [];
	for (const id of store.order) {
		const it = store.item(id);
		if (it) items.push(itemMap ? itemMap(it) : it);
	}
	return items;
}

export function annotationsInOrder(store: ProjectStore): Annotation[] {
	return store.order.flatMap((id) => store.annotationsOf(id));
}
