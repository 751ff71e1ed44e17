/**
 * Signed membership on a project's doc (docs/ARCHITECTURE.md#trust-model; crypto in
 * core/signing.ts).
 *
 * - The owner's device signs the member list (ids, roles, public keys) and keeps it current: a
 *   member who joins publishes their public keys in their member record and the owner's device
 *   adds them as an annotator; only the owner changes roles or removes members (owner.ts).
 * - Every device signs its own schema, settings and review edits. Peers use only values with a
 *   valid signature by a member with the needed role (owner for schema, settings and members;
 *   reviewer or owner for reviews). Anything else is ignored (the last valid value stays in
 *   effect) and reported: who, what, when and why (meta.ts, reviews.ts).
 * - Removing a member makes a new room, encrypted for each remaining member and signed by the
 *   owner; remaining members open it and move (`onRoom`, room.ts).
 * - A project without a signed member list works as before; its owner signs it on the next open.
 * - An edit is written at once and signed a moment later (WebCrypto is asynchronous). Which edits
 *   wait for their signature is remembered synchronously (`mine`, localStorage), so a page load in
 *   between does not turn this device's own edit into an unsigned one: it is signed on the next
 *   open (see pending.ts for why that is safe).
 */
import type * as Y from 'yjs';
import { canonicalJson, type RoomSecret, type SignedMember } from '$lib/core/signing';
import type { AnnotatorId, LabelSchema, ProjectSettings, Role } from '$lib/core/types';
import { docGuardChanged, docGuardSet, ORIGIN, type ProjectDoc } from '../doc';
import { markOf } from './marks';
import { membersRead } from './members';
import { metaGuard, metaRead, metaSign, metaUnsigned } from './meta';
import { ownerMaintain, ownerMemberRemove, ownerRoleSet } from './owner';
import { mineEdit, mineForget, mineRestore } from './pending';
import { reviewGuard, reviewsRead, reviewsSign, reviewsUnsigned } from './reviews';
import { roomRead } from './room';
import {
	EDIT_ORIGINS,
	isOwner,
	isReviewKey,
	META_KINDS,
	roleOf,
	trustStateNew,
	type TrustState
} from './state';
import { anchorLoad, cacheLoad, cacheSave } from './store';
import type { TrustDeps, TrustReport } from './types';

export class Trust {
	#s: TrustState;
	#queue: Promise<void> = Promise.resolve();
	#scheduled = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#onTr: (tr: Y.Transaction) => void;
	#destroyed = false;
	#started = false;

	constructor(p: ProjectDoc, deps: TrustDeps) {
		this.#s = trustStateNew(p, deps);
		this.#onTr = (tr) => this.#transaction(tr);
		// Edits made while start() reads its stores are this device's own too. Marked before the
		// doc's observers run, so the store's events (which follow them) already find my own edit
		// accepted: marked after the transaction, views read the old signed value for a moment.
		p.doc.on('beforeObserverCalls', this.#onTr);
	}

	async start(): Promise<void> {
		const s = this.#s;
		s.anchor = await anchorLoad(s.d.store, s.d.projectId);
		const cache = await cacheLoad(s.d.store, s.d.projectId);
		if (this.#destroyed) return;
		mineRestore(s);
		docGuardSet(s.p.doc, {
			schema: () => metaGuard(s, 'schema') as LabelSchema | undefined,
			settings: () => metaGuard(s, 'settings') as ProjectSettings | undefined,
			review: (key, v) => reviewGuard(s, key, v)
		});
		s.cached = cache;
		this.#started = true;
		this.#schedule();
		await this.idle();
	}

	/** Resolves once every pending check and signature is done. */
	async idle(): Promise<void> {
		let q: Promise<void>;
		do {
			q = this.#queue;
			await q;
		} while (q !== this.#queue);
	}

	/** Reports of ignored edits: who, what, when and why (the newest 200). */
	get reports(): TrustReport[] {
		return this.#s.reports;
	}

	/** Set when the owner rotated the room and this device got no key (it was removed). */
	get removed(): boolean {
		return this.#s.removed;
	}

	get secured(): boolean {
		return this.#s.members !== undefined;
	}

	get ownerFp(): string | undefined {
		return this.#s.anchor?.fp;
	}

	/** The signed member list, when there is one. */
	get signedMembers(): readonly SignedMember[] | undefined {
		return this.#s.members?.body.members;
	}

	get epoch(): number {
		return this.#s.members?.body.epoch ?? 0;
	}

	roleOf(id: string): Role | undefined {
		return roleOf(this.#s, id);
	}

	get amOwner(): boolean {
		return isOwner(this.#s);
	}

	/** Notes which trusted keys changed, and remembers this device's own edits at once. */
	#transaction(tr: Y.Transaction): void {
		const s = this.#s;
		let relevant = false;
		const mine = tr.local && EDIT_ORIGINS.has(tr.origin);
		const marks: [string, string | undefined][] = [];
		for (const [type, keys] of tr.changed) {
			const t: unknown = type;
			if (t === s.p.trust || t === s.p.members) relevant = true;
			else if (t === s.p.meta) {
				for (const k of keys)
					if (k === 'schema' || k === 'settings') {
						relevant = true;
						if (!mine) continue;
						const mark = markOf(s.p.meta, k);
						if (mark) s.localMeta.set(k, mark);
						else s.localMeta.delete(k);
						marks.push([k, mark]);
					}
			} else if (t === s.p.reviews) {
				for (const k of keys) {
					if (k === null || !isReviewKey(k)) continue;
					relevant = true;
					s.dirtyReviews.add(k);
					if (!mine) continue;
					const mark = markOf(s.p.reviews, k);
					if (mark) s.localReviews.set(k, mark);
					else s.localReviews.delete(k);
					marks.push([k, mark]);
				}
			}
		}
		// Remembered before this transaction's doc update is even queued for storage.
		if (marks.length)
			mineEdit(s, (m) => {
				for (const [k, mark] of marks)
					if (mark) m[k] = mark;
					else delete m[k];
			});
		if (relevant) this.#schedule();
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

	/** One check: members, the owner's upkeep, my signatures, then every trusted value. */
	async #run(): Promise<void> {
		const s = this.#s;
		const snapshot = () =>
			canonicalJson([
				s.members?.sig,
				s.meta.schema?.sig,
				s.meta.settings?.sig,
				s.reports.length,
				s.removed
			]);
		const before = snapshot();
		await membersRead(s);
		await ownerMaintain(s);
		await this.#signMine();
		if (s.members) {
			for (const kind of META_KINDS) await metaRead(s, kind);
			const reviewsChanged = await reviewsRead(s);
			await roomRead(s);
			this.#checkUnsigned();
			await cacheSave(s);
			if (snapshot() !== before || reviewsChanged) this.#changed();
		} else if (before !== canonicalJson([undefined, undefined, undefined, 0, false]))
			this.#changed();
	}

	#changed(): void {
		docGuardChanged(this.#s.p.doc);
		this.#s.d.onChange();
	}

	/** Signs this device's own schema, settings and review edits, in one transaction. */
	async #signMine(): Promise<void> {
		const s = this.#s;
		if (!s.members) return;
		const writes: (() => void)[] = [];
		/** Entries to forget once their signatures are stored. */
		const signed: [string, string][] = [];
		await metaSign(s, writes, signed);
		await reviewsSign(s, writes, signed);
		if (writes.length)
			s.p.doc.transact(() => {
				for (const w of writes) w();
			}, ORIGIN.SIGN);
		mineForget(s, signed);
	}

	/** Reports unsigned values after the grace time, and checks again when the next is due. */
	#checkUnsigned(): void {
		const grace = this.#s.d.graceMs ?? 4000;
		// Grace is measured on this device's monotonic clock; reports carry the wall clock.
		const now = performance.now();
		const wait = Math.min(metaUnsigned(this.#s, now, grace), reviewsUnsigned(this.#s, now, grace));
		clearTimeout(this.#timer);
		if (wait < Infinity) this.#timer = setTimeout(() => this.#schedule(), wait + 50);
	}

	/**
	 * Owner only: removes a member, makes a new room encrypted for everyone who stays, and signs
	 * both. Returns the new room (the caller moves there once peers had time to receive it).
	 */
	async memberRemove(id: AnnotatorId): Promise<{ secret: RoomSecret; epoch: number }> {
		const done = this.#queue.then(() => ownerMemberRemove(this.#s, id));
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
		const done = this.#queue.then(() => ownerRoleSet(this.#s, id, role));
		this.#queue = done.catch(() => undefined);
		await done;
		this.#schedule();
	}

	destroy(): void {
		this.#destroyed = true;
		clearTimeout(this.#timer);
		this.#s.p.doc.off('beforeObserverCalls', this.#onTr);
		docGuardSet(this.#s.p.doc, undefined);
	}
}
