/**
 * The store's change events: what changed (topics, and which items' annotations), told to the
 * listeners of those topics and items only. Built from the doc index's transaction summaries.
 */
import type { ItemId } from '$lib/core/types';
import type { IndexChange } from './doc-index';

/** What a change can be about; listeners subscribe to the topics they show. */
export type DocTopic =
	| 'items'
	| 'annotations'
	/** id, name, description */
	| 'meta'
	| 'schema'
	| 'settings'
	| 'guidelines'
	| 'reviews'
	| 'members'
	| 'prep'
	/** comments on items and their resolutions */
	| 'comments'
	| 'log';

export interface DocChange {
	readonly topics: ReadonlySet<DocTopic>;
	/** Items whose annotations changed (empty unless `annotations` is a topic). */
	readonly items: ReadonlySet<ItemId>;
	readonly origin: unknown;
	/** Whether this device made the change (not a peer, a file or storage). */
	readonly local: boolean;
}

export type DocListener = (c: DocChange) => void;

export class DocEvents {
	readonly #topicListeners = new Map<DocTopic, Set<DocListener>>();
	readonly #itemListeners = new Map<ItemId, Set<DocListener>>();
	readonly #stamps = new Map<DocTopic, number>();

	/** Calls `fn` after each change that touches one of `topics`; returns the unsubscribe. */
	on(topics: DocTopic | readonly DocTopic[], fn: DocListener): () => void {
		const list = typeof topics === 'string' ? [topics] : topics;
		for (const t of list) {
			let set = this.#topicListeners.get(t);
			if (!set) this.#topicListeners.set(t, (set = new Set()));
			set.add(fn);
		}
		return () => {
			for (const t of list) this.#topicListeners.get(t)?.delete(fn);
		};
	}

	/** Calls `fn` after each change to `item`'s annotations; returns the unsubscribe. */
	onItem(item: ItemId, fn: DocListener): () => void {
		let set = this.#itemListeners.get(item);
		if (!set) this.#itemListeners.set(item, (set = new Set()));
		set.add(fn);
		return () => {
			set.delete(fn);
			if (set.size === 0 && this.#itemListeners.get(item) === set) this.#itemListeners.delete(item);
		};
	}

	/**
	 * How many changes `topic` has seen: a cache key for values computed from the doc (not a
	 * reactive signal; views subscribe with `on`).
	 */
	stamp(topic: DocTopic): number {
		return this.#stamps.get(topic) ?? 0;
	}

	emit(c: DocChange): void {
		for (const t of c.topics) this.#stamps.set(t, this.stamp(t) + 1);
		const called = new Set<DocListener>();
		for (const t of c.topics)
			for (const fn of this.#topicListeners.get(t) ?? []) {
				if (called.has(fn)) continue;
				called.add(fn);
				fn(c);
			}
		if (c.items.size === 0 || this.#itemListeners.size === 0) return;
		// Iterate the smaller side: a flood touches thousands of items, a page shows a few.
		if (c.items.size < this.#itemListeners.size) {
			for (const id of c.items) for (const fn of this.#itemListeners.get(id) ?? []) fn(c);
		} else {
			for (const [id, fns] of [...this.#itemListeners])
				if (c.items.has(id)) for (const fn of fns) fn(c);
		}
	}

	clear(): void {
		this.#topicListeners.clear();
		this.#itemListeners.clear();
	}
}

export function changeFrom(c: IndexChange): DocChange {
	const topics = new Set<DocTopic>();
	if (c.items) topics.add('items');
	if (c.annotations) topics.add('annotations');
	if (c.guidelines) topics.add('guidelines');
	if (c.reviews) topics.add('reviews');
	if (c.members) topics.add('members');
	if (c.prep) topics.add('prep');
	if (c.comments) topics.add('comments');
	if (c.log) topics.add('log');
	for (const k of c.metaKeys)
		topics.add(k === 'schema' ? 'schema' : k === 'settings' ? 'settings' : 'meta');
	return {
		topics,
		items: c.touched,
		origin: c.origin,
		local: c.local
	};
}
