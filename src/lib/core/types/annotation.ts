import type { AnnotatorId, EpochMs, ItemId, TaskId } from './ids';
import type { AnnotationValue } from './values';

export interface Annotation {
	item: ItemId;
	task: TaskId;
	annotator: AnnotatorId;
	value: AnnotationValue;
	source: 'human' | 'model';
	model?: string;
	confidence?: number;
	startedAt: EpochMs;
	savedAt: EpochMs;
	/** Time spent on the item before saving, in ms. */
	ms: number;
}

/**
 * Key of an annotation in the shared doc: one writer per key
 * (docs/ARCHITECTURE.md#the-project-doc).
 */
export function annotationKey(item: ItemId, task: TaskId, annotator: AnnotatorId): string {
	return `${item}/${task}/${annotator}`;
}

export function annotationKeyParse(
	key: string
): { item: ItemId; task: TaskId; annotator: AnnotatorId } | undefined {
	const parts = key.split('/');
	if (parts.length !== 3 || parts.some((p) => p.length === 0)) return undefined;
	const [item, task, annotator] = parts as [string, string, string];
	return { item: item as ItemId, task: task as TaskId, annotator: annotator as AnnotatorId };
}
