/**
 * What the ML state needs of an open project (ProjectSession satisfies it), and the one command
 * both kinds of suggestion use to become my answer.
 */
import type { AnnotationValue, AnnotatorId, EpochMs, ItemId, TaskId } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import type { ProjectSession } from '../project-session.svelte';

export type MlSession = Pick<ProjectSession, 'id' | 'store' | 'track' | 'trackItem' | 'collab'>;

/** A model's answer to one task of one item, as shown to the annotator. */
export interface SuggestionPick {
	item: ItemId;
	task: TaskId;
	value: AnnotationValue;
	/** The model id (`<source>@<date>…`, model-names.ts). */
	model: string;
	confidence: number;
}

/**
 * Writes a suggestion as `me`'s annotation (`source: 'model'`) with a log line, in one LOCAL
 * transaction: one undo step for the labeling view, one update on the wire.
 */
export function suggestionAccept(
	store: ProjectStore,
	me: AnnotatorId,
	pick: SuggestionPick,
	now: number
): void {
	const { item, task, value, model, confidence } = pick;
	const prev = store.annotation(item, task, me);
	const at = now as EpochMs;
	store.batch(() => {
		store.label({
			item,
			task,
			annotator: me,
			value,
			source: 'model',
			model,
			confidence,
			startedAt: (prev?.startedAt ?? at) as EpochMs,
			savedAt: at,
			ms: prev?.ms ?? 0
		});
		store.logAppend({ at, who: me, what: 'label', item, detail: `accepted ${model}` });
	});
}
