/**
 * The device's Dexie database: the projects index (name, counts, last activity), content-addressed
 * blobs, cached models and per-device settings (docs/ARCHITECTURE.md#storage). Project contents
 * live in each project's Y.Doc (sync/persistence.ts), not here. Every schema version stays in the
 * code.
 */
import Dexie, { type EntityTable } from 'dexie';

export interface ProjectRow {
	id: string;
	name: string;
	description: string;
	created: number;
	lastActivity: number;
	itemCount: number;
	labelCount: number;
	labeledCount: number;
}

export interface SettingRow {
	key: string;
	value: unknown;
}

export interface BlobRow {
	sha256: string;
	blob: Blob;
	mime: string;
	size: number;
}

/**
 * A model's suggestion for one item and task on this device
 * (docs/ARCHITECTURE.md#ml-worker-protocol), one per model source, so the text model's and an image
 * model's suggestions for the same item and task both stay. Suggestions are not labels: they stay
 * local and never sync. Accepting one writes the annotator's own annotation (`source: 'model'`,
 * with `model` and `confidence`), which then syncs like any label.
 */
export interface PredictionRow {
	project: string;
	task: string;
	item: string;
	/** Which model made it, e.g. `text-ngram@2026-11-29T04:10:00Z`. */
	model: string;
	/** The model's kind, `model` up to its last `@` (e.g. `text-ngram`): part of the key. */
	source: string;
	/** An `AnnotationValue` (core/types.ts) for the task. */
	value: unknown;
	/** The model's confidence in `value`, 0–1. */
	confidence: number;
	/** Class probabilities in schema label order, for uncertainty ordering (classification). */
	probs?: number[];
	/**
	 * The probabilities are calibrated on held-out predictions (the text model's since it keeps a
	 * held-out report); the text model's rows without it come from an older model and are not shown.
	 */
	calibrated?: boolean;
	at: number;
}

/** The source of a model id: `text-ngram@2026-…` → `text-ngram` (the whole id when it has no `@`). */
export function predictionSource(model: string): string {
	const at = model.lastIndexOf('@');
	return at < 0 ? model : model.slice(0, at);
}

export const DB_NAME = 'quorum';

export class QuorumDb extends Dexie {
	projects!: EntityTable<ProjectRow, 'id'>;
	settings!: EntityTable<SettingRow, 'key'>;
	blobs!: EntityTable<BlobRow, 'sha256'>;
	/** Model suggestions, keyed by project, task, item and model source (schema version 3). */
	suggestions!: Dexie.Table<PredictionRow, [string, string, string, string]>;

	constructor(name = DB_NAME) {
		super(name);
		this.version(1).stores({
			projects: 'id, lastActivity',
			settings: 'key',
			blobs: 'sha256'
		});
		this.version(2).stores({
			predictions: '[project+task+item], [project+task], project'
		});
		// One suggestion per model source: IndexedDB cannot change a primary key, so the rows move
		// to a new table (each given the source of its model) and the old one is dropped.
		this.version(3)
			.stores({
				predictions: null,
				suggestions: '[project+task+item+source], [project+task+item], [project+task], project'
			})
			.upgrade(async (tx) => {
				const old = (await tx.table('predictions').toArray()) as Omit<PredictionRow, 'source'>[];
				await tx
					.table('suggestions')
					.bulkPut(old.map((r) => ({ ...r, source: predictionSource(r.model) })));
			});
	}
}
