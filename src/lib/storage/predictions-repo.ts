/** Model suggestions per project, task, item and model source, on this device only (db.ts). */
import { predictionSource, type PredictionRow, type QuorumDb } from './db';
import { storageErrorFrom } from './quota';

/** A suggestion to store: its `source` is derived from `model` when not given. */
export type PredictionInput = Omit<PredictionRow, 'source'> & { source?: string };

export interface PredictionsRepo {
	/** Stores `rows`, each replacing the one of the same project, task, item and model source. */
	putMany(rows: readonly PredictionInput[]): Promise<void>;
	/** Every model's suggestion for one item and task, most confident first. */
	ofItem(project: string, task: string, item: string): Promise<PredictionRow[]>;
	/** Every suggestion of one task, e.g. to order a queue by uncertainty. */
	ofTask(project: string, task: string): Promise<PredictionRow[]>;
	/** Forgets one model's suggestion for one item and task. */
	delete(project: string, task: string, item: string, source: string): Promise<void>;
	/** Forgets a task's suggestions (e.g. before a new model predicts); `only`: those of these models. */
	clearTask(project: string, task: string, only?: (model: string) => boolean): Promise<void>;
	/** Forgets a project's suggestions (the project was deleted). */
	clearProject(project: string): Promise<void>;
}

const withSource = (r: PredictionInput): PredictionRow => ({
	...r,
	source: r.source ?? predictionSource(r.model)
});
const byConfidence = (a: PredictionRow, b: PredictionRow) => b.confidence - a.confidence;

/**
 * Rows per bulkPut. IndexedDB clones every row on the page's main thread as it is put: one
 * bulkPut of a 6,046-item project's suggestions was a 545 ms task on the Model page. In chunks
 * (one transaction still, so all or none are stored) the page gets the thread back between them.
 */
export const PUT_CHUNK = 250;

export function predictionsRepoFrom(db: QuorumDb): PredictionsRepo {
	const guard = async <T>(f: () => Promise<T>): Promise<T> => {
		try {
			return await f();
		} catch (e) {
			throw storageErrorFrom(e);
		}
	};
	return {
		putMany: (rows) =>
			guard(() =>
				db.transaction('rw', db.suggestions, async () => {
					for (let i = 0; i < rows.length; i += PUT_CHUNK)
						await db.suggestions.bulkPut(rows.slice(i, i + PUT_CHUNK).map(withSource));
				})
			),
		ofItem: (project, task, item) =>
			guard(async () =>
				(
					await db.suggestions.where('[project+task+item]').equals([project, task, item]).toArray()
				).sort(byConfidence)
			),
		ofTask: (project, task) =>
			guard(() => db.suggestions.where('[project+task]').equals([project, task]).toArray()),
		delete: (project, task, item, source) =>
			guard(() => db.suggestions.delete([project, task, item, source])),
		clearTask: (project, task, only) =>
			guard(async () => {
				const rows = db.suggestions.where('[project+task]').equals([project, task]);
				await (only ? rows.filter((r) => only(r.model)) : rows).delete();
			}),
		clearProject: (project) =>
			guard(async () => {
				await db.suggestions.where('project').equals(project).delete();
			})
	};
}

/** The same repository in memory (tests of the state classes). */
export function memoryPredictionsRepo(): PredictionsRepo {
	const rows = new Map<string, PredictionRow>();
	const key = (r: Pick<PredictionRow, 'project' | 'task' | 'item' | 'source'>) =>
		JSON.stringify([r.project, r.task, r.item, r.source]);
	const where = (f: (r: PredictionRow) => boolean) => [...rows.values()].filter(f);
	const drop = (f: (r: PredictionRow) => boolean) => {
		for (const [k, r] of rows) if (f(r)) rows.delete(k);
	};
	return {
		putMany: async (rs) => {
			for (const r of rs.map(withSource)) rows.set(key(r), structuredClone(r));
		},
		ofItem: async (p, t, i) =>
			where((r) => r.project === p && r.task === t && r.item === i).sort(byConfidence),
		ofTask: async (p, t) => where((r) => r.project === p && r.task === t),
		delete: async (project, task, item, source) =>
			void rows.delete(key({ project, task, item, source })),
		clearTask: async (p, t, only) =>
			drop((r) => r.project === p && r.task === t && (!only || only(r.model))),
		clearProject: async (p) => drop((r) => r.project === p)
	};
}
