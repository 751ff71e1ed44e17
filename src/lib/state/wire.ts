/**
 * Builds the real dependencies (Dexie, y-indexeddb) for the state classes. Tests build their own.
 */
import { QuorumDb } from '$lib/storage/db';
import { projectsRepoFrom } from '$lib/storage/projects-repo';
import { storageEstimate, storagePersist } from '$lib/storage/quota';
import { settingsRepoFrom } from '$lib/storage/settings-repo';
import { docDelete } from '$lib/sync/persistence';
import { storedProjectEdit } from '$lib/sync/stored-project';
import { AppState } from './app.svelte';
import { ProjectSession } from './project-session.svelte';

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
		projectDocCreate: ({ owner, ...init }) =>
			storedProjectEdit(init.id, (store) => {
				store.init(init);
				if (owner) store.memberUpsert(owner);
			}),
		projectDocRename: (id, name) => storedProjectEdit(id, (store) => store.rename(name)),
		projectDocDelete: docDelete,
		sessionOpen: (id) => new ProjectSession(id, { projects, now })
	});
}
