/** Model suggestions per project, task and item, on this device only (db.ts `PredictionRow`). */
import type { PredictionRow, QuorumDb } from './db';
import { storageErrorFrom } from './quota';

export interface PredictionsRepo {
	/** Replaces the suggestions of `rows` (same project, task and item) in one transaction. */
	putMany(rows: readonly PredictionRow[]): Promise<void>;
	get(project: string, task: string, item: string): Promise<PredictionRow | undefined>;
	/** Every suggestion of one task, e.g. to order a queue by uncertainty. */
	ofTask(project: string, task: string): Promise<PredictionRow[]>;
	/** Forgets a task's suggestions (e.g. before a new model predicts); `only`: those of these models. */
	clearTask(project: string, task: string, only?: (model: string) => boolean): Promise<void>;
	/** Forgets a project's suggestions (the project was deleted). */
	clearProject(project: string): Promise<void>;
}

export function predictionsRepoFrom(db: QuorumDb): PredictionsRepo {
	const guard = async <T>(f: () => Promise<T>): Promise<T> => {
		try {
			return await f();
		} catch (e) {
			throw storageErrorFrom(e);
		}
	};
	return {
		putMany: (rows) => guard(async () => void (await db.predictions.bulkPut([...rows]))),
		get: (project, task, item) => guard(() => db.predictions.get([project, task, item])),
		ofTask: (project, task) =>
			guard(() => db.predictions.where('[project+task]').equals([project, task]).toArray()),
		clearTask: (project, task, only) =>
			guard(async () => {
				const rows = db.predictions.where('[project+task]').equals([project, task]);
				await (only ? rows.filter((r) => only(r.model)) : rows).delete();
			}),
		clearProject: (project) =>
			guard(async () => {
				await db.predictions.where('project').equals(project).delete();
			})
	};
}
