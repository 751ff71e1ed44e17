// Room rotation on this device's side: open the owner's new room, or learn it was removed.
import { editCheck, isRoomBody, isSignedShape, roomOpen, type Signed } from '$lib/core/signing';
import { reportAdd, verdictOf, type TrustState } from './state';

/** Moves to a newer room the owner signed for this device (`onRoom`), or sets `removed`. */
export async function roomRead(s: TrustState): Promise<void> {
	const rec = s.p.trust.get('room');
	if (rec === undefined || !s.members) return;
	const members = s.members.body;
	const why = !isSignedShape(rec)
		? 'malformed'
		: rec.kind !== 'room' || !isRoomBody(rec.body)
			? 'malformed'
			: rec.by !== s.anchor?.owner
				? 'not signed by the project owner'
				: await verdictOf(s, `room:${rec.sig}`, () => editCheck(rec, members, ['owner']));
	if (why) {
		const sr = isSignedShape(rec) ? rec : undefined;
		reportAdd(s, `room:${sr?.sig ?? ''}`, {
			who: sr?.by ?? '',
			what: 'room key',
			at: sr?.at ?? 0,
			why
		});
		return;
	}
	const body = (rec as Signed<{ epoch: number; eph: string; to: Record<string, never> }>).body;
	if (!isRoomBody(body) || body.epoch <= s.d.roomEpoch()) return;
	const secret = await roomOpen(body, s.d.me, s.d.keys.dh.privateKey);
	if (secret) {
		s.removed = false;
		s.d.onRoom(secret, body.epoch);
	} else s.removed = true;
}
