/**
 * Signed membership on a project's doc (docs/ARCHITECTURE.md#trust-model; crypto in
 * core/signing.ts).
 *
 * - The owner's device signs the member list (ids, roles, public keys) and keeps it current: a
 *   member who joins publishes their public keys in their member record and the owner's device
 *   adds them as an annotator; only the owner changes roles or removes members.
 * - Every device signs its own schema, settings and review edits. Peers use only values with a
 *   valid signature by a member with the needed role (owner for schema, settings and members;
 *   reviewer or owner for reviews). Anything else is ignored (the last valid value stays in
 *   effect) and reported: who, what, when and why.
 * - Removing a member makes a new room, encrypted for each remaining member and signed by the
 *   owner; remaining members open it and move (`onRoom`).
 * - A project without a signed member list works as before; its owner signs it on the next open.
 * - An edit is written at once and signed a moment later (WebCrypto is asynchronous). Which edits
 *   wait for their signature is remembered synchronously (`mine`, localStorage), so a page load in
 *   between does not turn this device's own edit into an unsigned one: it is signed on the next
 *   open (see #mineRestore for why that is safe).
 */
import type * as Y from 'yjs';
import { randomId } from '$lib/core/ids';
import { sha256HexSync } from '$lib/core/sha256';
import {
	canonicalJson,
	editCheck,
	isRoomBody,
	isSignedShape,
	keyFingerprint,
	membersCheck,
	reviewCheck,
	reviewSign,
	roomOpen,
	roomSeal,
	signedMake,
	type DeviceKeys,
	type MembersBody,
	type RoomSecret,
	type Signed,
	type SignedMember
} from '$lib/core/signing';
import type { AnnotatorId, LabelSchema, ProjectSettings, Role } from '$lib/core/types';
import { isMember } from '$lib/core/assignment';
import { isSchema, isSettings } from '$lib/core/validate';
import { docGuardChanged, docGuardSet, ORIGIN, type ProjectDoc } from './doc';

/** The owner this device trusts: from the invite link, or the first valid member list it saw. */
export interface TrustAnchor {
	owner?: AnnotatorId;
	/** Fingerprint of the owner's public signing key. */
	fp: string;
}

export interface TrustReport {
	/** Member id the edit claims to come from (unauthenticated when the signature is invalid). */
	who: string;
	what: 'member list' | 'schema' | 'settings' | 'review decision' | 'gold answer' | 'room key';
	/** When the edit says it was made (its own clock), or when it was seen if unsigned. */
	at: number;
	why: string;
}

export interface TrustStore {
	get<T>(key: string): Promise<T | undefined>;
	set(key: string, value: unknown): Promise<void>;
}

/** Synchronous storage that outlives the page: localStorage (or an in-memory one in tests). */
export interface MineStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export interface TrustDeps {
	projectId: string;
	me: AnnotatorId;
	keys: DeviceKeys;
	store: TrustStore;
	now(): number;
	/** Views must re-read (the trusted schema, settings, reviews or members changed). */
	onChange(): void;
	/** A new room for this device (after a member was removed). */
	onRoom(secret: RoomSecret, epoch: number): void;
	/** The epoch of the room this device is in (0 for the first). */
	roomEpoch(): number;
	/** The member a Yjs client id says it is (awareness), to name the author of unsigned edits. */
	whoIs?(client: number): string | undefined;
	/** How long an unsigned edit may wait for its signature before it is reported (ms). */
	graceMs?: number;
	/**
	 * Remembers this device's edits that wait for their signature, across page loads: `storage`
	 * is written synchronously with each edit; `saved` resolves once every doc change so far is
	 * stored (then a signed edit is forgotten). Without it, a load before the signature loses it.
	 */
	mine?: { storage: MineStorage; saved(): Promise<void> };
}

const anchorKey = (id: string) => `trust-anchor:${id}`;
const cacheKey = (id: string) => `trust-cache:${id}`;
const META_KINDS = ['schema', 'settings'] as const;
type MetaKind = (typeof META_KINDS)[number];
/** Edits a person makes on this device (signed); restores and signatures are not. */
const EDIT_ORIGINS: ReadonlySet<unknown> = new Set([ORIGIN.LOCAL, ORIGIN.IMPORT, ORIGIN.MODEL]);
const isReviewKey = (k: string) => k.startsWith('final/') || k.startsWith('gold/');
const mineKey = (id: string, me: string) => `quorum-trust-mine:${id}:${me}`;

/** The Yjs item that holds a map entry now, as `client:clock` (each write makes a new item). */
function entryId(map: Y.Map<unknown>, key: string): string | undefined {
	const item = (
		map as unknown as {
			_map: Map<string, { id: { client: number; clock: number }; deleted: boolean }>;
		}
	)._map.get(key);
	return item && !item.deleted ? `${item.id.client}:${item.id.clock}` : undefined;
}

/**
 * A write this device made: the Yjs item that holds it and the SHA-256 of the value's canonical
 * JSON, `client:clock:sha256`.
 */
function markOf(map: Y.Map<unknown>, key: string): string | undefined {
	const id = entryId(map, key);
	const v = map.get(key);
	return id === undefined || v === undefined
		? undefined
		: `${id}:${sha256HexSync(canonicalJson(v))}`;
}

const markItem = (mark: string) => mark.slice(0, mark.lastIndexOf(':'));

interface Cache {
	members?: Signed<MembersBody>;
	schema?: Signed<LabelSchema>;
	settings?: Signed<ProjectSettings>;
}

export class Trust {
	#p: ProjectDoc;
	#d: TrustDeps;
	#anchor: TrustAnchor | undefined;
	#members: Signed<MembersBody> | undefined;
	#meta: { schema?: Signed<LabelSchema>; settings?: Signed<ProjectSettings> } = {};
	/** Verdict per signature ('' = valid), so each record is verified once. */
	#verdicts = new Map<string, string>();
	/** Last valid value per review key, and the verdict of each key's current value. */
	#reviews = new Map<string, unknown>();
	#reviewOk = new Map<string, unknown>();
	#dirtyReviews = new Set<string>();
	#allReviews = true;
	/** Meta keys and review keys this device wrote and has not signed yet, with their mark. */
	#localMeta = new Map<MetaKind, string>();
	#localReviews = new Map<string, string>();
	/** Unsigned values first seen at (reported after the grace time). */
	#unsigned = new Map<string, number>();
	#pendingReviews = new Map<string, number>();
	/** Bodies of refused signed schema/settings records (their meta copy is not reported twice). */
	#rejectedBodies = new Set<string>();
	#reported = new Set<string>();
	#queue: Promise<void> = Promise.resolve();
	#scheduled = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#onTr: (tr: Y.Transaction) => void;
	#destroyed = false;
	#started = false;

	reports: TrustReport[] = [];
	/** Set when the owner rotated the room and this device got no key (it was removed). */
	removed = false;

	constructor(p: ProjectDoc, deps: TrustDeps) {
		this.#p = p;
		this.#d = deps;
		this.#onTr = (tr) => this.#transaction(tr);
		// Edits made while start() reads its stores are this device's own too.
		this.#p.doc.on('afterTransaction', this.#onTr);
	}

	async start(): Promise<void> {
		this.#anchor = await this.#d.store.get<TrustAnchor>(anchorKey(this.#d.projectId));
		const cache = (await this.#d.store.get<Cache>(cacheKey(this.#d.projectId))) ?? {};
		if (this.#destroyed) return;
		this.#mineRestore();
		docGuardSet(this.#p.doc, {
			schema: () => this.#guardMeta('schema') as LabelSchema | undefined,
			settings: () => this.#guardMeta('settings') as ProjectSettings | undefined,
			review: (key, v) => this.#guardReview(key, v)
		});
		this.#cached = cache;
		this.#started = true;
		this.#schedule();
		await this.idle();
	}

	#cached: Cache = {};

	/** Resolves once every pending check and signature is done. */
	async idle(): Promise<void> {
		let q: Promise<void>;
		do {
			q = this.#queue;
			await q;
		} while (q !== this.#queue);
	}

	get secured(): boolean {
		return this.#members !== undefined;
	}

	get ownerFp(): string | undefined {
		return this.#anchor?.fp;
	}

	/** The signed member list, when there is one. */
	get signedMembers(): readonly SignedMember[] | undefined {
		return this.#members?.body.members;
	}

	get epoch(): number {
		return this.#members?.body.epoch ?? 0;
	}

	roleOf(id: string): Role | undefined {
		return this.#members?.body.members.find((m) => m.id === id)?.role;
	}

	get amOwner(): boolean {
		return this.#anchor?.owner === this.#d.me && this.roleOf(this.#d.me) === 'owner';
	}

	// ---- guard (sync; reads only verified state) ----

	#guardMeta(kind: MetaKind): unknown {
		if (!this.#members) return undefined;
		const raw = this.#p.meta.get(kind);
		const ok = kind === 'schema' ? isSchema(raw) : isSettings(raw);
		// My own edit, waiting for its signature: show it at once if I may make it.
		const mine = this.#isMine(this.#localMeta.get(kind), this.#p.meta, kind);
		if (ok && mine && this.roleOf(this.#d.me) === 'owner') return raw;
		const rec = this.#meta[kind];
		if (!rec) return ok ? raw : undefined;
		return rec.body;
	}

	#guardReview(key: string, v: unknown): unknown {
		if (!this.#members) return v;
		if (this.#reviewOk.get(key) === v) return v;
		const role = this.roleOf(this.#d.me);
		if (
			this.#isMine(this.#localReviews.get(key), this.#p.reviews, key) &&
			(role === 'owner' || role === 'reviewer')
		)
			return v;
		return this.#reviews.get(key);
	}

	/** Whether the entry at `key` is still the item this device wrote (a cheap check for views). */
	#isMine(mark: string | undefined, map: Y.Map<unknown>, key: string): boolean {
		return mark !== undefined && entryId(map, key) === markItem(mark);
	}

	// ---- changes ----

	#transaction(tr: Y.Transaction): void {
		let relevant = false;
		const mine = tr.local && EDIT_ORIGINS.has(tr.origin);
		const marks: [string, string | undefined][] = [];
		for (const [type, keys] of tr.changed) {
			const t: unknown = type;
			if (t === this.#p.trust || t === this.#p.members) relevant = true;
			else if (t === this.#p.meta) {
				for (const k of keys)
					if (k === 'schema' || k === 'settings') {
						relevant = true;
						if (!mine) continue;
						const mark = markOf(this.#p.meta, k);
						if (mark) this.#localMeta.set(k, mark);
						else this.#localMeta.delete(k);
						marks.push([k, mark]);
					}
			} else if (t === this.#p.reviews) {
				for (const k of keys) {
					if (k === null || !isReviewKey(k)) continue;
					relevant = true;
					this.#dirtyReviews.add(k);
					if (!mine) continue;
					const mark = markOf(this.#p.reviews, k);
					if (mark) this.#localReviews.set(k, mark);
					else this.#localReviews.delete(k);
					marks.push([k, mark]);
				}
			}
		}
		// Remembered before this transaction's doc update is even queued for storage.
		if (marks.length)
			this.#mineEdit((m) => {
				for (const [k, mark] of marks)
					if (mark) m[k] = mark;
					else delete m[k];
			});
		if (relevant) this.#schedule();
	}

	// ---- my edits waiting for their signature, across page loads ----

	#mineRead(): Record<string, string> {
		const raw = this.#d.mine?.storage.getItem(mineKey(this.#d.projectId, this.#d.me));
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
	#mineEdit(fn: (m: Record<string, string>) => void): void {
		const mine = this.#d.mine;
		if (!mine) return;
		const m = this.#mineRead();
		fn(m);
		const key = mineKey(this.#d.projectId, this.#d.me);
		try {
			if (Object.keys(m).length === 0) mine.storage.removeItem(key);
			else mine.storage.setItem(key, JSON.stringify(m));
		} catch (e) {
			// Full or blocked storage: the edit is still signed in this session, as before.
			console.warn('Could not remember an edit waiting for its signature', e);
		}
	}

	/** Forgets signed edits once their signatures are stored (a load before then still has them). */
	#mineForget(done: [string, string][]): void {
		const mine = this.#d.mine;
		if (!mine || done.length === 0) return;
		void mine.saved().then(
			() =>
				this.#mineEdit((m) => {
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
	#mineRestore(): void {
		if (!this.#d.mine) return;
		const stale: string[] = [];
		for (const [k, mark] of Object.entries(this.#mineRead())) {
			if (k === 'schema' || k === 'settings') {
				if (markOf(this.#p.meta, k) === mark) this.#localMeta.set(k, mark);
				else stale.push(k);
			} else if (isReviewKey(k) && markOf(this.#p.reviews, k) === mark)
				this.#localReviews.set(k, mark);
			else stale.push(k);
		}
		if (stale.length)
			this.#mineEdit((m) => {
				for (const k of stale) delete m[k];
			});
	}

	#schedule(): void {
		if (this.#scheduled || this.#destroyed || !this.#started) return;
		this.#scheduled = true;
		this.#queue = this.#queue.then(async () => {
			this.#scheduled = false;
			if (this.#destroyed) return;
			try {
				await this.#run();
			} catch (e) {
				console.warn('trust check failed', e);
			}
		});
	}

	async #verdict(id: string, check: () => Promise<string>): Promise<string> {
		let v = this.#verdicts.get(id);
		if (v === undefined) {
			v = await check();
			if (this.#verdicts.size > 50_000) this.#verdicts.clear();
			this.#verdicts.set(id, v);
		}
		return v;
	}

	#report(id: string, r: TrustReport): void {
		if (this.#reported.has(id)) return;
		this.#reported.add(id);
		this.reports = [...this.reports, r].slice(-200);
	}

	async #run(): Promise<void> {
		const before = canonicalJson([
			this.#members?.sig,
			this.#meta.schema?.sig,
			this.#meta.settings?.sig,
			this.reports.length,
			this.removed
		]);
		await this.#readMembers();
		await this.#ownerMaintain();
		await this.#signMine();
		if (this.#members) {
			for (const kind of META_KINDS) await this.#readMeta(kind);
			const reviewsChanged = await this.#readReviews();
			await this.#readRoom();
			this.#checkUnsigned();
			await this.#cacheSave();
			const after = canonicalJson([
				this.#members?.sig,
				this.#meta.schema?.sig,
				this.#meta.settings?.sig,
				this.reports.length,
				this.removed
			]);
			if (after !== before || reviewsChanged) this.#changed();
		} else if (before !== canonicalJson([undefined, undefined, undefined, 0, false]))
			this.#changed();
	}

	#changed(): void {
		docGuardChanged(this.#p.doc);
		this.#d.onChange();
	}

	// ---- members ----

	async #readMembers(): Promise<void> {
		const candidates: unknown[] = [this.#p.trust.get('members'), this.#cached.members];
		let best = this.#members;
		for (const rec of candidates) {
			if (!isSignedShape(rec)) {
				if (rec !== undefined && rec === candidates[0])
					this.#report(`members:${canonicalJson(rec).slice(0, 200)}`, {
						who: '',
						what: 'member list',
						at: this.#d.now(),
						why: 'malformed'
					});
				continue;
			}
			const why = await this.#verdict(`members:${rec.sig}`, async () =>
				this.#anchor || this.#tofuOk(rec)
					? membersCheck(rec, this.#anchor)
					: 'member list not signed by the project owner'
			);
			if (why) {
				if (rec === candidates[0])
					this.#report(`members:${rec.sig}`, {
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
		if (best && best !== this.#members) {
			this.#members = best;
			// Roles changed: every review verdict depends on them.
			this.#allReviews = true;
			this.#verdicts.clear();
			if (!this.#anchor?.owner) {
				const owner = best.body.members.find((m) => m.id === best?.by);
				if (owner) {
					this.#anchor = { owner: best.by, fp: await keyFingerprint(owner.key) };
					await this.#d.store.set(anchorKey(this.#d.projectId), this.#anchor);
				}
			}
		}
	}

	/**
	 * Trust on first use for a project that was signed after this device joined: the list must be
	 * signed by the member the (older, unsigned) member map names as owner.
	 */
	#tofuOk(rec: Signed<unknown>): boolean {
		const plain = this.#p.members.get(rec.by);
		return isMember(plain) && plain.role === 'owner';
	}

	/** The owner's device keeps the signed list current and signs an unsigned project. */
	async #ownerMaintain(): Promise<void> {
		const me = this.#d.me;
		const cur = this.#members;
		if (cur) {
			if (!this.amOwner) return;
		} else {
			// Not signed yet: the owner (by the unsigned member map) signs it now.
			const plain = this.#p.members.get(me);
			if (!isMember(plain) || plain.role !== 'owner') return;
			if (this.#anchor && this.#anchor.owner !== me) return;
		}
		const keys = this.#d.keys;
		const members: SignedMember[] = cur ? cur.body.members.map((m) => ({ ...m })) : [];
		const removed = new Set(cur?.body.removed ?? []);
		const mine = members.find((m) => m.id === me);
		if (!mine) members.push({ id: me, role: 'owner', key: keys.signPub, dh: keys.dhPub });
		let changed = !cur || !mine;
		for (const [id, m] of this.#p.members) {
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
			const inDoc = this.#p.trust.get('members');
			if (cur && (!isSignedShape(inDoc) || inDoc.sig !== cur.sig))
				this.#p.doc.transact(() => this.#p.trust.set('members', cur), ORIGIN.SIGN);
			return;
		}
		const first = !cur;
		await this.#membersPublish({
			epoch: (cur?.body.epoch ?? 0) + 1,
			members,
			...(removed.size ? { removed: [...removed] } : {})
		});
		if (first) await this.#vouchLegacy();
	}

	async #membersPublish(body: MembersBody, extra?: () => void): Promise<Signed<MembersBody>> {
		const rec = await signedMake(this.#d.keys, 'members', body, this.#d.me, this.#d.now());
		this.#verdicts.set(`members:${rec.sig}`, '');
		this.#p.doc.transact(() => {
			this.#p.trust.set('members', rec);
			extra?.();
		}, ORIGIN.SIGN);
		this.#members = rec;
		this.#allReviews = true;
		if (!this.#anchor) {
			this.#anchor = { owner: this.#d.me, fp: await keyFingerprint(this.#d.keys.signPub) };
			await this.#d.store.set(anchorKey(this.#d.projectId), this.#anchor);
		}
		return rec;
	}

	/**
	 * When a project is signed for the first time, the owner signs its schema and settings, and
	 * vouches for the review values that reviewers and owners made before.
	 */
	async #vouchLegacy(): Promise<void> {
		for (const kind of META_KINDS) {
			const mark = markOf(this.#p.meta, kind);
			if (mark) this.#localMeta.set(kind, mark);
		}
		const members = this.#members?.body;
		if (!members) return;
		const updates: [string, unknown][] = [];
		for (const [k, v] of this.#p.reviews) {
			if (!isReviewKey(k) || typeof v !== 'object' || v === null || 'sig' in v) continue;
			const by = (v as { by?: unknown }).by;
			const role = members.members.find((m) => m.id === by)?.role;
			if (role !== 'owner' && role !== 'reviewer') continue;
			updates.push([k, await reviewSign(this.#d.keys, this.#d.me, k, v)]);
		}
		if (updates.length)
			this.#p.doc.transact(() => {
				for (const [k, v] of updates) this.#p.reviews.set(k, v);
			}, ORIGIN.SIGN);
	}

	/** Signs this device's own schema, settings and review edits. */
	async #signMine(): Promise<void> {
		if (!this.#members) return;
		const keys = this.#d.keys;
		const me = this.#d.me;
		const writes: (() => void)[] = [];
		/** Entries to forget once their signatures are stored. */
		const signed: [string, string][] = [];
		// Each pending mark is cleared only once its value is signed (the view keeps showing it).
		for (const [kind, mark] of [...this.#localMeta]) {
			const v = this.#p.meta.get(kind);
			const done = () => {
				if (this.#localMeta.get(kind) !== mark) return;
				this.#localMeta.delete(kind);
				signed.push([kind, mark]);
			};
			// Only the value this device wrote: a peer's value written over it since is not mine.
			if (
				!(kind === 'schema' ? isSchema(v) : isSettings(v)) ||
				markOf(this.#p.meta, kind) !== mark
			) {
				done();
				continue;
			}
			// After a page load: maybe it was signed before (then nothing is to do).
			if (!this.#meta[kind]) await this.#readMeta(kind);
			const cur = this.#meta[kind];
			if (cur && canonicalJson(cur.body) === canonicalJson(v)) {
				done();
				continue;
			}
			const at = Math.max(this.#d.now(), (cur?.at ?? 0) + 1);
			const rec = await signedMake(keys, kind, v, me, at);
			writes.push(() => {
				this.#p.trust.set(`${kind}/${me}`, rec);
				done();
			});
		}
		for (const [k, mark] of [...this.#localReviews]) {
			const v = this.#p.reviews.get(k);
			const done = () => {
				if (this.#localReviews.get(k) !== mark) return;
				this.#localReviews.delete(k);
				signed.push([k, mark]);
			};
			if (typeof v !== 'object' || v === null || markOf(this.#p.reviews, k) !== mark) {
				done();
				continue;
			}
			const rec = await reviewSign(keys, me, k, v);
			writes.push(() => {
				if (this.#p.reviews.get(k) !== v) return;
				this.#p.reviews.set(k, rec);
				done();
			});
		}
		if (writes.length)
			this.#p.doc.transact(() => {
				for (const w of writes) w();
			}, ORIGIN.SIGN);
		this.#mineForget(signed);
	}

	// ---- schema and settings ----

	async #readMeta(kind: MetaKind): Promise<void> {
		const members = this.#members?.body as MembersBody;
		const candidates: [string | undefined, unknown][] = [];
		for (const [k, v] of this.#p.trust) if (k.startsWith(`${kind}/`)) candidates.push([k, v]);
		candidates.push([undefined, this.#cached[kind]]);
		let best = this.#meta[kind];
		for (const [key, rec] of candidates) {
			if (rec === undefined) continue;
			const valid = kind === 'schema' ? isSchema : isSettings;
			const why = !isSignedShape(rec)
				? 'malformed'
				: rec.kind !== kind || !valid(rec.body)
					? `not a valid ${kind}`
					: await this.#verdict(`${kind}:${rec.sig}`, () => editCheck(rec, members, ['owner']));
			if (why) {
				if (key !== undefined) {
					const s = isSignedShape(rec) ? rec : undefined;
					if (s) this.#rejectedBodies.add(canonicalJson(s.body));
					this.#report(`${kind}:${s?.sig ?? key}`, {
						who: s?.by ?? key.slice(kind.length + 1),
						what: kind,
						at: s?.at ?? this.#d.now(),
						why
					});
				}
				continue;
			}
			const r = rec as Signed<LabelSchema & ProjectSettings>;
			if (!best || r.at > best.at || (r.at === best.at && r.sig > best.sig)) best = r;
		}
		if (best !== this.#meta[kind]) {
			if (kind === 'schema') this.#meta.schema = best as Signed<LabelSchema>;
			else this.#meta.settings = best as Signed<ProjectSettings>;
		}
	}

	/** A schema or settings value in the doc that no valid signature covers, after the grace time. */
	#checkUnsigned(): void {
		const grace = this.#d.graceMs ?? 4000;
		// Grace is measured on this device's monotonic clock; reports carry the wall clock.
		const now = performance.now();
		let wait = Infinity;
		for (const kind of META_KINDS) {
			const raw = this.#p.meta.get(kind);
			const rec = this.#meta[kind];
			const id = `unsigned:${kind}:${canonicalJson(raw).slice(0, 2000)}`;
			if (raw === undefined || !rec || canonicalJson(raw) === canonicalJson(rec.body)) continue;
			if (
				this.#isMine(this.#localMeta.get(kind), this.#p.meta, kind) ||
				this.#rejectedBodies.has(canonicalJson(raw))
			)
				continue;
			const first = this.#unsigned.get(id) ?? now;
			this.#unsigned.set(id, first);
			if (now - first < grace) wait = Math.min(wait, grace - (now - first));
			else
				this.#report(id, {
					who: this.#author(this.#p.meta, kind),
					what: kind,
					at: this.#d.now(),
					why: 'unsigned edit'
				});
		}
		for (const [k, first] of this.#pendingReviews) {
			if (this.#reviewOk.get(k) === this.#p.reviews.get(k) || !this.#p.reviews.has(k)) {
				this.#pendingReviews.delete(k);
				continue;
			}
			if (now - first < grace) wait = Math.min(wait, grace - (now - first));
			else {
				this.#pendingReviews.delete(k);
				this.#report(`unsigned:${k}:${canonicalJson(this.#p.reviews.get(k)).slice(0, 500)}`, {
					who: this.#author(this.#p.reviews, k),
					what: k.startsWith('gold/') ? 'gold answer' : 'review decision',
					at: this.#d.now(),
					why: 'unsigned edit'
				});
			}
		}
		clearTimeout(this.#timer);
		if (wait < Infinity) this.#timer = setTimeout(() => this.#schedule(), wait + 50);
	}

	/** Who wrote a map entry, by its Yjs client id (as that client presents itself; unverified). */
	#author(map: Y.Map<unknown>, key: string): string {
		const item = (map as unknown as { _map: Map<string, { id: { client: number } }> })._map.get(
			key
		);
		const who = item && this.#d.whoIs?.(item.id.client);
		return who ?? '';
	}

	// ---- reviews ----

	async #readReviews(): Promise<boolean> {
		const members = this.#members?.body as MembersBody;
		const keys = this.#allReviews
			? [...this.#p.reviews.keys()].filter(isReviewKey)
			: [...this.#dirtyReviews];
		this.#allReviews = false;
		this.#dirtyReviews.clear();
		let changed = false;
		const now = this.#d.now();
		const seen = performance.now();
		for (const k of keys) {
			const v = this.#p.reviews.get(k);
			if (v === undefined) {
				// Withdrawn (deletions cannot carry a signature).
				changed ||= this.#reviews.delete(k);
				this.#reviewOk.delete(k);
				continue;
			}
			if (this.#reviewOk.get(k) === v) continue;
			const sig = typeof v === 'object' && v !== null ? (v as { sig?: unknown }).sig : undefined;
			if (typeof sig !== 'string') {
				const mine = this.#isMine(this.#localReviews.get(k), this.#p.reviews, k);
				if (!mine && !this.#pendingReviews.has(k)) this.#pendingReviews.set(k, seen);
				continue;
			}
			const why = await this.#verdict(`review:${k}:${sig}`, () => reviewCheck(k, v, members));
			if (why) {
				const signer = (v as { signer?: unknown }).signer;
				this.#report(`review:${k}:${sig}`, {
					who: typeof signer === 'string' ? signer : '',
					what: k.startsWith('gold/') ? 'gold answer' : 'review decision',
					at: Number((v as { at?: unknown }).at) || now,
					why
				});
				continue;
			}
			this.#reviewOk.set(k, v);
			this.#reviews.set(k, v);
			changed = true;
		}
		return changed;
	}

	// ---- room rotation ----

	async #readRoom(): Promise<void> {
		const rec = this.#p.trust.get('room');
		if (rec === undefined || !this.#members) return;
		const members = this.#members.body;
		const why = !isSignedShape(rec)
			? 'malformed'
			: rec.kind !== 'room' || !isRoomBody(rec.body)
				? 'malformed'
				: rec.by !== this.#anchor?.owner
					? 'not signed by the project owner'
					: await this.#verdict(`room:${rec.sig}`, () => editCheck(rec, members, ['owner']));
		if (why) {
			const s = isSignedShape(rec) ? rec : undefined;
			this.#report(`room:${s?.sig ?? ''}`, {
				who: s?.by ?? '',
				what: 'room key',
				at: s?.at ?? 0,
				why
			});
			return;
		}
		const body = (rec as Signed<{ epoch: number; eph: string; to: Record<string, never> }>).body;
		if (!isRoomBody(body) || body.epoch <= this.#d.roomEpoch()) return;
		const secret = await roomOpen(body, this.#d.me, this.#d.keys.dh.privateKey);
		if (secret) {
			this.removed = false;
			this.#d.onRoom(secret, body.epoch);
		} else this.removed = true;
	}

	/**
	 * Owner only: removes a member, makes a new room encrypted for everyone who stays, and signs
	 * both. Returns the new room (the caller moves there once peers had time to receive it).
	 */
	async memberRemove(id: AnnotatorId): Promise<{ secret: RoomSecret; epoch: number }> {
		const done = this.#queue.then(async () => {
			const cur = this.#members;
			if (!cur || !this.amOwner) throw new Error('Only the project owner can remove members.');
			if (id === this.#d.me) throw new Error('The owner cannot remove themselves.');
			const members = cur.body.members.filter((m) => m.id !== id);
			const epoch = cur.body.epoch + 1;
			const secret: RoomSecret = { room: `quorum-${randomId(12)}`, key: randomId(24) };
			const room = await roomSeal(secret, epoch, members);
			const roomRec = await signedMake(this.#d.keys, 'room', room, this.#d.me, this.#d.now());
			this.#verdicts.set(`room:${roomRec.sig}`, '');
			await this.#membersPublish(
				{ epoch, members, removed: [...new Set([...(cur.body.removed ?? []), id])] },
				() => {
					this.#p.trust.set('room', roomRec);
					this.#p.members.delete(id);
				}
			);
			return { secret, epoch };
		});
		this.#queue = done.then(
			() => undefined,
			() => undefined
		);
		const r = await done;
		this.#schedule();
		return r;
	}

	/** Owner only: signs a new list with `id`'s new role. */
	async roleSet(id: AnnotatorId, role: Role): Promise<void> {
		const done = this.#queue.then(async () => {
			const cur = this.#members;
			if (!cur || !this.amOwner) throw new Error('Only the project owner can change roles.');
			if (id === this.#d.me && role !== 'owner')
				throw new Error('The owner cannot give up their own role.');
			const members = cur.body.members.map((m) => (m.id === id ? { ...m, role } : m));
			if (!members.some((m) => m.id === id)) throw new Error('That member has not joined yet.');
			await this.#membersPublish({ ...cur.body, epoch: cur.body.epoch + 1, members });
		});
		this.#queue = done.catch(() => undefined);
		await done;
		this.#schedule();
	}

	async #cacheSave(): Promise<void> {
		const next: Cache = {
			members: this.#members,
			schema: this.#meta.schema,
			settings: this.#meta.settings
		};
		if (
			next.members?.sig === this.#cached.members?.sig &&
			next.schema?.sig === this.#cached.schema?.sig &&
			next.settings?.sig === this.#cached.settings?.sig
		)
			return;
		this.#cached = next;
		await this.#d.store.set(cacheKey(this.#d.projectId), next);
	}

	destroy(): void {
		this.#destroyed = true;
		clearTimeout(this.#timer);
		this.#p.doc.off('afterTransaction', this.#onTr);
		docGuardSet(this.#p.doc, undefined);
	}
}

/** Stores the owner fingerprint from an invite link, so this device trusts only that owner. */
export async function trustAnchorSet(
	store: TrustStore,
	projectId: string,
	fp: string
): Promise<void> {
	if (!/^[0-9a-f]{16}$/.test(fp)) return;
	const cur = await store.get<TrustAnchor>(anchorKey(projectId));
	if (!cur) await store.set(anchorKey(projectId), { fp });
}
