/**
 * Overlap assignment without a coordinator (docs/ARCHITECTURE.md#assignment): each item goes to the
 * `overlap` members that rank highest by rendezvous (highest-random-weight) hashing of
 * `(item, member)`. Thaler & Ravishankar, "Using name-based mappings to increase hit rates",
 * IEEE/ACM ToN 6(1), 1998. Every peer computes the same answer from the same member list, and when
 * a member joins or leaves only the items they rank in the top `overlap` for move.
 */
import type { AnnotatorId, ItemId, Member, Role } from './types';

/** Roles that label items and so take a share of the queue. */
export const LABELING_ROLES: readonly Role[] = ['owner', 'annotator'];

/**
 * A 53-bit string hash (cyrb53, public domain, by bryc). Fast, well mixed and identical in every
 * JS engine, which is all rendezvous hashing needs; it is not a cryptographic hash.
 */
export function hash53(s: string, seed = 0): number {
	let h1 = 0xdeadbeef ^ seed;
	let h2 = 0x41c6ce57 ^ seed;
	for (let i = 0; i < s.length; i++) {
		const ch = s.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const score = (item: ItemId, member: AnnotatorId): number => hash53(`${item}\u0000${member}`);

/**
 * The members an item is assigned to: the `overlap` highest scores of `(item, member)`, ties broken
 * by member id. `members` may be in any order and may repeat; `overlap` is clamped to 1…members.
 */
export function assignees(
	item: ItemId,
	members: readonly AnnotatorId[],
	overlap: number
): AnnotatorId[] {
	const unique = [...new Set(members)];
	const k = Math.max(1, Math.min(Math.floor(overlap) || 1, unique.length));
	return unique
		.map((m) => ({ m, s: score(item, m) }))
		.sort((a, b) => b.s - a.s || (a.m < b.m ? -1 : a.m > b.m ? 1 : 0))
		.slice(0, k)
		.map((x) => x.m);
}

/** True when `me` is among the item's assignees. Cheaper than `assignees` for one member. */
export function isAssigned(
	item: ItemId,
	me: AnnotatorId,
	members: readonly AnnotatorId[],
	overlap: number
): boolean {
	const unique = [...new Set(members)];
	if (!unique.includes(me)) return false;
	const k = Math.max(1, Math.min(Math.floor(overlap) || 1, unique.length));
	if (k >= unique.length) return true;
	const mine = score(item, me);
	let above = 0;
	for (const m of unique) {
		if (m === me) continue;
		const s = score(item, m);
		if (s > mine || (s === mine && m < me)) above++;
		if (above >= k) return false;
	}
	return true;
}

/** The ids of members who label (owners and annotators), sorted, without duplicates. */
export function labelingMembers(members: Iterable<Member>): AnnotatorId[] {
	const ids = new Set<AnnotatorId>();
	for (const m of members) if (LABELING_ROLES.includes(m.role)) ids.add(m.id);
	return [...ids].sort();
}

/**
 * The part of `order` assigned to `me`, in the same order. When `me` is not a labeling member
 * (e.g. the project is not shared yet) the whole order is returned, so nobody sees an empty queue.
 */
export function assignedOrder(
	order: readonly ItemId[],
	me: AnnotatorId,
	members: readonly AnnotatorId[],
	overlap: number
): readonly ItemId[] {
	if (!members.includes(me) || overlap >= new Set(members).size) return order;
	return order.filter((id) => isAssigned(id, me, members, overlap));
}

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural check for a member record that came from a peer. */
export function isMember(v: unknown): v is Member {
	return (
		isObj(v) &&
		typeof v.id === 'string' &&
		v.id.length > 0 &&
		v.id.length <= 128 &&
		typeof v.name === 'string' &&
		v.name.length <= 200 &&
		typeof v.color === 'string' &&
		/^#[0-9a-fA-F]{6}$/.test(v.color) &&
		(v.role === 'owner' || v.role === 'annotator' || v.role === 'reviewer')
	);
}
