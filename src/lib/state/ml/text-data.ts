/**
 * What the text model reads of the project, through the store: the text of each item, one label
 * per labeled item (its training examples), and the items whose annotators disagree.
 */
import type {
	Annotation,
	AnnotatorId,
	ClassificationTask,
	Item,
	ItemId,
	LabelId
} from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';

/** Labeled items needed per class, in at least two classes, before training. */
export const MIN_PER_CLASS = 5;

export interface TextExample {
	item: ItemId;
	text: string;
	/** Index of the label in the task's labels. */
	y: number;
}

export interface DisagreementRow {
	item: ItemId;
	text: string;
	answers: { annotator: AnnotatorId; name: string; label: LabelId }[];
	/** Share of annotators who chose the most common label. */
	agreement: number;
}

/** The text of an item for a task: its task field, or the item's own text. */
export function itemText(item: Item | undefined, task: ClassificationTask): string | undefined {
	if (!item) return undefined;
	if (task.field) {
		const f = item.fields?.[task.field];
		return f?.kind === 'text' ? f.text : undefined;
	}
	if (item.text !== undefined) return item.text;
	if (item.fields) for (const f of Object.values(item.fields)) if (f.kind === 'text') return f.text;
	return undefined;
}

/** The single label of an answer to the task, if it is one (multi-label answers are left out). */
function singleLabel(a: Annotation, task: ClassificationTask): LabelId | undefined {
	if (a.task !== task.id || a.value.type !== 'classification' || a.value.labels.length !== 1)
		return undefined;
	return a.value.labels[0];
}

/** Each item's single-label answers to the task, as label indexes (unknown labels left out). */
export function textAnswers(store: ProjectStore, task: ClassificationTask): Map<ItemId, number[]> {
	const index = new Map(task.labels.map((l, i) => [l.id as string, i]));
	const out = new Map<ItemId, number[]>();
	for (const id of store.order) {
		const ys: number[] = [];
		for (const a of store.annotationsOf(id)) {
			const k = index.get(singleLabel(a, task) ?? '');
			if (k !== undefined) ys.push(k);
		}
		if (ys.length) out.set(id, ys);
	}
	return out;
}

/** One label per item with text: the majority of single-label answers (ties: schema order). */
export function textExamples(store: ProjectStore, task: ClassificationTask): TextExample[] {
	const out: TextExample[] = [];
	for (const [id, ys] of textAnswers(store, task)) {
		const text = itemText(store.item(id), task);
		if (text === undefined) continue;
		const counts = new Array<number>(task.labels.length).fill(0);
		for (const y of ys) counts[y] = (counts[y] as number) + 1;
		out.push({ item: id, text, y: counts.indexOf(Math.max(...counts)) });
	}
	return out;
}

/** Examples per label, in the task's label order. */
export function classCounts(examples: readonly TextExample[], task: ClassificationTask): number[] {
	const counts = new Array<number>(task.labels.length).fill(0);
	for (const e of examples) counts[e.y] = (counts[e.y] as number) + 1;
	return counts;
}

/** Why training cannot start yet, or '' when it can. */
export function notReadyText(task: ClassificationTask | undefined, counts: number[]): string {
	if (!task) return 'Add a classification task with labels first.';
	if (task.labels.length < 2) return 'The task needs at least 2 labels.';
	if (task.multi) return 'Multi-label tasks are not supported by the text model in this version.';
	if (counts.filter((c) => c >= MIN_PER_CLASS).length >= 2) return '';
	return `Label at least ${MIN_PER_CLASS} items of 2 different labels first (now: ${counts
		.map((c, i) => `${task.labels[i]?.name} ${c}`)
		.join(', ')}).`;
}

/** Items of the task whose annotators chose different labels, least agreement first. */
export function disagreementsOf(
	store: ProjectStore,
	task: ClassificationTask,
	names: ReadonlyMap<string, string>
): DisagreementRow[] {
	const out: DisagreementRow[] = [];
	for (const id of store.order) {
		const answers: DisagreementRow['answers'] = [];
		for (const a of store.annotationsOf(id)) {
			const label = singleLabel(a, task);
			if (label === undefined) continue;
			answers.push({
				annotator: a.annotator,
				name: names.get(a.annotator) ?? a.annotator.slice(0, 8),
				label
			});
		}
		if (answers.length < 2) continue;
		const counts = new Map<string, number>();
		for (const a of answers) counts.set(a.label, (counts.get(a.label) ?? 0) + 1);
		if (counts.size < 2) continue;
		out.push({
			item: id,
			text: itemText(store.item(id), task) ?? '',
			answers,
			agreement: Math.max(...counts.values()) / answers.length
		});
	}
	return out.sort((a, b) => a.agreement - b.agreement);
}
