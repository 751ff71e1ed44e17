/**
 * A classification task's live sums (core/quality/live/task-stats.ts) kept equal to the project's
 * answers: built once for a configuration (task, overlap, threshold, labels) and then updated one
 * item at a time as annotation events name the items that changed.
 */
import { TaskStats, type LiveAnswer } from '$lib/core/quality/live/task-stats';
import type { Annotation, ClassificationTask, ItemId } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import { answerKey } from './keys';

export interface LiveConfig {
	task: ClassificationTask;
	overlap: number;
	threshold: number;
	/** Majority vote's tie rule and its seed (TaskConsensus.ties, .seed). */
	ties?: 'review' | 'seed';
	seed?: number;
}

/** What the sums depend on besides the answers; a new key means a rebuild. */
export function liveConfigKey(c: LiveConfig): string {
	return [
		c.task.id,
		c.overlap,
		c.threshold,
		c.ties ?? 'review',
		c.seed ?? 0,
		c.task.labels.map((l) => l.id).join(',')
	].join('|');
}

function liveAnswer(a: Annotation): LiveAnswer {
	return {
		item: a.item,
		annotator: a.annotator,
		label: a.value.type === 'classification' ? answerKey(a.value.labels) : '',
		savedAt: a.savedAt,
		ms: a.ms
	};
}

/** The answers that count: classification values with at least one label, of this task. */
function counted(a: Annotation, task: ClassificationTask): boolean {
	return a.task === task.id && a.value.type === 'classification' && a.value.labels.length > 0;
}

export class TaskLive {
	readonly key: string;
	readonly stats: TaskStats;
	readonly #store: ProjectStore;
	readonly #task: ClassificationTask;
	/** Changes after the build; with `key`, a cache key for figures computed from the sums. */
	#changes = 0;

	constructor(store: ProjectStore, c: LiveConfig) {
		this.key = liveConfigKey(c);
		this.#store = store;
		this.#task = c.task;
		this.stats = new TaskStats({
			overlap: c.overlap,
			threshold: c.threshold,
			ties: c.ties,
			seed: c.seed,
			labels: c.task.labels.map((l) => l.id)
		});
		const answers: LiveAnswer[] = [];
		for (const id of store.order)
			for (const a of store.annotationsOf(id)) if (counted(a, c.task)) answers.push(liveAnswer(a));
		this.stats.load(answers);
	}

	get changes(): number {
		return this.#changes;
	}

	/** Brings the sums of `items` up to date with their annotations. */
	sync(items: Iterable<ItemId>): void {
		const stats = this.stats;
		for (const item of items) {
			const now = new Map<string, Annotation>();
			for (const a of this.#store.annotationsOf(item))
				if (counted(a, this.#task)) now.set(a.annotator, a);
			for (const old of stats.answersOf(item))
				if (!now.has(old.annotator)) stats.remove(item, old.annotator);
			for (const a of now.values()) {
				const live = liveAnswer(a);
				const old = stats.answersOf(item).find((x) => x.annotator === a.annotator);
				if (!old || old.label !== live.label || old.savedAt !== live.savedAt || old.ms !== live.ms)
					stats.set(live);
			}
		}
		this.#changes++;
	}
}
