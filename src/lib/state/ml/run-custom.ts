/**
 * Image labels from a model the user brought (a TF.js classifier kept on this device): its
 * classes, mapped to the task's labels, become a label for the next images I have not answered.
 */
import type { Item } from '$lib/core/types';
import type { PredictionRow } from '$lib/storage/db';
import { IMAGE_CHUNK, withFailures, type MediaRun } from './media-run';
import type { ImageClassSource } from './media-saved';

export async function customLabelsRun(
	run: MediaRun,
	source: ImageClassSource,
	todo: Item[]
): Promise<string> {
	const t = run.task;
	if (Object.keys(source.map).length === 0)
		throw new Error(`Map at least one class of model “${source.model}” to a label of “${t.name}”.`);
	if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
	const model = run.modelId(`custom:${source.model}`);
	run.progress({ phase: `Running ${source.model}`, done: 0, total: todo.length });
	await run.fresh(model);
	const failed: string[] = [];
	let made = 0;
	for (let i = 0; i < todo.length; i += IMAGE_CHUNK) {
		const chunk = await run.readable(
			'image-classification',
			todo.slice(i, i + IMAGE_CHUNK),
			failed
		);
		const { probs } = await run.call('custom-predict', {
			name: source.model,
			images: chunk.map((c) => c.img)
		});
		const rows: PredictionRow[] = [];
		chunk.forEach((c, j) => {
			const p = probs[j] ?? [];
			// Probability of each label: the sum over the model classes mapped to it.
			const byLabel = t.labels.map((l) =>
				Object.entries(source.map)
					.filter(([, lab]) => lab === l.id)
					.reduce((a, [k]) => a + (p[Number(k)] ?? 0), 0)
			);
			const best = byLabel.indexOf(Math.max(...byLabel));
			const confidence = byLabel[best] as number;
			if (!(confidence >= run.threshold)) return;
			const value = { type: 'classification' as const, labels: [t.labels[best]!.id] };
			rows.push({ ...run.row(c.item.id, model, value, confidence), probs: byLabel });
		});
		await run.store(rows);
		made += rows.length;
		run.progress({ done: Math.min(todo.length, i + IMAGE_CHUNK) });
	}
	return withFailures(`Suggested a label for ${made} of ${todo.length} unlabeled images.`, failed);
}
