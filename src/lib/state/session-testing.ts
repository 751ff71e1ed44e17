/** Test doubles for opening a ProjectSession without IndexedDB (state-layer tests only). */
import type { ProjectSummary, ProjectsRepo } from '$lib/storage/projects-repo';

export const fakeProjects: ProjectsRepo = {
	list: async () => [],
	get: async () => undefined as ProjectSummary | undefined,
	put: async () => undefined,
	update: async () => undefined,
	remove: async () => undefined
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
