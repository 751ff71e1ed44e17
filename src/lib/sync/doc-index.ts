/**
 * In-memory indexes derived from a project's Y.Doc (docs/ARCHITECTURE.md#the-project-doc: built
 * from the doc, kept up to date from Yjs events, never stored twice). Invalid values from peers are
 * counted as quarantined and left out of every view.
 */
import type * as Y from 'yjs';
import { annotationKeyParse, type Annotation, type Item, type ItemId } from '$lib/core/types';
import { isAnnotation } from '$lib/core/validate';
import { itemFromLine, itemLineHead, type ProjectDoc } from './doc';

const EMPTY: ReadonlySet<ItemId> = new Set();

export interface IndexChange {
	items: boolean;
	annotations: boolean;
	meta: boolean;
	guidelines: boolean;
	reviews: boolean;
	members: boolean;
	prep: boolean;
	comments: boolean;
	log: boolean;
	/** Keys of `meta` that changed (schema, settings, name, …). */
	metaKeys: Set<string>;
	/** Item ids whose annotations changed. */
	touched: Set<ItemId>;
	origin: unknown;
	/** Made on this device (not applied from a peer, a file or storage). */
	local: boolean;
}

function changeEmpty(origin: unknown, local: boolean): IndexChange {
	return {
		items: false,
		annotations: false,
		meta: false,
		guidelines: false,
		reviews: false,
		members: false,
		prep: false,
		comments: false,
		log: false,
		metaKeys: new Set(),
		touched: new Set(),
		origin,
		local
	};
}

/** More remote transactions than this within FLOOD_WINDOW_MS is a flood (see `#notify`). */
const FLOOD_REMOTE_PER_WINDOW = 50;
const FLOOD_WINDOW_MS = 250;
const FLOOD_BATCH_MS = 200;

function changeMerge(a: IndexChange, b: IndexChange): IndexChange {
	for (const id of b.touched) a.touched.add(id);
	for (const k of b.metaKeys) a.metaKeys.add(k);
	return {
		items: a.items || b.items,
		annotations: a.annotations || b.annotations,
		meta: a.meta || b.meta,
		guidelines: a.guidelines || b.guidelines,
		reviews: a.reviews || b.reviews,
		members: a.members || b.members,
		prep: a.prep || b.prep,
		comments: a.comments || b.comments,
		log: a.log || b.log,
		metaKeys: a.metaKeys,
		touched: a.touched,
		origin: b.origin,
		local: a.local && b.local
	};
}

export class DocIndex {
	#p: ProjectDoc;
	#order: ItemId[] = [];
	#orderDirty = true;
	#byItem = new Map<ItemId, Map<string, Annotation>>();
	#items = new Map<ItemId, Item>();
	/** Item id → its stored line and seq (from the batch entries). */
	#lines = new Map<ItemId, { line: string; seq: number }>();
	#byAnnotator = new Map<string, Set<ItemId>>();
	/** Batch key → the item ids it held, so a rewritten batch (itemsDrop) removes dropped items. */
	#batchIds = new Map<string, ItemId[]>();
	#quarantine = new Map<string, string>();
	#listeners = new Set<(c: IndexChange) => void>();
	#onTr: (tr: Y.Transaction) => void;
	#windowAt = -Infinity;
	#windowCount = 0;
	#pending: IndexChange | undefined;
	#pendingTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(p: ProjectDoc) {
		this.#p = p;
		for (const [key, v] of p.annotations) this.#annotationSet(key, v);
		for (const [key, v] of p.items) this.#batchAdd(key, v);
		this.#onTr = (tr) => this.#handle(tr);
		p.doc.on('afterTransaction', this.#onTr);
	}

	#handle(tr: Y.Transaction): void {
		const change = changeEmpty(tr.origin, tr.local);
		const prep = this.#p.doc.share.get('prep');
		const comments = this.#p.doc.share.get('comments');
		for (const [changed, keys] of tr.changed) {
			const type: unknown = changed;
			if (type === this.#p.items) {
				change.items = true;
				this.#orderDirty = true;
				for (const key of keys) if (key !== null) this.#batchAdd(key, this.#p.items.get(key));
			} else if (type === this.#p.annotations) {
				change.annotations = true;
				for (const key of keys) {
					if (key === null) continue;
					const v = this.#p.annotations.get(key);
					const parsed = annotationKeyParse(key);
					if (parsed) change.touched.add(parsed.item);
					if (v === undefined) this.#annotationDelete(key);
					else this.#annotationSet(key, v);
				}
			} else if (type === this.#p.meta) {
				change.meta = true;
				for (const key of keys) if (key !== null) change.metaKeys.add(key);
			} else if (type === this.#p.guidelines) change.guidelines = true;
			else if (type === this.#p.reviews) change.reviews = true;
			else if (type === this.#p.members) change.members = true;
			else if (type === this.#p.log) change.log = true;
			else if (prep !== undefined && type === prep) change.prep = true;
			else if (comments !== undefined && type === comments) change.comments = true;
		}
		const any =
			change.items ||
			change.annotations ||
			change.meta ||
			change.guidelines ||
			change.reviews ||
			change.members ||
			change.prep ||
			change.comments ||
			change.log;
		if (any) this.#notify(change, tr.local);
	}

	#batchAdd(key: string, raw: unknown): void {
		if (raw === undefined) return this.#batchGone(key, new Set());
		if (typeof raw !== 'string') {
			this.#quarantine.set(`items/${key}`, 'invalid item batch');
			return;
		}
		let n = 0;
		const ids = new Set<ItemId>();
		for (const line of raw.split('\n')) {
			n++;
			if (!line) continue;
			const head = itemLineHead(line);
			if (!head) {
				this.#quarantine.set(`items/${key}#${n}`, 'invalid item');
				continue;
			}
			ids.add(head.id);
			const had = this.#lines.get(head.id);
			if (had && had.seq <= head.seq) continue;
			this.#lines.set(head.id, { line, seq: head.seq });
			this.#items.delete(head.id);
		}
		this.#batchGone(key, ids);
	}

	/** Forgets the items a batch held before and no longer holds (dropped by itemsDrop). */
	#batchGone(key: string, now: ReadonlySet<ItemId>): void {
		for (const id of this.#batchIds.get(key) ?? [])
			if (!now.has(id)) {
				this.#lines.delete(id);
				this.#items.delete(id);
			}
		if (now.size) this.#batchIds.set(key, [...now]);
		else this.#batchIds.delete(key);
	}

	#annotationSet(key: string, v: unknown): void {
		const parsed = annotationKeyParse(key);
		if (!parsed || !isAnnotation(v) || v.item !== parsed.item || v.annotator !== parsed.annotator) {
			this.#quarantine.set(`annotations/${key}`, 'invalid annotation');
			return;
		}
		this.#quarantine.delete(`annotations/${key}`);
		let m = this.#byItem.get(parsed.item);
		if (!m) this.#byItem.set(parsed.item, (m = new Map()));
		m.set(key, v);
		let mine = this.#byAnnotator.get(parsed.annotator);
		if (!mine) this.#byAnnotator.set(parsed.annotator, (mine = new Set()));
		mine.add(parsed.item);
	}

	#annotationDelete(key: string): void {
		const parsed = annotationKeyParse(key);
		if (!parsed) return;
		const m = this.#byItem.get(parsed.item);
		m?.delete(key);
		if (m && m.size === 0) this.#byItem.delete(parsed.item);
		const stillMine = m && [...m.values()].some((a) => a.annotator === parsed.annotator);
		if (!stillMine) this.#byAnnotator.get(parsed.annotator)?.delete(parsed.item);
	}

	/** Subscribes to changes; returns the unsubscribe function. */
	/**
	 * Tells the listeners, at once for local edits and for the usual trickle from peers. A flood of
	 * remote transactions (a hostile peer, or a burst) is told in merged batches, at most
	 * FLOOD_BATCH_MS apart: each listener re-reads views, and one re-read per message kept the page
	 * frozen for seconds. The indexes themselves are always current.
	 */
	#notify(change: IndexChange, local: boolean): void {
		const now = performance.now();
		if (!local) {
			if (now - this.#windowAt > FLOOD_WINDOW_MS) {
				this.#windowAt = now;
				this.#windowCount = 0;
			}
			this.#windowCount++;
			if (this.#windowCount > FLOOD_REMOTE_PER_WINDOW) {
				this.#pending = this.#pending ? changeMerge(this.#pending, change) : change;
				this.#pendingTimer ??= setTimeout(() => this.#flush(), FLOOD_BATCH_MS);
				return;
			}
		}
		this.#flush();
		for (const fn of this.#listeners) fn(change);
	}

	#flush(): void {
		clearTimeout(this.#pendingTimer);
		this.#pendingTimer = undefined;
		const c = this.#pending;
		this.#pending = undefined;
		if (c) for (const fn of this.#listeners) fn(c);
	}

	subscribe(fn: (c: IndexChange) => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	/** Item ids in import order (by `seq`, then id). */
	get order(): readonly ItemId[] {
		if (this.#orderDirty) {
			const seqs: { id: ItemId; seq: number }[] = [];
			for (const [id, { seq }] of this.#lines) seqs.push({ id, seq });
			seqs.sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
			this.#order = seqs.map((s) => s.id);
			this.#orderDirty = false;
		}
		return this.#order;
	}

	/** The item, decoded once and cached (items are immutable). */
	item(id: ItemId): Item | undefined {
		const cached = this.#items.get(id);
		if (cached) return cached;
		const stored = this.#lines.get(id);
		if (!stored) return undefined;
		const item = itemFromLine(stored.line);
		if (item) this.#items.set(id, item);
		else this.#quarantine.set(`items/${id}`, 'invalid item');
		return item;
	}

	/** Valid annotations of one item, all annotators and tasks. */
	annotationsOf(id: ItemId): Annotation[] {
		const m = this.#byItem.get(id);
		return m ? [...m.values()] : [];
	}

	/** Number of distinct items. */
	get size(): number {
		return this.#lines.size;
	}

	has(id: ItemId): boolean {
		return this.#lines.has(id);
	}

	/** Items with at least one annotation (any annotator). */
	get labeledCount(): number {
		return this.#byItem.size;
	}

	get annotationCount(): number {
		let n = 0;
		for (const m of this.#byItem.values()) n += m.size;
		return n;
	}

	/** Items that `annotator` has labeled (any task). */
	labeledBy(annotator: string): ReadonlySet<ItemId> {
		return this.#byAnnotator.get(annotator) ?? EMPTY;
	}

	isLabeled(id: ItemId): boolean {
		return this.#byItem.has(id);
	}

	/** Keys of quarantined values with the reason. */
	get quarantined(): ReadonlyMap<string, string> {
		return this.#quarantine;
	}

	destroy(): void {
		clearTimeout(this.#pendingTimer);
		this.#p.doc.off('afterTransaction', this.#onTr);
		this.#listeners.clear();
	}
}
