// This device's edits that wait for their signature, remembered across page loads.
import { markOf } from './marks';
import { isReviewKey, type TrustState } from './state';

const mineKey = (id: string, me: string) => `quorum-trust-mine:${id}:${me}`;

function mineRead(s: TrustState): Record<string, string> {
	const raw = s.d.mine?.storage.getItem(mineKey(s.d.projectId, s.d.me));
	if (!raw) return {};
	try {
		const m: unknown = JSON.parse(raw);
		if (typeof m !== 'object' || m === null || Array.isArray(m)) return {};
		const out: Record<string, string> = {};
		for (const [k, v] of Object.entries(m)) if (typeof v === 'string') out[k] = v;
		return out;
	} catch {
		return {};
	}
}

/** Read, change and write at once (other tabs of this device share the entry). */
export function mineEdit(s: TrustState, fn: (m: Record<string, string>) => void): void {
	const mine = s.d.mine;
	if (!mine) return;
	const m = mineRead(s);
	fn(m);
	const key = mineKey(s.d.projectId, s.d.me);
	try {
		if (Object.keys(m).length === 0) mine.storage.removeItem(key);
		else mine.storage.setItem(key, JSON.stringify(m));
	} catch (e) {
		// Full or blocked storage: the edit is still signed in this session, as before.
		console.warn('Could not remember an edit waiting for its signature', e);
	}
}

/** Forgets signed edits once their signatures are stored (a load before then still has them). */
export function mineForget(s: TrustState, done: [string, string][]): void {
	const mine = s.d.mine;
	if (!mine || done.length === 0) return;
	void mine.saved().then(
		() =>
			mineEdit(s, (m) => {
				for (const [k, mark] of done) if (m[k] === mark) delete m[k];
			}),
		// Not stored (e.g. a full disk): kept; the next open drops what no longer applies.
		() => undefined
	);
}

/**
 * Edits this device made before the page was loaded anew and that were still waiting for their
 * signature become pending again: signed next, and shown meanwhile (to an owner, as any edit
 * of their own). The rest of the remembered entries no longer apply and are dropped.
 *
 * Why this is safe. An entry names the Yjs item this device created for its write
 * (client id and clock, recorded synchronously with the edit) and the SHA-256 of the value's
 * canonical JSON. Only a value in that very item, with that very content, is signed:
 * - a peer's write is another item (another client id or clock), so a peer's unsigned value
 *   is never signed here, even when it equals this device's value; it is refused and
 *   reported after the grace time like any unsigned edit;
 * - an item, once overwritten, never becomes the map's value again (Yjs gives every write a
 *   new id and ignores ids it has seen), so an old entry cannot bring back an older value;
 * - a peer could forge an update that reuses this device's item id only if this device's own
 *   write never reached its storage, and then it must carry the same content (a SHA-256 second
 *   preimage otherwise): at most, the value this device's user wrote is signed;
 * - the signature is made with this device's key under its own id, so it grants nothing
 *   beyond the signer's role: an annotator's pending settings edit is signed as the
 *   annotator's and every device refuses it (editCheck wants the owner role), and this
 *   device's view shows a pending edit only when its signed role may make it.
 * Whoever can write this origin's localStorage can also use this device's signing key.
 */
export function mineRestore(s: TrustState): void {
	if (!s.d.mine) return;
	const stale: string[] = [];
	for (const [k, mark] of Object.entries(mineRead(s))) {
		if (k === 'schema' || k === 'settings') {
			if (markOf(s.p.meta, k) === mark) s.localMeta.set(k, mark);
			else stale.push(k);
		} else if (isReviewKey(k) && markOf(s.p.reviews, k) === mark) s.localReviews.set(k, mark);
		else stale.push(k);
	}
	if (stale.length)
		mineEdit(s, (m) => {
			for (const k of stale) delete m[k];
		});
}
