/**
 * The labeling queue of one annotator: where they are, what they chose, how long it took, and
 * undo/redo of their own edits (the store's annotation undo, LOCAL origin). A view over the
 * project store: its getters track items (the order), annotations (what is done), settings (gold
 * rate, overlap), schema (the task), reviews (gold items) and the item in view, nothing else.
 */
import { dayStreak, localDay } from '$lib/core/progress/streak';
import { labelingMembers } from '$lib/core/assignment';
import { labelByHotkey, labelsToggle } from '$lib/core/schema';
import type {
	Annotation,
	AnnotationValue,
	AnnotatorId,
	ClassificationTask,
	EpochMs,
	GoldAnswer,
	Item,
	ItemId,
	LabelId,
	TaskId
} from '$lib/core/types';
import type { AnnotationUndo, ProjectStore } from '$lib/sync/project-store';
import { MyOrder, type Reorder } from './labeling/my-order';
import type { ProjectSession } from './project-session.svelte';

export class LabelingQueue {
	readonly #s: ProjectSession;
	readonly #store: ProjectStore;
	readonly #me: AnnotatorId;
	readonly #now: () => number;
	readonly #undo: AnnotationUndo;
	readonly #order: MyOrder;
	#shownAt = 0;
	#gold: { from: readonly GoldAnswer[]; items: ReadonlySet<ItemId> } | undefined;

	#pos = $state(0);
	#canUndo = $state(false);
	#canRedo = $state(false);

	constructor(session: ProjectSession, me: AnnotatorId, now: () => number = Date.now) {
		this.#s = session;
		this.#store = session.store;
		this.#me = me;
		this.#now = now;
		this.#order = new MyOrder(me);
		this.#undo = session.store.annotationUndo();
		// Each undo step remembers the item it changed, so undo and redo bring that item back into view.
		this.#undo.onChange((popped) => {
			if (popped) this.goToItem(popped);
			this.#stacks();
		});
		this.#pos = this.firstUnlabeled();
		this.#shownAt = now();
		this.#s.collab?.focus(this.itemId);
	}

	/** Index of the item in view, in my queue's order. */
	get pos(): number {
		return this.#pos;
	}

	get canUndo(): boolean {
		return this.#canUndo;
	}

	get canRedo(): boolean {
		return this.#canRedo;
	}

	/**
	 * The items in my queue (state/labeling/my-order.ts): my share in a shared project, reordered
	 * by the queue strategy, with gold items mixed in at the project's gold rate.
	 */
	get #ids(): readonly ItemId[] {
		const settings = this.#s.settings;
		const collab = this.#s.collab;
		return this.#order.of({
			all: this.#s.order,
			members: collab ? labelingMembers(collab.members()) : undefined,
			overlap: settings.overlap,
			gold: this.#goldItems(),
			goldRate: settings.goldRate
		});
	}

	/** Gold items of the project (any task): shown to everyone at the project's gold rate. */
	#goldItems(): ReadonlySet<ItemId> {
		this.#s.track('reviews');
		const gold = this.#store.reviews().gold;
		if (this.#gold?.from !== gold)
			this.#gold = { from: gold, items: new Set(gold.map((g) => g.item)) };
		return this.#gold.items;
	}

	/** Sets the queue order and moves to the first item I have not labeled in it. */
	orderSet(f: Reorder | undefined): void {
		this.#order.reorderSet(f);
		this.go(this.firstUnlabeled(0));
	}

	#stacks(): void {
		this.#canUndo = this.#undo.canUndo();
		this.#canRedo = this.#undo.canRedo();
	}

	get task(): ClassificationTask | undefined {
		return this.#s.schema.tasks.find((t) => t.type === 'classification');
	}

	get total(): number {
		return this.#ids.length;
	}

	get doneCount(): number {
		return this.#s.labeledBy(this.#me).size;
	}

	get itemId(): ItemId | undefined {
		return this.#ids[this.#pos];
	}

	get item(): Item | undefined {
		const id = this.itemId;
		return id === undefined ? undefined : this.#s.item(id);
	}

	/** My annotation on the current item, if any. */
	get mine(): Annotation | undefined {
		const task = this.task;
		return task && this.mineOf(task.id);
	}

	get chosen(): LabelId[] {
		const v = this.mine?.value;
		return v?.type === 'classification' ? v.labels : [];
	}

	/** My annotation of the current item for any task. */
	mineOf(task: TaskId): Annotation | undefined {
		const id = this.itemId;
		if (!id) return undefined;
		this.#s.trackItem(id);
		return this.#store.annotation(id, task, this.#me);
	}

	/** My annotation of `id` for `task`, stamped with the time spent since the item was shown. */
	#answer(id: ItemId, task: TaskId, value: AnnotationValue): Annotation {
		const prev = this.#store.annotation(id, task, this.#me);
		const now = this.#now();
		const spent = now - this.#shownAt;
		this.#shownAt = now;
		return {
			item: id,
			task,
			annotator: this.#me,
			value,
			source: 'human',
			startedAt: (prev?.startedAt ?? now - spent) as EpochMs,
			savedAt: now as EpochMs,
			ms: (prev?.ms ?? 0) + spent
		};
	}

	/** Writes my answer and its log line as one transaction (one undo step). */
	#write(a: Annotation): void {
		this.#store.batch(() => {
			this.#store.label(a);
			this.#store.logAppend({ at: a.savedAt, who: this.#me, what: 'label', item: a.item });
		});
	}

	/**
	 * Saves my answer to `task` on the current item as one undoable step (ORIGIN.LOCAL), or deletes
	 * it when `value` is undefined. Tools call this once per finished gesture, never per frame.
	 */
	save(task: TaskId, value: AnnotationValue | undefined): void {
		const id = this.itemId;
		if (!id) return;
		if (value) return this.#write(this.#answer(id, task, value));
		this.#shownAt = this.#now();
		if (this.#store.annotation(id, task, this.#me))
			this.#store.unlabel({ item: id, task, annotator: this.#me });
	}

	/** How many items I have saved an answer to since `from` (epoch ms), e.g. today. */
	doneSince(from: number): number {
		this.#s.track('annotations');
		let n = 0;
		for (const id of this.#store.labeledBy(this.#me))
			if (this.#store.annotationsOf(id).some((a) => a.annotator === this.#me && a.savedAt >= from))
				n++;
		return n;
	}

	/** Days in a row, up to today (local time), on which I saved a label. */
	streak(now = Date.now()): number {
		this.#s.track('annotations');
		const offset = -new Date(now).getTimezoneOffset();
		const times: number[] = [];
		for (const id of this.#store.labeledBy(this.#me))
			for (const a of this.#store.annotationsOf(id))
				if (a.annotator === this.#me) times.push(a.savedAt);
		return dayStreak(times, now, (ms) => localDay(ms, offset));
	}

	/** Index of the first item in order that I have not labeled, or 0 when all are. */
	firstUnlabeled(from = 0): number {
		const order = this.#ids;
		const mine = this.#store.labeledBy(this.#me);
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
		const n = this.#ids.length;
		const next = Math.max(0, Math.min(pos, n - 1));
		if (next !== this.#pos) this.#shownAt = this.#now();
		this.#pos = next;
		this.#s.collab?.focus(this.itemId);
	}

	goToItem(id: ItemId): boolean {
		const i = this.#ids.indexOf(id);
		if (i < 0) return false;
		this.go(i);
		return true;
	}

	next(): void {
		this.go(this.#pos + 1);
	}

	prev(): void {
		this.go(this.#pos - 1);
	}

	/** Moves on to the next item I have not labeled yet. */
	skip(): void {
		this.go(this.firstUnlabeled(this.#pos + 1));
	}

	/**
	 * Sends the item in view to review (a manual flag by me on its first task, with a log line) as
	 * one transaction; returns false when there is nothing to flag.
	 */
	flag(detail = 'flagged while labeling'): boolean {
		const id = this.itemId;
		const task = this.task?.id ?? this.#s.schema.tasks[0]?.id;
		if (!id || !task) return false;
		const at = this.#now() as EpochMs;
		this.#store.batch(() => {
			this.#store.flag({ item: id, task, reason: 'manual', by: this.#me, at, detail });
			this.#store.logAppend({ at, who: this.#me, what: 'flag', item: id, detail });
		});
		return true;
	}

	get atEnd(): boolean {
		return this.#pos >= this.total - 1;
	}

	/** Applies a label choice; returns true when the caller should advance (single-label choice). */
	choose(label: LabelId): boolean {
		const task = this.task;
		const id = this.itemId;
		if (!task || !id) return false;
		const labels = labelsToggle(task, this.chosen, label);
		if (labels.length === 0) {
			this.#shownAt = this.#now();
			this.#store.unlabel({ item: id, task: task.id, annotator: this.#me });
			return false;
		}
		this.#write(this.#answer(id, task.id, { type: 'classification', labels }));
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
		return this.#goldItems().has(item);
	}

	destroy(): void {
		this.#s.collab?.focus(undefined);
		this.#undo.destroy();
	}
}
