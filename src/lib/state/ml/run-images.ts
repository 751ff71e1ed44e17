/**
 * Image labels from embeddings: MobileNetV2 embeddings of the labeled images train a small head
 * (saved on this device with the labels it predicts); the head then suggests a label for the next
 * images I have not answered. A saved head that fits the task's current labels is reused without
 * training unless asked to train again. With a model the user brought, run-custom.ts labels them.
 */
import type { Item } from '$lib/core/types';
import { headPredict, type ImageHead } from '$lib/ml/media/images/head';
import type { PredictionRow } from '$lib/storage/db';
import { MEDIA_SUGGEST_LIMIT, withFailures, type MediaRun } from './media-run';
import {
	imageHeadModelId,
	savedModelFits,
	type ImageClassSource,
	type SavedModelInfo
} from './media-saved';
import { customLabelsRun } from './run-custom';

type Saved = (info: SavedModelInfo) => Promise<void>;

export async function imageLabelsRun(
	run: MediaRun,
	opts: { source: ImageClassSource; retrain: boolean; saved: Saved }
): Promise<string> {
	const { source, retrain, saved } = opts;
	const todo = run.unlabeled('image-classification').slice(0, MEDIA_SUGGEST_LIMIT);
	if (source.model !== 'embeddings') return customLabelsRun(run, source, todo);
	if (todo.length === 0) return 'Every item of this task is labeled: nothing to suggest.';
	const failed: string[] = [];
	const kept = retrain ? { changed: false } : await headSaved(run);
	if ('head' in kept) {
		await saved(kept.info);
		const made = await headSuggest(run, kept, todo, failed);
		return withFailures(
			`Used the saved model (trained on ${kept.info.trainedOn} images ${whenText(kept.info.trainedAt)}, no training). Suggested a label for ${made} of ${todo.length} unlabeled images.`,
			failed
		);
	}
	const trained = await headTrain(run, failed, saved);
	const made = await headSuggest(run, trained, todo, failed);
	return withFailures(
		`${kept.changed ? 'The labels changed since the saved model: trained again. ' : ''}Trained on ${trained.info.trainedOn} images (training accuracy ${(trained.info.accuracy ?? 0).toFixed(2)}). Suggested a label for ${made} of ${todo.length} unlabeled images.`,
		failed
	);
}

/**
 * The image head saved for the task (tf.io, IndexedDB, read by the worker) when it predicts the
 * task's current labels; otherwise whether one is saved for other labels (`changed`).
 */
async function headSaved(
	run: MediaRun
): Promise<{ head: ImageHead; info: SavedModelInfo } | { changed: boolean }> {
	const t = run.task;
	run.progress({ phase: 'Reading the saved model' });
	const got = await run.call('model-load', {
		key: `${run.ctx.project}:${t.id}`,
		kind: 'image-head'
	});
	if (!got.meta || !got.head) return { changed: false };
	const info: SavedModelInfo = {
		trainedOn: got.meta.trainedOn,
		trainedAt: got.meta.trainedAt,
		accuracy: got.meta.metrics.accuracy,
		labels: got.meta.labels
	};
	if (!savedModelFits(info, t) || got.head.classes !== t.labels.length) return { changed: true };
	return { head: got.head, info };
}

/** Trains a head on the task's labeled images (anyone's answers) and saves it. */
async function headTrain(
	run: MediaRun,
	failed: string[],
	saved: Saved
): Promise<{ head: ImageHead; info: SavedModelInfo }> {
	const t = run.task;
	const byClass = new Set<string>();
	const train: { item: Item; y: number }[] = [];
	for (const { item, value } of run.labeled()) {
		if (value.type !== 'classification') continue;
		const y = t.labels.findIndex((l) => l.id === value.labels[0]);
		if (y < 0) continue;
		train.push({ item, y });
		byClass.add(value.labels[0] as string);
	}
	if (byClass.size < 2)
		throw new Error(
			`Label images of “${t.name}” with at least two different labels first (${train.length} labeled so far).`
		);
	const imgs = await run.readable(
		'image-classification',
		train.map((x) => x.item),
		failed
	);
	const ys = imgs.map((x) => train.find((tr) => tr.item === x.item)?.y as number);
	const x = await run.embed(imgs, `Embedding ${imgs.length} labeled images`);
	run.progress({ phase: 'Training the classifier', done: 0, total: 150 });
	const now = run.ctx.deps.now();
	const labels = t.labels.map((l) => l.id as string);
	const { head, accuracy } = await run.call('train-head', {
		x: x.map((v) => v.slice()),
		y: ys,
		classes: t.labels.length,
		key: `${run.ctx.project}:${t.id}`,
		labels,
		now
	});
	const info: SavedModelInfo = { trainedOn: x.length, trainedAt: now, accuracy, labels };
	await saved(info);
	return { head, info };
}

/** Stores the head's suggestions for `todo`; the rows name the saved model (its training date). */
async function headSuggest(
	run: MediaRun,
	{ head, info }: { head: ImageHead; info: SavedModelInfo },
	todo: Item[],
	failed: string[]
): Promise<number> {
	const t = run.task;
	const imgs = await run.readable('image-classification', todo, failed);
	const e = await run.embed(imgs, `Embedding ${imgs.length} unlabeled images`);
	const model = imageHeadModelId(info);
	await run.fresh(model);
	const rows: PredictionRow[] = [];
	imgs.forEach((it, i) => {
		const p = headPredict(head, e[i] as Float32Array);
		const best = p.indexOf(Math.max(...p));
		const confidence = p[best] as number;
		if (confidence < run.threshold) return;
		const value = { type: 'classification' as const, labels: [t.labels[best]!.id] };
		rows.push({ ...run.row(it.item.id, model, value, confidence), probs: p });
	});
	await run.store(rows);
	return rows.length;
}

function whenText(ms: number): string {
	return new Date(ms).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}
