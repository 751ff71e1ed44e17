/**
 * The "Imported" layer of the Label page: the annotations an import brought in for the item in
 * view (COCO, YOLO, Label Studio, … annotator ids, core/formats/interop/imported.ts). The user
 * sees them listed, shows one in its tool (where any change is saved as their own annotation), or
 * takes one as their own in one undoable step. Other members' annotations stay hidden here, as
 * before: annotators label independently.
 */
import {
	importedName,
	isImportedAnnotator,
	valueSummary
} from '$lib/core/formats/interop/imported';
import type { AnnotationValue, AnnotatorId, TaskId } from '$lib/core/types';
import type { LabelingQueue } from './labeling.svelte';
import type { ProjectSession } from './project-session.svelte';

export interface ImportedEntry {
	/** `<annotator>/<task>`: one entry per imported annotator and task. */
	key: string;
	annotator: AnnotatorId;
	name: string;
	task: TaskId;
	taskName: string;
	summary: string;
	value: AnnotationValue;
	/** The task is answered with a tool on this page (boxes, spans, …), not label buttons. */
	inTool: boolean;
	/** I already have an answer to this task on this item. */
	mineExists: boolean;
}

export class ImportedLayer {
	readonly #s: ProjectSession;
	readonly #q: LabelingQueue;
	#shown = $state<string | undefined>(undefined);
	#shownItem: string | undefined;

	constructor(session: ProjectSession, queue: LabelingQueue) {
		this.#s = session;
		this.#q = queue;
	}

	/** The entry shown in its tool instead of my own answer, if any. */
	get shown(): string | undefined {
		return this.#shown;
	}

	/** Imported annotations of the item in view, by annotator then task order. */
	get entries(): ImportedEntry[] {
		const id = this.#q.itemId;
		if (!id) return [];
		const tasks = this.#s.schema.tasks;
		const order = new Map(tasks.map((t, i) => [t.id, i]));
		return this.#s
			.annotationsOf(id)
			.filter((a) => isImportedAnnotator(a.annotator) && order.has(a.task))
			.sort(
				(a, b) =>
					a.annotator.localeCompare(b.annotator) ||
					(order.get(a.task) ?? 0) - (order.get(b.task) ?? 0)
			)
			.map((a) => {
				const task = tasks.find((t) => t.id === a.task);
				return {
					key: `${a.annotator}/${a.task}`,
					annotator: a.annotator,
					name: importedName(a.annotator),
					task: a.task,
					taskName: task?.name ?? a.task,
					summary: valueSummary(a.value, task),
					value: a.value,
					inTool: task?.type !== 'classification',
					mineExists: !!this.#q.mineOf(a.task)
				};
			});
	}

	/** The value a tool shows for `task`: the shown imported entry's, or undefined (then mine). */
	valueFor(task: TaskId): AnnotationValue | undefined {
		if (!this.#shown || this.#shownItem !== this.#q.itemId) return undefined;
		const e = this.entries.find((x) => x.key === this.#shown);
		return e && e.task === task ? e.value : undefined;
	}

	/** A key that changes when what the tools show changes (to remount them). */
	get viewKey(): string {
		return `${this.#q.itemId}|${this.#shownItem === this.#q.itemId ? (this.#shown ?? '') : ''}`;
	}

	toggle(key: string): void {
		const same = this.#shown === key && this.#shownItem === this.#q.itemId;
		this.#shown = same ? undefined : key;
		this.#shownItem = this.#q.itemId;
	}

	hide(): void {
		this.#shown = undefined;
	}

	/** Saves the entry's value as my answer (one undoable step; Ctrl+Z brings mine back). */
	accept(key: string): void {
		const e = this.entries.find((x) => x.key === key);
		if (!e) return;
		this.#q.save(e.task, structuredClone($state.snapshot(e.value)) as AnnotationValue);
		this.hide();
	}
}
