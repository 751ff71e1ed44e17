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
import { annotationKey } from '$lib/core/types';
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
	guidelinesInsert,
	guidelinesReplace,
	itemFromLine,
	itemLines,
	itemsAdd,
	itemsDrop,
	labelCountsRead,
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
import { DocIndex } from './doc-index';
import { DocEvents, changeFrom, type DocListener, type DocTopic } from './doc-events';
import { annotationUndoFrom, type AnnotationUndo } from './annotation-undo';
import { CommentsDoor } from './comments';

export { ORIGIN, type Origin };
export type { AnnotationUndo } from './annotation-undo';
export type { DocChange, DocListener, DocTopic } from './doc-events';
export type { CommentsDoor, ItemComments } from './comments';

/** Members are written by their own devices; a value without an id string is not one. */
function isMember(v: unknown): v is Member {
	return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';
}

const docs = new WeakMap<ProjectStore, ProjectDoc>();

/** The Y.Doc behind a store, for `sync/` modules only (lint bans importing it elsewhere). */
export function projectDocOf(store: ProjectStore): ProjectDoc {
	return docs.get(store) as ProjectDoc;
}

export class ProjectStore {
	readonly #p: ProjectDoc;
	readonly #index: DocIndex;
	readonly #events = new DocEvents();
	readonly #off: (() => void)[] = [];
	/** Comments on items and regions (topic `comments`): reads and the add and resolve commands. */
	readonly comments: CommentsDoor;
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
		this.comments = new CommentsDoor(this.#p);
		this.#off.push(() => this.comments.destroy());
		this.#off.push(this.#index.subscribe((c) => this.#events.emit(changeFrom(c))));
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
				this.#events.emit({
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
		return this.#events.on(topics, fn);
	}

	/** Calls `fn` after each change to `item`'s annotations; returns the unsubscribe. */
	onItem(item: ItemId, fn: DocListener): () => void {
		return this.#events.onItem(item, fn);
	}

	/** How many changes `topic` has seen: a cache key (not a signal; views subscribe with `on`). */
	stamp(topic: DocTopic): number {
		return this.#events.stamp(topic);
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

	/** Whether an item (its media) or an annotation (a big mask) refers to the blob `sha256`. */
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
		return labelCountsRead(this.#p);
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
		guidelinesReplace(this.#p, text, origin);
	}

	/** Inserts `text` at `index` of the guidelines (a peer's concurrent edit elsewhere is kept). */
	guidelinesInsert(index: number, text: string, origin: Origin = ORIGIN.LOCAL): void {
		guidelinesInsert(this.#p, index, text, origin);
	}

	/** Adds the items not there yet, in one transaction; returns how many were new. */
	itemsAdd(items: readonly Item[], origin: Origin = ORIGIN.IMPORT): number {
		return itemsAdd(this.#p, items, origin, (id) => this.#index.has(id));
	}

	/**
	 * Writes a new line for items already in the project: every peer takes the line with the lower
	 * seq, so an item imported by a path gets its media and keeps its id, annotations and place.
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
		this.#events.clear();
		this.#index.destroy();
		this.#p.doc.destroy();
	}
}
