/**
 * The labeling queue of one annotator on one classification task: where they are, what they
 * chose, how long it took, and undo/redo of their own edits (Y.UndoManager on the LOCAL origin).
 */
import * as Y from 'yjs';
import { assignedOrder, labelingMembers } from '$lib/core/assignment';
import { goldMix } from '$lib/core/gold';
import { labelByHotkey, labelsToggle } from '$lib/core/schema';
import {
	annotationKey,
	annotationKeyParse,
	type Annotation,
	type AnnotationValue,
	type AnnotatorId,
	type ClassificationTask,
	type EpochMs,
	type Item,
	type ItemId,
	type LabelId,
	type TaskId
} from '$lib/core/types';
import {
	ORIGIN,
	annotationDelete,
	annotationRead,
	annotationWrite,
	docGuardOnChange,
	logAppend,
	reviewsRead
} from '$lib/sync/doc';
import type { ProjectSession } from './project-session.svelte';

export class LabelingQueue {
	#s: ProjectSession;
	#me: AnnotatorId;
	#now: () => number;
	#undo: Y.UndoManager;
	#shownAt = 0;
	#assigned: { from: readonly ItemId[]; key: string; order: readonly ItemId[] } | undefined;
	#gold = new Set<ItemId>();
	#goldOrder: { from: readonly ItemId[]; rate: number; order: readonly ItemId[] } | undefined;
	#goldUnobserve: () => void;

	pos = $state(0);
	canUndo = $state(false);
	canRedo = $state(false);

	constructor(session: ProjectSession, me: AnnotatorId, now: () => number = Date.now) {
		this.#s = session;
		this.#me = me;
		this.#now = now;
		this.#undo = new Y.UndoManager(session.p.annotations, {
			trackedOrigins: new Set([ORIGIN.LOCAL]),
			captureTimeout: 0
		});
		// Each undo step remembers the item it changed, so undo and redo bring that item back into view.
		this.#undo.on('stack-item-added', (e) => {
			for (const events of e.changedParentTypes.values())
				for (const ev of events)
					for (const key of (ev as { keysChanged?: Set<string> }).keysChanged ?? []) {
						const parsed = annotationKeyParse(key);
						if (parsed) e.stackItem.meta.set('item', parsed.item);
					}
			this.#stacks();
		});
		this.#undo.on('stack-item-popped', (e) => {
			const item = e.stackItem.meta.get('item');
			if (typeof item === 'string') this.goToItem(item as ItemId);
			this.#stacks();
		});
		this.#goldRead();
		const onReviews = () => this.#goldRead();
		session.p.reviews.observe(onReviews);
		// Signed projects: a gold answer counts once its signature is checked (sync/trust.ts).
		const offGuard = docGuardOnChange(session.p.doc, onReviews);
		this.#goldUnobserve = () => {
			session.p.reviews.unobserve(onReviews);
			offGuard();
		};
		this.pos = this.firstUnlabeled();
		this.#shownAt = now();
		this.#s.collab?.focus(this.itemId);
	}

	/**
	 * The items in my queue: in a shared project with `overlap` below the team size, my share by
	 * rendezvous hashing (core/assignment.ts); otherwise every item, in import order.
	 */
	get #order(): readonly ItemId[] {
		const base = this.#reordered(this.#orderAssigned);
		if (this.#gold.size === 0 || !(this.#s.settings.goldRate > 0)) return base;
		const g = this.#goldOrder;
		if (g && g.from === base && g.rate === this.#s.settings.goldRate) return g.order;
		const order = goldMix(base, this.#s.index.order, this.#gold, this.#s.settings.goldRate);
		this.#goldOrder = { from: base, rate: this.#s.settings.goldRate, order };
		return order;
	}

	/** Queue strategy hook (queue-order.ts): reorders my items; undefined = as assigned. */
	#reorder: ((ids: readonly ItemId[]) => readonly ItemId[]) | undefined;
	#reorderCache: { from: readonly ItemId[]; order: readonly ItemId[] } | undefined;
	#reordered(ids: readonly ItemId[]): readonly ItemId[] {
		if (!this.#reorder) return ids;
		if (this.#reorderCache?.from !== ids)
			this.#reorderCache = { from: ids, order: this.#reorder(ids) };
		return this.#reorderCache.order;
	}

	/** Sets the queue order and moves to the first item I have not labeled in it. */
	orderSet(f: ((ids: readonly ItemId[]) => readonly ItemId[]) | undefined): void {
		this.#reorder = f;
		this.#reorderCache = undefined;
		this.#goldOrder = undefined;
		this.go(this.firstUnlabeled(0));
	}

	/** Gold items of the project (any task): shown to everyone at the project's gold rate. */
	#goldRead(): void {
		this.#gold = new Set(reviewsRead(this.#s.p).gold.map((g) => g.item));
		this.#goldOrder = undefined;
	}

	get #orderAssigned(): readonly ItemId[] {
		const all = this.#s.index.order;
		const collab = this.#s.collab;
		if (!collab) return all;
		const members = labelingMembers(collab.members());
		const key = `${this.#s.settings.overlap}|${members.join(',')}`;
		const c = this.#assigned;
		if (c && c.from === all && c.key === key) return c.order;
		const order = assignedOrder(all, this.#me, members, this.#s.settings.overlap);
		this.#assigned = { from: all, key, order };
		return order;
	}

	#stacks(): void {
		this.canUndo = this.#undo.canUndo();
		this.canRedo = this.#undo.canRedo();
	}

	get task(): ClassificationTask | undefined {
		return this.#s.schema.tasks.find((t) => t.type === 'classification');
	}

	get total(): number {
		void this.#s.version;
		return this.#order.length;
	}

	get doneCount(): number {
		void this.#s.version;
		return this.#s.index.labeledBy(this.#me).size;
	}

	get itemId(): ItemId | undefined {
		void this.#s.version;
		return this.#order[this.pos];
	}

	get item(): Item | undefined {
		const id = this.itemId;
		return id === undefined ? undefined : this.#s.index.item(id);
	}

	/** My annotation on the current item, if any. */
	get mine(): Annotation | undefined {
		void this.#s.version;
		const id = this.itemId;
		const task = this.task;
		if (!id || !task) return undefined;
		return annotationRead(this.#s.p, annotationKey(id, task.id, this.#me));
	}

	get chosen(): LabelId[] {
		const v = this.mine?.value;
		return v?.type === 'classification' ? v.labels : [];
	}

	/** My annotation of the current item for any task. */
	mineOf(task: TaskId): Annotation | undefined {
		void this.#s.version;
		const id = this.itemId;
		return id ? annotationRead(this.#s.p, annotationKey(id, task, this.#me)) : undefined;
	}

	/**
	 * Saves my answer to `task` on the current item as one undoable step (ORIGIN.LOCAL), or deletes
	 * it when `value` is undefined. Tools call this once per finished gesture, never per frame.
	 */
	save(task: TaskId, value: AnnotationValue | undefined): void {
		const id = this.itemId;
		if (!id) return;
		const prev = this.mineOf(task);
		const now = this.#now();
		const spent = now - this.#shownAt;
		this.#shownAt = now;
		this.#s.p.doc.transact(() => {
			if (!value) {
				if (prev) annotationDelete(this.#s.p, { item: id, task, annotator: this.#me });
				return;
			}
			annotationWrite(this.#s.p, {
				item: id,
				task,
				annotator: this.#me,
				value,
				source: 'human',
				startedAt: (prev?.startedAt ?? now - spent) as EpochMs,
				savedAt: now as EpochMs,
				ms: (prev?.ms ?? 0) + spent
			});
			logAppend(this.#s.p, { at: now as EpochMs, who: this.#me, what: 'label', item: id });
		}, ORIGIN.LOCAL);
	}

	/** Index of the first item in order that I have not labeled, or 0 when all are. */
	firstUnlabeled(from = 0): number {
		const order = this.#order;
		const mine = this.#s.index.labeledBy(this.#me);
		// Soft claims: pass over items someone else has open, unless nothing else is left.
		const claimed = this.#s.collab?.claimedByOthers();
		if (claimed?.size)
			for (let i = from; i < order.length; i++) {
				const id = order[i] as ItemId;
				if (!mine.has(id) && !claimed.has(id)) return i;
			}
		for (let i = from; i < order.length; i++) if (!mine.has(order[i] as ItemId)) return i;
		for (let i = 0; i < Math.min(from, order.length); i++)
			if (!mine.has(order[i] as ItemId)) return i;
		return Math.min(from, Math.max(0, order.length - 1));
	}

	go(pos: number): void {
		const n = this.#order.length;
		const next = Math.max(0, Math.min(pos, n - 1));
		if (next !== this.pos) this.#shownAt = this.#now();
		this.pos = next;
		this.#s.collab?.focus(this.itemId);
	}

	goToItem(id: ItemId): boolean {
		const i = this.#order.indexOf(id);
		if (i < 0) return false;
		this.go(i);
		return true;
	}

	next(): void {
		this.go(this.pos + 1);
	}

	prev(): void {
		this.go(this.pos - 1);
	}

	/** Moves on to the next item I have not labeled yet. */
	skip(): void {
		this.go(this.firstUnlabeled(this.pos + 1));
	}

	get atEnd(): boolean {
		return this.pos >= this.total - 1;
	}

	/** Applies a label choice; returns true when the caller should advance (single-label choice). */
	choose(label: LabelId): boolean {
		const task = this.task;
		const id = this.itemId;
		if (!task || !id) return false;
		const prev = this.mine;
		const labels = labelsToggle(task, this.chosen, label);
		const now = this.#now();
		const spent = now - this.#shownAt;
		this.#shownAt = now;
		if (labels.length === 0) {
			annotationDelete(this.#s.p, { item: id, task: task.id, annotator: this.#me });
			return false;
		}
		const a: Annotation = {
			item: id,
			task: task.id,
			annotator: this.#me,
			value: { type: 'classification', labels },
			source: 'human',
			startedAt: (prev?.startedAt ?? now - spent) as EpochMs,
			savedAt: now as EpochMs,
			ms: (prev?.ms ?? 0) + spent
		};
		this.#s.p.doc.transact(() => {
			annotationWrite(this.#s.p, a);
			logAppend(this.#s.p, { at: now as EpochMs, who: this.#me, what: 'label', item: id });
		}, ORIGIN.LOCAL);
		return !task.multi && this.#s.settings.autoAdvance;
	}

	/** Handles a label hotkey; returns true when it matched a label. */
	hotkey(key: string): { matched: boolean; advance: boolean } {
		const task = this.task;
		const label = task && labelByHotkey(task, key);
		if (!label) return { matched: false, advance: false };
		return { matched: true, advance: this.choose(label.id) };
	}

	undo(): void {
		this.#undo.undo();
		this.#stacks();
	}

	redo(): void {
		this.#undo.redo();
		this.#stacks();
	}

	/** Whether an item is gold (its known answer is hidden from annotators). */
	isGold(item: ItemId): boolean {
		return this.#gold.has(item);
	}

	destroy(): void {
		this.#goldUnobserve();
		this.#s.collab?.focus(undefined);
		this.#undo.destroy();
	}
}
