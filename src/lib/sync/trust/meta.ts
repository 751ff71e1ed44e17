// Trusted schema and settings: the newest value the owner signed, and this device's own edits.
import {
	canonicalJson,
	editCheck,
	isSignedShape,
	signedMake,
	type MembersBody,
	type Signed
} from '$lib/core/signing';
import type { LabelSchema, ProjectSettings } from '$lib/core/types';
import { isSchema, isSettings } from '$lib/core/validate';
import { entryClient, markIsCurrent, markOf } from './marks';
import {
	authorOf,
	META_KINDS,
	reportAdd,
	roleOf,
	verdictOf,
	type MetaKind,
	type TrustState
} from './state';

const isValid = (kind: MetaKind, v: unknown) => (kind === 'schema' ? isSchema(v) : isSettings(v));

/** What views see for a schema or settings (sync; reads only verified state). */
export function metaGuard(s: TrustState, kind: MetaKind): unknown {
	if (!s.members) return undefined;
	const raw = s.p.meta.get(kind);
	const ok = isValid(kind, raw);
	// My own edit, waiting for its signature: show it at once if I may make it.
	const mine = markIsCurrent(s.localMeta.get(kind), s.p.meta, kind);
	if (ok && mine && roleOf(s, s.d.me) === 'owner') return raw;
	const rec = s.meta[kind];
	if (!rec) return ok ? raw : undefined;
	return rec.body;
}

/** Adopts the newest valid signed record of `kind`, reporting invalid ones from the doc. */
export async function metaRead(s: TrustState, kind: MetaKind): Promise<void> {
	const members = s.members?.body as MembersBody;
	const candidates: [string | undefined, unknown][] = [];
	for (const [k, v] of s.p.trust) if (k.startsWith(`${kind}/`)) candidates.push([k, v]);
	candidates.push([undefined, s.cached[kind]]);
	let best = s.meta[kind];
	for (const [key, rec] of candidates) {
		if (rec === undefined) continue;
		const why = !isSignedShape(rec)
			? 'malformed'
			: rec.kind !== kind || !isValid(kind, rec.body)
				? `not a valid ${kind}`
				: await verdictOf(s, `${kind}:${rec.sig}`, () => editCheck(rec, members, ['owner']));
		if (why) {
			if (key !== undefined) {
				const sr = isSignedShape(rec) ? rec : undefined;
				if (sr) s.rejectedBodies.add(canonicalJson(sr.body));
				reportAdd(s, `${kind}:${sr?.sig ?? key}`, {
					who: sr?.by ?? key.slice(kind.length + 1),
					what: kind,
					at: sr?.at ?? s.d.now(),
					why
				});
			}
			continue;
		}
		const r = rec as Signed<LabelSchema & ProjectSettings>;
		if (!best || r.at > best.at || (r.at === best.at && r.sig > best.sig)) best = r;
	}
	if (best !== s.meta[kind]) {
		if (kind === 'schema') s.meta.schema = best as Signed<LabelSchema>;
		else s.meta.settings = best as Signed<ProjectSettings>;
	}
}

/**
 * Signs this device's own schema and settings edits: adds the doc writes to `writes` and, to
 * `signed`, the entries to forget once their signatures are stored.
 */
export async function metaSign(
	s: TrustState,
	writes: (() => void)[],
	signed: [string, string][]
): Promise<void> {
	const me = s.d.me;
	// Each pending mark is cleared only once its value is signed (the view keeps showing it).
	for (const [kind, mark] of [...s.localMeta]) {
		const v = s.p.meta.get(kind);
		const done = () => {
			if (s.localMeta.get(kind) !== mark) return;
			s.localMeta.delete(kind);
			signed.push([kind, mark]);
		};
		// Only the value this device wrote: a peer's value written over it since is not mine.
		if (!isValid(kind, v) || markOf(s.p.meta, kind) !== mark) {
			done();
			continue;
		}
		// After a page load: maybe it was signed before (then nothing is to do).
		if (!s.meta[kind]) await metaRead(s, kind);
		const cur = s.meta[kind];
		if (cur && canonicalJson(cur.body) === canonicalJson(v)) {
			done();
			continue;
		}
		const at = Math.max(s.d.now(), (cur?.at ?? 0) + 1);
		const rec = await signedMake(s.d.keys, kind, v, me, at);
		writes.push(() => {
			s.p.trust.set(`${kind}/${me}`, rec);
			done();
		});
	}
}

/**
 * Reports a schema or settings value in the doc that no valid signature covers, once it waited
 * `grace` ms (on `now`, this device's monotonic clock). Returns how long until the next is due.
 */
export function metaUnsigned(s: TrustState, now: number, grace: number): number {
	let wait = Infinity;
	for (const kind of META_KINDS) {
		const raw = s.p.meta.get(kind);
		const rec = s.meta[kind];
		const id = `unsigned:${kind}:${canonicalJson(raw).slice(0, 2000)}`;
		if (raw === undefined || !rec || canonicalJson(raw) === canonicalJson(rec.body)) continue;
		if (
			markIsCurrent(s.localMeta.get(kind), s.p.meta, kind) ||
			s.rejectedBodies.has(canonicalJson(raw))
		)
			continue;
		const first = s.unsigned.get(id) ?? now;
		s.unsigned.set(id, first);
		if (now - first < grace) wait = Math.min(wait, grace - (now - first));
		else
			reportAdd(s, id, {
				who: authorOf(s, entryClient(s.p.meta, kind)),
				what: kind,
				at: s.d.now(),
				why: 'unsigned edit'
			});
	}
	return wait;
}
