/** Test doubles for opening a ProjectSession without IndexedDB (state-layer tests only). */
import type {
	Annotation,
	AnnotatorId,
	EpochMs,
	Item,
	ItemId,
	LabelId,
	ProjectId,
	Task,
	TaskId
} from '$lib/core/types';
import { afterEach } from 'vitest';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import type { ProjectSummary, ProjectsRepo } from '$lib/storage/projects-repo';
import { ProjectSession } from '$lib/state/project-session.svelte';

export const fakeProjects: ProjectsRepo = {
	list: async () => [],
	get: async () => undefined as ProjectSummary | undefined,
	put: async () => undefined,
	update: async () => undefined,
	remove: async () => undefined
};

/** A media store that has nothing and keeps nothing. */
export const noBlobs: BlobsRepo = {
	get: async () => undefined,
	has: async () => false,
	putMany: async () => {}
};

/** Persistence that keeps the doc in memory only. */
export const memoryPersist = () => ({
	whenSynced: Promise.resolve(),
	flush: async () => undefined,
	unsaved: 0,
	onError: () => undefined,
	onSaved: () => undefined,
	destroy: async () => undefined
});

/**
 * An opened ProjectSession kept in memory, with the project's meta and schema set and `items`
 * added: the usual start of a state-layer test. The caller destroys it.
 */
export async function sessionWithSchema(
	tasks: Task[],
	opts: { id?: ProjectId; now?: () => number; items?: Item[] } = {}
): Promise<ProjectSession> {
	const id = opts.id ?? ('p1' as ProjectId);
	const s = new ProjectSession(id, {
		projects: fakeProjects,
		now: opts.now ?? (() => 1),
		persist: memoryPersist
	});
	await s.open();
	s.store.init({ id, name: 'P', description: '', created: 0 as EpochMs, schema: { tasks } });
	if (opts.items) s.store.itemsAdd(opts.items);
	return s;
}

/**
 * Registers an `afterEach` (call at the top of a test file) that destroys every session passed to
 * the returned function during the test; it returns the session it is given.
 */
export function destroyedAfterEach(): (s: ProjectSession) => ProjectSession {
	let open: ProjectSession[] = [];
	afterEach(async () => {
		for (const s of open) await s.destroy();
		open = [];
	});
	return (s) => {
		open.push(s);
		return s;
	};
}

/** `n` text items `${prefix}0`… with texts "text 0"…, in that order. */
export const textItems = (n: number, prefix = 'i'): Item[] =>
	Array.from({ length: n }, (_, i) => ({
		id: `${prefix}${i}` as ItemId,
		kind: 'text',
		text: `text ${i}`,
		seq: i
	}));

/** A human classification label of `who` on `item` for task `task`. */
export const labelOf = (item: string, who: string, label: string, task = 'sent'): Annotation => ({
	item: item as ItemId,
	task: task as TaskId,
	annotator: who as AnnotatorId,
	value: { type: 'classification', labels: [label as LabelId] },
	source: 'human',
	startedAt: 1 as EpochMs,
	savedAt: 2 as EpochMs,
	ms: 1
});
