/**
 * The one door to a project's Y.Doc. Everything above `sync/` reads the project through this
 * class, changes it through its commands, and hears of changes through its typed events; only
 * `sync/` imports Yjs. See docs/ARCHITECTURE.md#one-door-to-the-doc.
 *
 * - Reads come from the in-memory indexes (sync/doc-index.ts) or are validated on the way out
 *   (sync/doc.ts), so a bad value from a peer never reaches a view.
 * - Commands are one Yjs transaction each, tagged with an origin (LOCAL unless told);
 *   `batch(fn)` makes several commands one transaction (one undo step, one update on the wire).
 * - Events name what changed: a topic (items, annotations, schema, settings, …) and, for
 *   annotations, which items. A listener re-reads only what it showed.
 */
import * as Y from 'yjs';
import type {
	Annotation,
	AnnotatorId,
	EpochMs,
	GoldAnswer,
	Item,
	ItemId,
	LabelSchema,
	LogEvent,
	Member,
	ProjectId,
	ProjectSettings,
	ReviewDecision,
	ReviewFlag,
	TaskId
} from '$lib/core/types';
import { annotationKey, annotationKeyParse } from '$lib/core/types';
import { isAnnotation } from '$lib/core/validate';
import type { PrepMark } from '$lib/core/prep/marks';
import {
	ORIGIN,
	annotationDelete,
	annotationRead,
	annotationWrite,
	decisionDelete,
	decisionWrite,
	docGuardOnChange,
	docHasBlob,
	flagWrite,
	flagsRead,
	goldDelete,
	goldWrite,
	itemFromLine,
	itemLines,
	itemsAdd,
	itemsDrop,
	logAppend,
	memberUpsert,
	metaInit,
	metaSet,
	metaString,
	prepMarkDelete,
	prepMarkWrite,
	prepMarksRead,
	projectDocFrom,
	reviewsRead,
	schemaRead,
	settingsRead,
	type Origin,
	type ProjectDoc
} from './doc';
import { DocIndex, type IndexChange } from './doc-index';

export { ORIGIN, type Origin };

/** What a change can be about; listeners subscribe to the topics they show. */
export type DocTopic =
	| 'items'
	| 'annotations'
	/** id, name, description */
	| 'meta'
	| 'schema'
	| 'settings'
	| 'guidelines'
	| 'reviews'
	| 'members'
	| 'prep'
	| 'log';

export interface DocChange {
	readonly topics: ReadonlySet<DocTopic>;
	/** Items whose annotations changed (empty unless `annotations` is a topic). */
	readonly items: ReadonlySet<ItemId>;
	readonly origin: unknown;
	/** Whether this device made the change (not a peer, a file or storage). */
	readonly local: boolean;
}

export type DocListener = (c: DocChange) => void;

/** Members are written by their own devices; a value without an id string is not one. */
function isMember(v: unknown): v is Member {
	return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';
}

/** Undo and redo of this device's own annotation edits (LOCAL origin). */
export interface AnnotationUndo {
	undo(): void;
	redo(): void;
	canUndo(): boolean;
	canRedo(): boolean;
	/** Calls `fn` when the stacks change; `item` is the item a popped step brings back. */
	onChange(fn: (popped: ItemId | undefined) => void): void;
	destroy(): void;
}

const docs = new WeakMap<ProjectStore, ProjectDoc>();

/**
 * The Y.Doc shape behind a store, for `sync/` modules only (providers, persistence, trust,
 * bundles). Lint bans importing it anywhere else.
 */
export function projectDocOf(store: ProjectStore): ProjectDoc {
	return docs.get(store) as ProjectDoc;
}

export class ProjectStore {
	readonly #p: ProjectDoc;
	readonly #index: DocIndex;
	readonly #topicListeners = new Map<DocTopic, Set<DocListener>>();
	readonly #itemListeners = new Map<ItemId, Set<DocListener>>();
	readonly #off: (() => void)[] = [];
	readonly #stamps = new Map<DocTopic, number>();
	/** Values validated once per change of their topic (views read them often). */
	#cache: {
		schema?: LabelSchema;
		settings?: ProjectSettings;
		reviews?: { decisions: ReviewDecision[]; gold: GoldAnswer[] };
		members?: Member[];
	} = {};

	constructor() {
		this.#p = projectDocFrom(new Y.Doc());
		docs.set(this, this.#p);
		this.#index = new DocIndex(this.#p);
		this.#off.push(this.#index.subscribe((c) => this.#emit(changeFrom(c))));
		// The caches drop at once (events about floods come batched, reads must not lag).
		const dropMeta = () => (this.#cache.schema = this.#cache.settings = undefined);
		const dropReviews = () => (this.#cache.reviews = undefined);
		const dropMembers = () => (this.#cache.members = undefined);
		this.#p.meta.observe(dropMeta);
		this.#p.reviews.observe(dropReviews);
		this.#p.members.observe(dropMembers);
		this.#off.push(() => {
			this.#p.meta.unobserve(dropMeta);
			this.#p.reviews.unobserve(dropReviews);
			this.#p.members.unobserve(dropMembers);
		});
		// Signed projects: verdicts on schema, settings and reviews change when signatures are checked.
		this.#off.push(
			docGuardOnChange(this.#p.doc, () => {
				this.#cache = {};
				this.#emit({
					topics: new Set(['schema', 'settings', 'reviews', 'members']),
					items: new Set(),
					origin: undefined,
					local: false
				});
			})
		);
	}

	// ---- events ----

	/** Calls `fn` after each change that touches one of `topics`; returns the unsubscribe. */
	on(topics: DocTopic | readonly DocTopic[], fn: DocListener): () => void {
		const list = typeof topics === 'string' ? [topics] : topics;
		for (const t of list) {
			let set = this.#topicListeners.get(t);
			if (!set) this.#topicListeners.set(t, (set = new Set()));
			set.add(fn);
		}
		return () => {
			for (const t of list) this.#topicListeners.get(t)?.delete(fn);
		};
	}

	/** Calls `fn` after each change to `item`'s annotations; returns the unsubscribe. */
	onItem(item: ItemId, fn: DocListener): () => void {
		let set = this.#itemListeners.get(item);
		if (!set) this.#itemListeners.set(item, (set = new Set()));
		set.add(fn);
		return () => {
			set.delete(fn);
			if (set.size === 0 && this.#itemListeners.get(item) === set) this.#itemListeners.delete(item);
		};
	}

	/**
	 * How many changes `topic` has seen: a cache key for values computed from the doc (not a
	 * reactive signal; views subscribe with `on`).
	 */
	stamp(topic: DocTopic): number {
		return this.#stamps.get(topic) ?? 0;
	}

	#emit(c: DocChange): void {
		for (const t of c.topics) this.#stamps.set(t, this.stamp(t) + 1);
		const called = new Set<DocListener>();
		for (const t of c.topics)
			for (const fn of this.#topicListeners.get(t) ?? []) {
				if (called.has(fn)) continue;
				called.add(fn);
				fn(c);
			}
		if (c.items.size === 0 || this.#itemListeners.size === 0) return;
		// Iterate the smaller side: a flood touches thousands of items, a page shows a few.
		if (c.items.size < this.#itemListeners.size) {
			for (const id of c.items) for (const fn of this.#itemListeners.get(id) ?? []) fn(c);
		} else {
			for (const [id, fns] of [...this.#itemListeners])
				if (c.items.has(id)) for (const fn of fns) fn(c);
		}
	}

	// ---- reads: project ----

	get id(): string {
		return metaString(this.#p, 'id');
	}

	get name(): string {
		return metaString(this.#p, 'name');
	}

	get description(): string {
		return metaString(this.#p, 'description');
	}

	get schema(): LabelSchema {
		return (this.#cache.schema ??= schemaRead(this.#p));
	}

	get settings(): ProjectSettings {
		return (this.#cache.settings ??= settingsRead(this.#p));
	}

	get guidelines(): string {
		return this.#p.guidelines.toString();
	}

	/** Valid members; invalid values from peers are left out. */
	members(): readonly Member[] {
		return (this.#cache.members ??= [...this.#p.members.values()].filter(isMember));
	}

	member(id: AnnotatorId): Member | undefined {
		const m = this.#p.members.get(id);
		return isMember(m) ? m : undefined;
	}

	/** Valid review decisions and gold answers (through the trust guard when signed). */
	reviews(): {
		readonly decisions: readonly ReviewDecision[];
		readonly gold: readonly GoldAnswer[];
	} {
		return (this.#cache.reviews ??= reviewsRead(this.#p));
	}

	flags(): ReviewFlag[] {
		return flagsRead(this.#p);
	}

	prepMarks(): PrepMark[] {
		return prepMarksRead(this.#p);
	}

	/** The log of who did what, oldest first. */
	log(): LogEvent[] {
		return this.#p.log.toArray();
	}

	/** Whether an item refers to the media blob `sha256`. */
	hasBlob(sha256: string): boolean {
		return docHasBlob(this.#p, sha256);
	}

	// ---- reads: items and annotations (from the indexes) ----

	/** Item ids in import order. */
	get order(): readonly ItemId[] {
		return this.#index.order;
	}

	get size(): number {
		return this.#index.size;
	}

	item(id: ItemId): Item | undefined {
		return this.#index.item(id);
	}

	has(id: ItemId): boolean {
		return this.#index.has(id);
	}

	/** Every stored item, decoded from its line (for exports and scans; `order` is cheaper). */
	*itemsAll(): Generator<Item> {
		for (const { line } of itemLines(this.#p)) {
			const it = itemFromLine(line);
			if (it) yield it;
		}
	}

	annotationsOf(id: ItemId): Annotation[] {
		return this.#index.annotationsOf(id);
	}

	annotation(item: ItemId, task: TaskId, annotator: AnnotatorId): Annotation | undefined {
		return annotationRead(this.#p, annotationKey(item, task, annotator));
	}

	/** Every valid annotation, all items, tasks and annotators. */
	*annotationsAll(): Generator<Annotation> {
		for (const a of this.#p.annotations.values()) if (isAnnotation(a)) yield a;
	}

	get labeledCount(): number {
		return this.#index.labeledCount;
	}

	get annotationCount(): number {
		return this.#index.annotationCount;
	}

	labeledBy(annotator: AnnotatorId): ReadonlySet<ItemId> {
		return this.#index.labeledBy(annotator);
	}

	isLabeled(id: ItemId): boolean {
		return this.#index.isLabeled(id);
	}

	/** Values from peers that failed validation, by key, with the reason. */
	get quarantined(): ReadonlyMap<string, string> {
		return this.#index.quarantined;
	}

	/** Annotation count per label id, over all annotators and tasks. */
	labelCounts(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const a of this.annotationsAll()) {
			const labels = (a.value as { labels?: unknown }).labels;
			if (!Array.isArray(labels)) continue;
			for (const l of labels) if (typeof l === 'string') counts.set(l, (counts.get(l) ?? 0) + 1);
		}
		return counts;
	}

	// ---- commands ----

	/** Runs `fn`'s commands as one transaction: one update, one undo step. */
	batch(fn: () => void, origin: Origin = ORIGIN.LOCAL): void {
		this.#p.doc.transact(fn, origin);
	}

	init(init: {
		id: ProjectId;
		name: string;
		description: string;
		created: EpochMs;
		schema: LabelSchema;
	}): void {
		metaInit(this.#p, init);
	}

	rename(name: string, description?: string, origin: Origin = ORIGIN.LOCAL): void {
		metaSet(this.#p, { name: name.trim(), description }, origin);
	}

	schemaSet(schema: LabelSchema, origin: Origin = ORIGIN.LOCAL): void {
		metaSet(this.#p, { schema }, origin);
	}

	/** Merges `patch` into the current settings. */
	settingsSet(patch: Partial<ProjectSettings>, origin: Origin = ORIGIN.LOCAL): void {
		metaSet(this.#p, { settings: { ...this.settings, ...patch } }, origin);
	}

	guidelinesSet(text: string, origin: Origin = ORIGIN.LOCAL): void {
		this.#p.doc.transact(() => {
			const g = this.#p.guidelines;
			g.delete(0, g.length);
			g.insert(0, text);
		}, origin);
	}

	/** Inserts `text` at `index` of the guidelines (a peer's concurrent edit elsewhere is kept). */
	guidelinesInsert(index: number, text: string, origin: Origin = ORIGIN.LOCAL): void {
		this.#p.doc.transact(() => {
			const g = this.#p.guidelines;
			g.insert(Math.max(0, Math.min(index, g.length)), text);
		}, origin);
	}

	/** Adds the items not there yet, in one transaction; returns how many were new. */
	itemsAdd(items: readonly Item[], origin: Origin = ORIGIN.IMPORT): number {
		return itemsAdd(this.#p, items, origin, (id) => this.#index.has(id));
	}

	/**
	 * Writes a new line for items already in the project: the doc index and every peer take the
	 * line with the lower seq, so an item imported by a path only gets its media this way and keeps
	 * its id, annotations and place. Returns how many lines were written.
	 */
	itemsAttach(items: readonly Item[], origin: Origin = ORIGIN.IMPORT): number {
		return itemsAdd(this.#p, items, origin, () => false);
	}

	/** Deletes items (not their annotations); returns how many were removed. */
	itemsDrop(ids: ReadonlySet<ItemId>, origin: Origin = ORIGIN.LOCAL): number {
		return itemsDrop(this.#p, ids, origin);
	}

	label(a: Annotation, origin: Origin = ORIGIN.LOCAL): void {
		annotationWrite(this.#p, a, origin);
	}

	unlabel(
		key: { item: ItemId; task: TaskId; annotator: AnnotatorId },
		origin: Origin = ORIGIN.LOCAL
	): void {
		annotationDelete(this.#p, key, origin);
	}

	flag(f: ReviewFlag, origin: Origin = ORIGIN.LOCAL): void {
		flagWrite(this.#p, f, origin);
	}

	decide(d: ReviewDecision, origin: Origin = ORIGIN.LOCAL): void {
		decisionWrite(this.#p, d, origin);
	}

	undecide(d: Pick<ReviewDecision, 'item' | 'task' | 'by'>, origin: Origin = ORIGIN.LOCAL): void {
		decisionDelete(this.#p, d, origin);
	}

	goldSet(g: GoldAnswer, origin: Origin = ORIGIN.LOCAL): void {
		goldWrite(this.#p, g, origin);
	}

	goldUnset(g: Pick<GoldAnswer, 'item' | 'task'>, origin: Origin = ORIGIN.LOCAL): void {
		goldDelete(this.#p, g, origin);
	}

	logAppend(ev: LogEvent, origin: Origin = ORIGIN.LOCAL): void {
		logAppend(this.#p, ev, origin);
	}

	memberUpsert(m: Member, origin: Origin = ORIGIN.LOCAL): void {
		memberUpsert(this.#p, m, origin);
	}

	prepMark(m: PrepMark, origin: Origin = ORIGIN.LOCAL): void {
		prepMarkWrite(this.#p, m, origin);
	}

	prepUnmark(m: Pick<PrepMark, 'item' | 'kind'>, origin: Origin = ORIGIN.LOCAL): void {
		prepMarkDelete(this.#p, m, origin);
	}

	/** Undo/redo of this device's annotation edits; each step remembers the item it changed. */
	annotationUndo(): AnnotationUndo {
		return annotationUndoFrom(this.#p);
	}

	destroy(): void {
		for (const off of this.#off) off();
		this.#topicListeners.clear();
		this.#itemListeners.clear();
		this.#index.destroy();
		this.#p.doc.destroy();
	}
}

function changeFrom(c: IndexChange): DocChange {
	const topics = new Set<DocTopic>();
	if (c.items) topics.add('items');
	if (c.annotations) topics.add('annotations');
	if (c.guidelines) topics.add('guidelines');
	if (c.reviews) topics.add('reviews');
	if (c.members) topics.add('members');
	if (c.prep) topics.add('prep');
	if (c.log) topics.add('log');
	for (const k of c.metaKeys)
		topics.add(k === 'schema' ? 'schema' : k === 'settings' ? 'settings' : 'meta');
	return {
		topics,
		items: c.touched,
		origin: c.origin,
		local: c.local
	};
}

function annotationUndoFrom(p: ProjectDoc): AnnotationUndo {
	const um = new Y.UndoManager(p.annotations, {
		trackedOrigins: new Set([ORIGIN.LOCAL]),
		captureTimeout: 0
	});
	const fns: ((popped: ItemId | undefined) => void)[] = [];
	um.on('stack-item-added', (e) => {
		for (const events of e.changedParentTypes.values())
			for (const ev of events)
				for (const key of (ev as { keysChanged?: Set<string> }).keysChanged ?? []) {
					const parsed = annotationKeyParse(key);
					if (parsed) e.stackItem.meta.set('item', parsed.item);
				}
		for (const fn of fns) fn(undefined);
	});
	um.on('stack-item-popped', (e) => {
		const item = e.stackItem.meta.get('item');
		for (const fn of fns) fn(typeof item === 'string' ? (item as ItemId) : undefined);
	});
	return {
		undo: () => void um.undo(),
		redo: () => void um.redo(),
		canUndo: () => um.canUndo(),
		canRedo: () => um.canRedo(),
		onChange: (fn) => void fns.push(fn),
		destroy: () => um.destroy()
	};
}
