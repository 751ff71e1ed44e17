/**
 * What this device keeps of a project's media models besides their suggestions (app settings,
 * Dexie): per boxes task the COCO class → label mapping, per image-classification task its model
 * and class map, and what the Model page shows of each trained model (its weights are saved by
 * the worker through tf.io).
 */
import type { Label, LabelId } from '$lib/core/types';
import type { ClassMapping } from '$lib/ml/media/images/detect-post';
import type { SettingsRepo } from '$lib/storage/settings-repo';

/** What the Model page shows of a task's trained model, saved (weights in IndexedDB via tf.io). */
export interface SavedModelInfo {
	trainedOn: number;
	trainedAt: number;
	/** Training accuracy (image heads). */
	accuracy?: number;
	/** Label ids the model predicts, in its class order (image heads saved since labels were kept). */
	labels?: string[];
}

/** For image classification: train a head on embeddings, or a loaded model's classes mapped. */
export interface ImageClassSource {
	model: 'embeddings' | string;
	/** Custom model class index (as a string) → label id. */
	map: Record<string, LabelId>;
}

export const EMBEDDINGS: ImageClassSource = { model: 'embeddings', map: {} };

/** Whether a saved model predicts exactly the task's current labels, in the same order. */
export function savedModelFits(
	saved: Pick<SavedModelInfo, 'labels'> | undefined,
	t: { labels: readonly Label[] }
): boolean {
	const ids = saved?.labels;
	return !!ids && ids.length === t.labels.length && ids.every((id, i) => t.labels[i]?.id === id);
}

/**
 * The `model` of an image head's suggestions: its training date and size, so a suggestion says
 * which saved model made it, e.g. `image-embed-head@2026-11-29T12:10:00.000Z/4`.
 */
export function imageHeadModelId(info: Pick<SavedModelInfo, 'trainedAt' | 'trainedOn'>): string {
	return `image-embed-head@${new Date(info.trainedAt).toISOString()}/${info.trainedOn}`;
}

/** The media models' per-task settings of one project. */
export class MediaPrefs {
	#repo: SettingsRepo;
	#project: string;

	constructor(repo: SettingsRepo, project: string) {
		this.#repo = repo;
		this.#project = project;
	}

	#key(what: 'map' | 'image-source' | 'saved', task: string): string {
		return `ml-media:${what}:${this.#project}:${task}`;
	}

	mapping(task: string): Promise<ClassMapping | undefined> {
		return this.#repo.get<ClassMapping>(this.#key('map', task));
	}
	mappingSet(task: string, m: ClassMapping): Promise<void> {
		return this.#repo.set(this.#key('map', task), m);
	}
	source(task: string): Promise<ImageClassSource | undefined> {
		return this.#repo.get<ImageClassSource>(this.#key('image-source', task));
	}
	sourceSet(task: string, s: ImageClassSource): Promise<void> {
		return this.#repo.set(this.#key('image-source', task), s);
	}
	saved(task: string): Promise<SavedModelInfo | undefined> {
		return this.#repo.get<SavedModelInfo>(this.#key('saved', task));
	}
	savedSet(task: string, info: SavedModelInfo): Promise<void> {
		return this.#repo.set(this.#key('saved', task), info);
	}
}
