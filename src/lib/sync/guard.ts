/**
 * A guard against hostile peers on the project doc: it keeps the last valid value of every
 * annotation key (`item/task/annotator`, one writer per key) and of the project's name, schema and
 * settings, and puts it back when a remote transaction breaks it:
 * - an annotation key overwritten with an invalid value, or with a value whose key and content
 *   disagree, is restored and reported (the DocIndex keeps invalid values out of every view);
 * - an annotation key written by a Yjs client that is known to be another annotator (its
 *   presence, or the keys it wrote before, name someone else) is restored and reported;
 * - my own labels (the key names me) that a remote transaction deletes or overwrites are restored,
 *   unless the writer is known to be me on another device;
 * - a name, schema or settings that a peer replaces with a malformed value is restored.
 * Valid values for items or tasks this device does not know (yet) are kept, and counted.
 *
 * Writers are attributed by Yjs struct client ids (`item.id.client` of the map entry), bound to
 * annotators by presence (awareness: one client id per tab) and by the first annotator whose keys
 * a client writes. A deletion carries no client id in Yjs, so a remote delete of another
 * annotator's key cannot be attributed: it is honoured here, and undone by that annotator's own
 * device (which restores its labels) the next time it syncs. See the report for what remains.
 */
import type * as Y from 'yjs';
import {
	annotationKey,
	annotationKeyParse,
	type Annotation,
	type AnnotatorId
} from '$lib/core/types';
import { isAnnotation, isSchema, isSettings } from '$lib/core/validate';
import { ORIGIN, type ProjectDoc } from './doc';

/** Origin of the guard's own restoring writes (providers send them like any local edit). */
export const GUARD_ORIGIN = 'guard';

/** Local origins: edits made on this device, trusted as they are. */
const LOCAL_ORIGINS: ReadonlySet<unknown> = new Set([
	ORIGIN.LOCAL,
	ORIGIN.MODEL,
	ORIGIN.IMPORT,
	ORIGIN.SIGN,
	GUARD_ORIGIN
]);

export interface GuardEvent {
	at: number;
	/** `annotations/<key>` or `meta/<key>`. */
	key: string;
	why: string;
	/** Yjs client id of the writer, when known. */
	client?: number;
	restored: boolean;
}

export interface GuardReport {
	/** Values put back after a remote transaction broke them. */
	restored: number;
	/** Invalid values seen (quarantined: never shown, restored when they replaced a valid one). */
	invalid: number;
	/** Valid annotations for items or tasks this device does not know. */
	unknownTarget: number;
	/** Remote transactions that touched annotations or meta. */
	remoteTransactions: number;
	/** The latest events, newest last (at most EVENTS_KEPT). */
	events: GuardEvent[];
}

export const EVENTS_KEPT = 200;

export interface GuardOptions {
	/** This device's annotator. */
	me: AnnotatorId;
	/** The annotator a Yjs client id belongs to, when presence tells (undefined: unknown). */
	clientMember?: (client: number) => AnnotatorId | undefined;
	/**
	 * Whether I am online in another tab or device now (presence): then a remote delete of my label
	 * may be mine (cleared there), and is honoured.
	 */
	meElsewhere?: () => boolean;
	/** Whether the item and task exist, for the unknown-target count. */
	knows?: (item: string, task: string) => boolean;
	now?: () => number;
}

interface Kept {
	value: Annotation;
	client: number;
}

const META_CHECKS: Record<string, (v: unknown) => boolean> = {
	id: (v) => typeof v === 'string' && v.length > 0 && v.length <= 200,
	name: (v) => typeof v === 'string' && v.length <= 1000,
	description: (v) => typeof v === 'string' && v.length <= 100_000,
	schema: isSchema,
	settings: isSettings
};

/** The struct client id of a map entry's current value (undefined when deleted). */
function writerOf<T>(map: Y.Map<T>, key: string): number | undefined {
	const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
	return item && !item.deleted ? item.id.client : undefined;
}

export class DocGuard {
	readonly report: GuardReport = {
		restored: 0,
		invalid: 0,
		unknownTarget: 0,
		remoteTransactions: 0,
		events: []
	};
	#p: ProjectDoc;
	#opts: GuardOptions;
	#kept = new Map<string, Kept>();
	#meta = new Map<string, unknown>();
	/** Client id → the first annotator whose keys it wrote. */
	#bound = new Map<number, AnnotatorId>();
	#listeners = new Set<(r: GuardReport) => void>();
	#pendingAnn = new Map<string, Annotation>();
	#pendingMeta = new Map<string, unknown>();
	#scheduled = false;
	#onAnn: (e: Y.YMapEvent<Annotation>) => void;
	#onMeta: (e: Y.YMapEvent<unknown>) => void;

	constructor(p: ProjectDoc, opts: GuardOptions) {
		this.#p = p;
		this.#opts = opts;
		for (const [key, v] of p.annotations) this.#keep(key, v, writerOf(p.annotations, key));
		for (const [key, v] of p.meta) if (META_CHECKS[key]?.(v)) this.#meta.set(key, v);
		this.#onAnn = (e) => this.#annotations(e);
		this.#onMeta = (e) => this.#metaChanged(e);
		p.annotations.observe(this.#onAnn);
		p.meta.observe(this.#onMeta);
	}

	/** Calls `fn` after each change of the report; returns the unsubscribe. */
	onReport(fn: (r: GuardReport) => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	destroy(): void {
		this.#p.annotations.unobserve(this.#onAnn);
		this.#p.meta.unobserve(this.#onMeta);
		this.#listeners.clear();
	}

	#who(client: number): AnnotatorId | undefined {
		return this.#opts.clientMember?.(client) ?? this.#bound.get(client);
	}

	/**
	 * Keeps a valid value. `bind`: a remote client is bound to the first annotator whose keys it
	 * writes, except to me: only presence can say a client is me.
	 */
	#keep(key: string, v: unknown, client: number | undefined, bind = false): boolean {
		const k = annotationKeyParse(key);
		if (!k || !isAnnotation(v) || annotationKey(v.item, v.task, v.annotator) !== key) return false;
		this.#kept.set(key, { value: v, client: client ?? -1 });
		if (bind && client !== undefined && !this.#bound.has(client) && v.annotator !== this.#opts.me)
			this.#bound.set(client, v.annotator);
		return true;
	}

	#event(key: string, why: string, restored: boolean, client?: number): void {
		const ev: GuardEvent = { at: (this.#opts.now ?? Date.now)(), key, why, restored };
		if (client !== undefined) ev.client = client;
		const list = this.report.events;
		list.push(ev);
		if (list.length > EVENTS_KEPT) list.splice(0, list.length - EVENTS_KEPT);
		if (restored) this.report.restored++;
	}

	#annotations(e: Y.YMapEvent<Annotation>): void {
		const origin = e.transaction.origin;
		// `transaction.local` is false only for updates applied from elsewhere (peers, files):
		// undo/redo (origin: the UndoManager) and every other edit made here are local.
		const local = e.transaction.local || LOCAL_ORIGINS.has(origin);
		const storage = origin === ORIGIN.STORAGE;
		if (!local && !storage) this.report.remoteTransactions++;
		const myClient = this.#p.doc.clientID;
		for (const [key, change] of e.changes.keys) {
			const v = this.#p.annotations.get(key);
			const client = writerOf(this.#p.annotations, key);
			if (local || storage) {
				if (change.action === 'delete') this.#kept.delete(key);
				else this.#keep(key, v, client);
				continue;
			}
			const owner = annotationKeyParse(key)?.annotator;
			const kept = this.#kept.get(key);
			const restore = (why: string) => {
				if (kept) this.#pendingAnn.set(key, kept.value);
				this.#event(`annotations/${key}`, why, kept !== undefined, client);
			};
			if (change.action === 'delete') {
				// Deletes carry no writer. Mine: only my other device may delete what it wrote.
				const mineElsewhere =
					(kept !== undefined &&
						kept.client !== myClient &&
						this.#opts.clientMember?.(kept.client) === this.#opts.me) ||
					this.#opts.meElsewhere?.() === true;
				if (kept && owner === this.#opts.me && !mineElsewhere) restore('a peer deleted my label');
				else this.#kept.delete(key);
				continue;
			}
			const valid =
				owner !== undefined &&
				isAnnotation(v) &&
				annotationKey(v.item, v.task, v.annotator) === key;
			if (!valid) {
				this.report.invalid++;
				restore(kept ? 'invalid value replaced a label' : 'invalid value');
				continue;
			}
			// Another guard restoring the same value: nothing to do (and no restore ping-pong).
			if (kept && JSON.stringify(kept.value) === JSON.stringify(v)) continue;
			const who = client === undefined ? undefined : this.#who(client);
			if (who !== undefined && who !== owner) {
				restore(`written by ${who}, not by ${owner}`);
				continue;
			}
			if (kept && owner === this.#opts.me && who !== this.#opts.me) {
				restore('a peer overwrote my label');
				continue;
			}
			this.#keep(key, v, client, true);
			if (this.#opts.knows && !this.#opts.knows(v.item, v.task)) {
				this.report.unknownTarget++;
				this.#event(`annotations/${key}`, 'label for an unknown item or task', false, client);
			}
		}
		if (this.#pendingAnn.size > 0) this.#schedule();
		if (!local && !storage) this.#emit();
	}

	#metaChanged(e: Y.YMapEvent<unknown>): void {
		const origin = e.transaction.origin;
		const trusted = e.transaction.local || LOCAL_ORIGINS.has(origin) || origin === ORIGIN.STORAGE;
		for (const [key, change] of e.changes.keys) {
			const check = META_CHECKS[key];
			if (!check) continue;
			const v = this.#p.meta.get(key);
			if (change.action !== 'delete' && check(v)) {
				this.#meta.set(key, v);
				continue;
			}
			if (trusted) continue;
			this.report.invalid++;
			const kept = this.#meta.get(key);
			if (kept !== undefined) this.#pendingMeta.set(key, kept);
			this.#event(`meta/${key}`, `invalid ${key}`, kept !== undefined, writerOf(this.#p.meta, key));
		}
		if (!trusted) this.report.remoteTransactions++;
		if (this.#pendingMeta.size > 0) this.#schedule();
		if (!trusted) this.#emit();
	}

	/** Restores after the breaking transaction, as one transaction (a flood of breaks coalesces). */
	#schedule(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		queueMicrotask(() => {
			this.#scheduled = false;
			const ann = [...this.#pendingAnn];
			const meta = [...this.#pendingMeta];
			this.#pendingAnn.clear();
			this.#pendingMeta.clear();
			if (ann.length === 0 && meta.length === 0) return;
			this.#p.doc.transact(() => {
				for (const [k, v] of ann) this.#p.annotations.set(k, v);
				for (const [k, v] of meta) this.#p.meta.set(k, v);
			}, GUARD_ORIGIN);
			this.#emit();
		});
	}

	#emit(): void {
		for (const fn of this.#listeners) fn(this.report);
	}
}
