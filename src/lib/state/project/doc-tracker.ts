/**
 * The bridge from the doc's events to Svelte's reactivity: a tracker, called inside a getter,
 * makes the effect or derived that reads the getter re-run after a change to its topics (or to
 * one item's annotations), and only then. Outside an effect it does nothing, so getters read the
 * store fresh every time (the store caches what is costly to validate).
 */
import { createSubscriber } from 'svelte/reactivity';
import type { DocTopic, ProjectStore } from '$lib/sync/project-store';
import type { ItemId } from '$lib/core/types';

export type Tracker = () => void;

export function trackerOf(store: ProjectStore, topics: DocTopic | readonly DocTopic[]): Tracker {
	return createSubscriber((update) => store.on(topics, () => update()));
}

/** Trackers per topic set and per item, made once and shared by every view of one store. */
export class DocTrackers {
	readonly #store: ProjectStore;
	readonly #topics = new Map<string, Tracker>();
	readonly #items = new Map<ItemId, Tracker>();

	constructor(store: ProjectStore) {
		this.#store = store;
	}

	/** Tracks changes to any of `topics`. */
	topics(...topics: DocTopic[]): void {
		const key = topics.join(',');
		let t = this.#topics.get(key);
		if (!t) this.#topics.set(key, (t = trackerOf(this.#store, topics)));
		t();
	}

	/** Tracks changes to `item`'s annotations. */
	item(item: ItemId): void {
		let t = this.#items.get(item);
		if (!t) {
			const store = this.#store;
			this.#items.set(item, (t = createSubscriber((update) => store.onItem(item, () => update()))));
		}
		t();
	}
}
