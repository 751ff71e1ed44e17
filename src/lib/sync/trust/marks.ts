// Which Yjs item holds a map entry, so this device can tell its own writes from a peer's.
import type * as Y from 'yjs';
import { canonicalJson } from '$lib/core/signing';
import { sha256HexSync } from '$lib/core/sha256';

type ItemMap = Map<string, { id: { client: number; clock: number }; deleted: boolean }>;

const itemOf = (map: Y.Map<unknown>, key: string) =>
	(map as unknown as { _map: ItemMap })._map.get(key);

/** The Yjs item that holds a map entry now, as `client:clock` (each write makes a new item). */
export function entryId(map: Y.Map<unknown>, key: string): string | undefined {
	const item = itemOf(map, key);
	return item && !item.deleted ? `${item.id.client}:${item.id.clock}` : undefined;
}

/** The Yjs client id that wrote a map entry (as that client presents itself; unverified). */
export function entryClient(map: Y.Map<unknown>, key: string): number | undefined {
	return itemOf(map, key)?.id.client;
}

/**
 * A write this device made: the Yjs item that holds it and the SHA-256 of the value's canonical
 * JSON, `client:clock:sha256`.
 */
export function markOf(map: Y.Map<unknown>, key: string): string | undefined {
	const id = entryId(map, key);
	const v = map.get(key);
	return id === undefined || v === undefined
		? undefined
		: `${id}:${sha256HexSync(canonicalJson(v))}`;
}

const markItem = (mark: string) => mark.slice(0, mark.lastIndexOf(':'));

/** Whether the entry at `key` is still the item this device wrote (a cheap check for views). */
export function markIsCurrent(mark: string | undefined, map: Y.Map<unknown>, key: string): boolean {
	return mark !== undefined && entryId(map, key) === markItem(mark);
}
