/**
 * Builds the real dependencies (Dexie, y-indexeddb) for the state classes. Tests build their own.
 */
import * as Y from 'yjs';
import type { ProjectId } from '$lib/core/types';
import { QuorumDb } from '$lib/storage/db';
import { projectsRepoFrom } from '$lib/storage/projects-repo';
import { storageEstimate, storagePersist } from '$lib/storage/quota';
import { settingsRepoFrom } from '$lib/storage/settings-repo';
import { memberUpsert, metaInit, metaSet, projectDocFrom } from '$lib/sync/doc';
import { docDelete, docPersist } from '$lib/sync/persistence';
import { AppState } from './app.svelte';
import { ProjectSession } from './project-session.svelte';

async function withDoc(
	id: ProjectId,
	fn: (doc: ReturnType<typeof projectDocFrom>) => void
): Promise<void> {
	const doc = new Y.Doc();
	const persistence = docPersist(id, doc);
	await persistence.whenSynced;
	fn(projectDocFrom(doc));
	await persistence.flush();
	await persistence.destroy();
	doc.destroy();
}

export function appWire(db = new QuorumDb()): AppState {
	const projects = projectsRepoFrom(db);
	const settings = settingsRepoFrom(db);
	const now = () => Date.now();
	return new AppState({
		projects,
		settings,
		now,
		estimate: storageEstimate,
		persist: storagePersist,
		projectDocCreate: (init) =>
			withDoc(init.id, (p) => {
				metaInit(p, init);
				if (init.owner) memberUpsert(p, init.owner);
			}),
		projectDocRename: (id, name) => withDoc(id, (p) => metaSet(p, { name })),
		projectDocDelete: docDelete,
		sessionOpen: (id) => new ProjectSession(id, { projects, now })
	});
}
