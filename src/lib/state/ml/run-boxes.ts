/**
 * Image boxes: a COCO object detector finds objects in the next images I have not answered; the
 * classes mapped to the task's labels become boxes.
 */
import { boxesFromDetections, type ClassMapping } from '$lib/ml/media/images/detect-post';
import { IMAGE_CHUNK, MEDIA_SUGGEST_LIMIT, withFailures, type MediaRun } from './media-run';

export async function boxesRun(run: MediaRun, mapping: ClassMapping): Promise<string> {
	const t = run.task;
	if (Object.keys(mapping).length === 0)
		throw new Error(
			`No COCO class is mapped to a label of “${t.name}”. Map at least one class (e.g. person) below.`
		);
	const todo = run.unlabeled('boxes').slice(0, MEDIA_SUGGEST_LIMIT);
	if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
	const model = run.modelId('coco-centernet');
	run.progress({ phase: 'Finding objects', done: 0, total: todo.length });
	await run.fresh(model);
	let made = 0;
	const failed: string[] = [];
	for (let i = 0; i < todo.length; i += IMAGE_CHUNK) {
		const chunk = todo.slice(i, i + IMAGE_CHUNK);
		for (const one of await run.readable('boxes', chunk, failed)) {
			run.check();
			const r = await run.call('detect', {
				images: [one.img],
				options: { minScore: run.threshold }
			});
			const b = boxesFromDetections(r.detections[0] ?? [], mapping);
			if (b.value.boxes.length) {
				await run.store([
					{ ...run.row(one.item.id, model, b.value, b.confidence), probs: b.scores }
				]);
				made++;
			}
		}
		run.progress({ done: Math.min(todo.length, i + IMAGE_CHUNK) });
	}
	return withFailures(`Suggested boxes for ${made} of ${todo.length} unlabeled images.`, failed);
}
