/**
 * Members (the doc's `members` map) and presence (awareness: who is online and which item each
 * person has open). Remote values are checked before any view sees them; a malformed one is
 * skipped and counted, never trusted.
 */
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { isMember } from '$lib/core/assignment';
import type { AnnotatorId, ItemId, Member } from '$lib/core/types';
import { ORIGIN, memberUpsert, type ProjectDoc } from './doc';

export interface Presence {
	/** Awareness client id (one per tab). */
	client: number;
	member: AnnotatorId;
	name: string;
	color: string;
	/** The item this person has open, if any. */
	item?: ItemId;
}

export function presenceNew(doc: Y.Doc): Awareness {
	return new Awareness(doc);
}

export function membersRead(p: ProjectDoc): { members: Member[]; invalid: number } {
	const members: Member[] = [];
	let invalid = 0;
	for (const [id, v] of p.members) {
		if (isMember(v) && v.id === id) members.push(v);
		else invalid++;
	}
	members.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
	return { members, invalid };
}

export function memberJoin(p: ProjectDoc, m: Member): void {
	memberUpsert(p, m, ORIGIN.LOCAL);
}

/** Sets my presence: who I am and the item I have open. */
export function presenceSet(
	a: Awareness,
	me: { id: AnnotatorId; name: string; color: string },
	item: ItemId | undefined
): void {
	a.setLocalState({ user: { id: me.id, name: me.name, color: me.color }, item: item ?? null });
}

/** Everyone else online (valid states only), one entry per tab. */
export function presenceOthers(a: Awareness): Presence[] {
	const out: Presence[] = [];
	for (const [client, s] of a.getStates()) {
		if (client === a.clientID) continue;
		const st = s as { user?: { id?: unknown; name?: unknown; color?: unknown }; item?: unknown };
		const u = st.user;
		if (!u || typeof u.id !== 'string' || typeof u.name !== 'string') continue;
		const color =
			typeof u.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(u.color) ? u.color : '#666666';
		const p: Presence = { client, member: u.id as AnnotatorId, name: u.name.slice(0, 200), color };
		if (typeof st.item === 'string' && st.item.length <= 128) p.item = st.item as ItemId;
		out.push(p);
	}
	return out;
}

export function presenceOnChange(a: Awareness, fn: () => void): () => void {
	a.on('change', fn);
	return () => a.off('change', fn);
}
