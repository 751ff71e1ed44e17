/**
 * The text model's predict step: every item of the task with text, in chunks so one message
 * never holds the whole project, stored as this device's suggestions in the schema's label order.
 */
import type { ClassificationTask, ItemId } from '$lib/core/types';
import { textModelIs, type TextModelMeta } from '$lib/ml/text/protocol';
import { predictionSource, type PredictionRow } from '$lib/storage/db';
import type { PredictionsRepo } from '$lib/storage/predictions-repo';
import type { ProjectStore } from '$lib/sync/project-store';
import { itemText } from './text-data';

/** Items per predict request. */
const PREDICT_CHUNK = 2000;

export interface TextPredictJob {
	store: ProjectStore;
	project: string;
	task: ClassificationTask;
	meta: TextModelMeta;
	repo: PredictionsRepo;
	now(): number;
	/** One worker request: class probabilities, `classes` per text. */
	call(texts: string[]): Promise<{ probs: Float32Array; classes: number }>;
	onProgress(done: number, total: number): void;
}

/** Probabilities re-ordered from the model's labels to the task's current label order. */
function schemaOrder(p: number[], modelLabels: string[], task: ClassificationTask): number[] {
	return task.labels.map((l) => {
		const i = modelLabels.indexOf(l.id);
		return i < 0 ? 0 : (p[i] as number);
	});
}

/**
 * Predicts and replaces the text model's stored suggestions of the task (other models' stay).
 * A model that does not beat the majority-class baseline on held-out folds suggests nothing: its
 * old suggestions are cleared and none are written. Resolves to the number of rows written.
 */
export async function textPredict(job: TextPredictJob): Promise<number> {
	const { store, task, meta } = job;
	if (!meta.heldOut?.beatsBaseline) {
		await job.repo.clearTask(job.project, task.id, textModelIs);
		return 0;
	}
	const ids: ItemId[] = [];
	const texts: string[] = [];
	for (const id of store.order) {
		const t = itemText(store.item(id), task);
		if (t === undefined) continue;
		ids.push(id);
		texts.push(t);
	}
	const rows: PredictionRow[] = [];
	for (let s = 0; s < texts.length; s += PREDICT_CHUNK) {
		job.onProgress(s, texts.length);
		const { probs, classes } = await job.call(texts.slice(s, s + PREDICT_CHUNK));
		const at = job.now();
		for (let i = 0; i * classes < probs.length; i++) {
			const p = Array.from(probs.subarray(i * classes, (i + 1) * classes));
			let best = 0;
			for (let k = 1; k < classes; k++) if ((p[k] as number) > (p[best] as number)) best = k;
			rows.push({
				project: job.project,
				task: task.id,
				item: ids[s + i] as string,
				model: meta.model,
				source: predictionSource(meta.model),
				value: { type: 'classification', labels: [meta.labels[best]] },
				confidence: p[best] as number,
				probs: schemaOrder(p, meta.labels, task),
				calibrated: true,
				at
			});
		}
	}
	await job.repo.clearTask(job.project, task.id, textModelIs);
	await job.repo.putMany(rows);
	return rows.length;
}
