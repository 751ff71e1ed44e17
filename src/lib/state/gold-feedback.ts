/** Immediate feedback after a gold item (issue 8): was my answer the known one? */
import type { AnnotatorId, ItemId } from '$lib/core/types';
import { annotationKey } from '$lib/core/types';
import { annotationRead, reviewsRead } from '$lib/sync/doc';
import type { ProjectSession } from './project-session.svelte';

export interface GoldFeedback {
	item: ItemId;
	right: boolean;
	answer: string;
	given: string;
}

/** My answer on a gold item compared with its known answer, or undefined if it is not gold. */
export function goldFeedbackOf(
	session: ProjectSession,
	me: AnnotatorId,
	item: ItemId
): GoldFeedback | undefined {
	const gold = reviewsRead(session.p).gold.find((g) => g.item === item);
	if (!gold || gold.value.type !== 'classification') return undefined;
	const mine = annotationRead(session.p, annotationKey(item, gold.task, me));
	if (!mine || mine.value.type !== 'classification' || mine.value.labels.length === 0)
		return undefined;
	const task = session.schema.tasks.find((t) => t.id === gold.task);
	const names = (ids: readonly string[]) =>
		ids
			.map((id) =>
				task && 'labels' in task ? (task.labels.find((l) => l.id === id)?.name ?? id) : id
			)
			.join(' + ');
	const key = (ids: readonly string[]) => [...ids].sort().join('+');
	return {
		item,
		right: key(mine.value.labels) === key(gold.value.labels),
		answer: names(gold.value.labels),
		given: names(mine.value.labels)
	};
}
