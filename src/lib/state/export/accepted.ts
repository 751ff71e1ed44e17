/**
 * The accepted value of every item and task as the app decides it: classification outcomes
 * (consensus by the task's method and threshold, reviewer decisions, gold) from the quality
 * state, and reviewer decisions, gold or identical answers reaching the threshold for the others.
 */
import { acceptedAnnotations, type AcceptedAnnotation } from '$lib/core/formats/interop/accepted';
import type { ItemOutcome } from '$lib/core/quality/live/outcomes';
import type { AnnotatorId, TaskId } from '$lib/core/types';
import type { ProjectSession } from '../project-session.svelte';
import { QualityState } from '../quality/quality.svelte';

/** Each classification task's outcomes, computed afresh (the export must not show a stale view). */
function outcomesOf(session: ProjectSession, me: AnnotatorId): Map<TaskId, ItemOutcome[]> {
	const q = new QualityState(session, me);
	const outcomes = new Map<TaskId, ItemOutcome[]>();
	try {
		for (const t of q.tasks) {
			q.select(t.id);
			q.heavyRun();
			outcomes.set(t.id, [...q.outcomes.all()]);
		}
	} finally {
		q.destroy();
	}
	return outcomes;
}

export function acceptedOfProject(session: ProjectSession, me: AnnotatorId): AcceptedAnnotation[] {
	const store = session.store;
	const outcomes = outcomesOf(session, me);
	const { decisions, gold } = store.reviews();
	const members = session.collab?.members();
	const s = store.settings;
	const thresholds = new Map<TaskId, number>();
	for (const t of store.schema.tasks) {
		const c = s.consensus?.[t.id];
		if (c) thresholds.set(t.id, c.threshold);
	}
	return acceptedAnnotations({
		schema: store.schema,
		annotations: store.order.flatMap((id) => store.annotationsOf(id)),
		outcomes,
		decisions,
		gold,
		...(members
			? {
					reviewers: new Set(
						members.filter((m) => m.role !== 'annotator').map((m) => m.id as string)
					)
				}
			: {}),
		thresholds,
		threshold: s.consensusThreshold,
		overlap: s.overlap
	});
}
