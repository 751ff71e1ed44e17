// What only the owner's device does: keep the signed member list current, change roles, remove
// members (with a new room), and sign a project that had no signed list yet.
import { isMember } from '$lib/core/assignment';
import { randomId } from '$lib/core/ids';
import {
	isSignedShape,
	keyFingerprint,
	reviewSign,
	roomSeal,
	signedMake,
	type MembersBody,
	type RoomSecret,
	type Signed,
	type SignedMember
} from '$lib/core/signing';
import type { AnnotatorId, Role } from '$lib/core/types';
import { ORIGIN } from '../doc';
import { markOf } from './marks';
import { anchorSave } from './store';
import { isOwner, isReviewKey, META_KINDS, type TrustState } from './state';

/** The owner's device keeps the signed list current and signs an unsigned project. */
export async function ownerMaintain(s: TrustState): Promise<void> {
	const me = s.d.me;
	const cur = s.members;
	if (cur) {
		if (!isOwner(s)) return;
	} else {
		// Not signed yet: the owner (by the unsigned member map) signs it now.
		const plain = s.p.members.get(me);
		if (!isMember(plain) || plain.role !== 'owner') return;
		if (s.anchor && s.anchor.owner !== me) return;
	}
	const keys = s.d.keys;
	const members: SignedMember[] = cur ? cur.body.members.map((m) => ({ ...m })) : [];
	const removed = new Set(cur?.body.removed ?? []);
	const mine = members.find((m) => m.id === me);
	if (!mine) members.push({ id: me, role: 'owner', key: keys.signPub, dh: keys.dhPub });
	let changed = !cur || !mine;
	for (const [id, m] of s.p.members) {
		if (!isMember(m) || m.id !== id || id === me || removed.has(id as AnnotatorId)) continue;
		if (typeof m.key !== 'string' || typeof m.dh !== 'string') continue;
		// A member's keys never change once signed (an id belongs to one device): other keys
		// published under a known id would let someone take over that member's role.
		if (members.some((x) => x.id === id)) continue;
		// Newcomers start as annotators; only the owner grants roles. When the project is
		// signed for the first time, the roles it had are kept.
		members.push({
			id: id as AnnotatorId,
			role: cur ? 'annotator' : m.role,
			key: m.key,
			dh: m.dh
		});
		changed = true;
	}
	if (!changed) {
		// The doc holds another list (replaced by someone, or older): publish the valid one again.
		const inDoc = s.p.trust.get('members');
		if (cur && (!isSignedShape(inDoc) || inDoc.sig !== cur.sig))
			s.p.doc.transact(() => s.p.trust.set('members', cur), ORIGIN.SIGN);
		return;
	}
	const first = !cur;
	await membersPublish(s, {
		epoch: (cur?.body.epoch ?? 0) + 1,
		members,
		...(removed.size ? { removed: [...removed] } : {})
	});
	if (first) await vouchLegacy(s);
}

async function membersPublish(
	s: TrustState,
	body: MembersBody,
	extra?: () => void
): Promise<Signed<MembersBody>> {
	const rec = await signedMake(s.d.keys, 'members', body, s.d.me, s.d.now());
	s.verdicts.set(`members:${rec.sig}`, '');
	s.p.doc.transact(() => {
		s.p.trust.set('members', rec);
		extra?.();
	}, ORIGIN.SIGN);
	s.members = rec;
	s.allReviews = true;
	if (!s.anchor) {
		s.anchor = { owner: s.d.me, fp: await keyFingerprint(s.d.keys.signPub) };
		await anchorSave(s.d.store, s.d.projectId, s.anchor);
	}
	return rec;
}

/**
 * When a project is signed for the first time, the owner signs its schema and settings, and
 * vouches for the review values that reviewers and owners made before.
 */
async function vouchLegacy(s: TrustState): Promise<void> {
	for (const kind of META_KINDS) {
		const mark = markOf(s.p.meta, kind);
		if (mark) s.localMeta.set(kind, mark);
	}
	const members = s.members?.body;
	if (!members) return;
	const updates: [string, unknown][] = [];
	for (const [k, v] of s.p.reviews) {
		if (!isReviewKey(k) || typeof v !== 'object' || v === null || 'sig' in v) continue;
		const by = (v as { by?: unknown }).by;
		const role = members.members.find((m) => m.id === by)?.role;
		if (role !== 'owner' && role !== 'reviewer') continue;
		updates.push([k, await reviewSign(s.d.keys, s.d.me, k, v)]);
	}
	if (updates.length)
		s.p.doc.transact(() => {
			for (const [k, v] of updates) s.p.reviews.set(k, v);
		}, ORIGIN.SIGN);
}

/**
 * Removes a member, makes a new room encrypted for everyone who stays, and signs both. Returns
 * the new room.
 */
export async function ownerMemberRemove(
	s: TrustState,
	id: AnnotatorId
): Promise<{ secret: RoomSecret; epoch: number }> {
	const cur = s.members;
	if (!cur || !isOwner(s)) throw new Error('Only the project owner can remove members.');
	if (id === s.d.me) throw new Error('The owner cannot remove themselves.');
	const members = cur.body.members.filter((m) => m.id !== id);
	const epoch = cur.body.epoch + 1;
	const secret: RoomSecret = { room: `quorum-${randomId(12)}`, key: randomId(24) };
	const room = await roomSeal(secret, epoch, members);
	const roomRec = await signedMake(s.d.keys, 'room', room, s.d.me, s.d.now());
	s.verdicts.set(`room:${roomRec.sig}`, '');
	await membersPublish(
		s,
		{ epoch, members, removed: [...new Set([...(cur.body.removed ?? []), id])] },
		() => {
			s.p.trust.set('room', roomRec);
			s.p.members.delete(id);
		}
	);
	return { secret, epoch };
}

/** Signs a new list with `id`'s new role. */
export async function ownerRoleSet(s: TrustState, id: AnnotatorId, role: Role): Promise<void> {
	const cur = s.members;
	if (!cur || !isOwner(s)) throw new Error('Only the project owner can change roles.');
	if (id === s.d.me && role !== 'owner')
		throw new Error('The owner cannot give up their own role.');
	const members = cur.body.members.map((m) => (m.id === id ? { ...m, role } : m));
	if (!members.some((m) => m.id === id)) throw new Error('That member has not joined yet.');
	await membersPublish(s, { ...cur.body, epoch: cur.body.epoch + 1, members });
}
