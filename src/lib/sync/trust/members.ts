// Reading the signed member list: the newest valid one wins, checked against the anchor.
import { isMember } from '$lib/core/assignment';
import {
	canonicalJson,
	isSignedShape,
	keyFingerprint,
	membersCheck,
	type MembersBody,
	type Signed
} from '$lib/core/signing';
import { anchorSave } from './store';
import { reportAdd, verdictOf, type TrustState } from './state';

/** Adopts the newest valid member list from the doc or the cache, reporting invalid ones. */
export async function membersRead(s: TrustState): Promise<void> {
	const candidates: unknown[] = [s.p.trust.get('members'), s.cached.members];
	let best = s.members;
	for (const rec of candidates) {
		if (!isSignedShape(rec)) {
			if (rec !== undefined && rec === candidates[0])
				reportAdd(s, `members:${canonicalJson(rec).slice(0, 200)}`, {
					who: '',
					what: 'member list',
					at: s.d.now(),
					why: 'malformed'
				});
			continue;
		}
		const why = await verdictOf(s, `members:${rec.sig}`, async () =>
			s.anchor || tofuOk(s, rec)
				? membersCheck(rec, s.anchor)
				: 'member list not signed by the project owner'
		);
		if (why) {
			if (rec === candidates[0])
				reportAdd(s, `members:${rec.sig}`, {
					who: rec.by,
					what: 'member list',
					at: rec.at,
					why
				});
			continue;
		}
		const body = rec.body as MembersBody;
		if (!best || body.epoch > best.body.epoch) best = rec as Signed<MembersBody>;
	}
	if (best && best !== s.members) {
		s.members = best;
		// Roles changed: every review verdict depends on them.
		s.allReviews = true;
		s.verdicts.clear();
		if (!s.anchor?.owner) {
			const owner = best.body.members.find((m) => m.id === best?.by);
			if (owner) {
				s.anchor = { owner: best.by, fp: await keyFingerprint(owner.key) };
				await anchorSave(s.d.store, s.d.projectId, s.anchor);
			}
		}
	}
}

/**
 * Trust on first use for a project that was signed after this device joined: the list must be
 * signed by the member the (older, unsigned) member map names as owner.
 */
function tofuOk(s: TrustState, rec: Signed<unknown>): boolean {
	const plain = s.p.members.get(rec.by);
	return isMember(plain) && plain.role === 'owner';
}
