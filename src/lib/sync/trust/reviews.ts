// Trusted review decisions and gold answers: each value counts once a reviewer or the owner
// signed it; this device signs its own.
import { canonicalJson, reviewCheck, reviewSign, type MembersBody } from '$lib/core/signing';
import { entryClient, markIsCurrent, markOf } from './marks';
import { authorOf, isReviewKey, reportAdd, roleOf, verdictOf, type TrustState } from './state';

const whatOf = (k: string) => (k.startsWith('gold/') ? 'gold answer' : 'review decision');

/** What views see for a review key (sync; reads only verified state). */
export function reviewGuard(s: TrustState, key: string, v: unknown): unknown {
	if (!s.members) return v;
	if (s.reviewOk.get(key) === v) return v;
	const role = roleOf(s, s.d.me);
	if (
		markIsCurrent(s.localReviews.get(key), s.p.reviews, key) &&
		(role === 'owner' || role === 'reviewer')
	)
		return v;
	return s.reviews.get(key);
}

/** Checks the review values that changed (all of them after a member list change). */
export async function reviewsRead(s: TrustState): Promise<boolean> {
	const members = s.members?.body as MembersBody;
	const keys = s.allReviews ? [...s.p.reviews.keys()].filter(isReviewKey) : [...s.dirtyReviews];
	s.allReviews = false;
	s.dirtyReviews.clear();
	let changed = false;
	const now = s.d.now();
	const seen = performance.now();
	for (const k of keys) {
		const v = s.p.reviews.get(k);
		if (v === undefined) {
			// Withdrawn (deletions cannot carry a signature).
			changed ||= s.reviews.delete(k);
			s.reviewOk.delete(k);
			continue;
		}
		if (s.reviewOk.get(k) === v) continue;
		const sig = typeof v === 'object' && v !== null ? (v as { sig?: unknown }).sig : undefined;
		if (typeof sig !== 'string') {
			const mine = markIsCurrent(s.localReviews.get(k), s.p.reviews, k);
			if (!mine && !s.pendingReviews.has(k)) s.pendingReviews.set(k, seen);
			continue;
		}
		const why = await verdictOf(s, `review:${k}:${sig}`, () => reviewCheck(k, v, members));
		if (why) {
			const signer = (v as { signer?: unknown }).signer;
			reportAdd(s, `review:${k}:${sig}`, {
				who: typeof signer === 'string' ? signer : '',
				what: whatOf(k),
				at: Number((v as { at?: unknown }).at) || now,
				why
			});
			continue;
		}
		s.reviewOk.set(k, v);
		s.reviews.set(k, v);
		changed = true;
	}
	return changed;
}

/** Signs this device's own review edits (see metaSign for `writes` and `signed`). */
export async function reviewsSign(
	s: TrustState,
	writes: (() => void)[],
	signed: [string, string][]
): Promise<void> {
	for (const [k, mark] of [...s.localReviews]) {
		const v = s.p.reviews.get(k);
		const done = () => {
			if (s.localReviews.get(k) !== mark) return;
			s.localReviews.delete(k);
			signed.push([k, mark]);
		};
		if (typeof v !== 'object' || v === null || markOf(s.p.reviews, k) !== mark) {
			done();
			continue;
		}
		const rec = await reviewSign(s.d.keys, s.d.me, k, v);
		writes.push(() => {
			if (s.p.reviews.get(k) !== v) return;
			s.p.reviews.set(k, rec);
			done();
		});
	}
}

/** Reports review values still unsigned after the grace time (see metaUnsigned). */
export function reviewsUnsigned(s: TrustState, now: number, grace: number): number {
	let wait = Infinity;
	for (const [k, first] of s.pendingReviews) {
		if (s.reviewOk.get(k) === s.p.reviews.get(k) || !s.p.reviews.has(k)) {
			s.pendingReviews.delete(k);
			continue;
		}
		if (now - first < grace) wait = Math.min(wait, grace - (now - first));
		else {
			s.pendingReviews.delete(k);
			reportAdd(s, `unsigned:${k}:${canonicalJson(s.p.reviews.get(k)).slice(0, 500)}`, {
				who: authorOf(s, entryClient(s.p.reviews, k)),
				what: whatOf(k),
				at: s.d.now(),
				why: 'unsigned edit'
			});
		}
	}
	return wait;
}
