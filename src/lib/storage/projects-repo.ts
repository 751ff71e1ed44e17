/** The projects index: one row per project on this device, for the projects page. */
import type { QuorumDb, ProjectRow } from './db';
import { storageErrorFrom } from './quota';

export type ProjectSummary = ProjectRow;

export interface ProjectsRepo {
	list(): Promise<ProjectSummary[]>;
	get(id: string): Promise<ProjectSummary | undefined>;
	put(row: ProjectSummary): Promise<void>;
	update(id: string, patch: Partial<Omit<ProjectSummary, 'id'>>): Promise<void>;
	remove(id: string): Promise<void>;
}

export function projectsRepoFrom(db: QuorumDb): ProjectsRepo {
	return {
		async list() {
			const rows = await db.projects.orderBy('lastActivity').reverse().toArray();
			return rows;
		},
		get: (id) => db.projects.get(id),
		async put(row) {
			try {
				await db.projects.put(row);
			} catch (e) {
				throw storageErrorFrom(e);
			}
		},
		async update(id, patch) {
			try {
				await db.projects.update(id, patch);
			} catch (e) {
				throw storageErrorFrom(e);
			}
		},
		async remove(id) {
			await db.projects.delete(id);
		}
	};
}
