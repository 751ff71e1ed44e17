/**
 * The text model's suggestions for one task as this device stored them (Dexie `predictions`),
 * with the other models' class probabilities for the same task (an image model, a model the user
 * brought) that the queue orders by where the text model has not scored an item.
 */
import type { AnnotationValue, AnnotatorId, ClassificationTask, ItemId } from '$lib/core/types';
import { textModelIs } from '$lib/ml/text/protocol';
import type { PredictionRow } from '$lib/storage/db';
import type { PredictionsRepo } from '$lib/storage/predictions-repo';
import type { QueueSignals } from '../queue-order';
import { suggestionAccept, type MlSession } from './session';
import { textAnswers } from './text-data';

export interface TextSuggestionsDeps {
	repo: PredictionsRepo;
	/** The model's task (the schema's first classification task). */
	task(): ClassificationTask | undefined;
	/** Suggestions below this confidence are not shown, 0–1. */
	threshold(): number;
	now(): number;
}

export class TextSuggestions {
	#s: MlSession;
	#me: AnnotatorId;
	#deps: TextSuggestionsDeps;
	#rows = $state.raw<ReadonlyMap<ItemId, PredictionRow>>(new Map());
	#otherProbs = $state.raw<ReadonlyMap<ItemId, number[]>>(new Map());

	constructor(session: MlSession, me: AnnotatorId, deps: TextSuggestionsDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	/** The text model's suggestions by item (replaced whole on each reload). */
	get rows(): ReadonlyMap<ItemId, PredictionRow> {
		return this.#rows;
	}

	/** Other models' class probabilities in schema label order, averaged per item. */
	get otherProbs(): ReadonlyMap<ItemId, number[]> {
		return this.#otherProbs;
	}

	/** Re-reads the stored suggestions (another model may have suggested since). */
	async reload(): Promise<void> {
		const task = this.#deps.task();
		if (!task) return;
		const rows = await this.#deps.repo.ofTask(this.#s.id, task.id);
		// Image suggestions for the same task are shown and accepted by MediaSuggestions; the text
		// model's uncalibrated rows (from a model before held-out reports) are not shown.
		this.#rows = new Map(
			rows.filter((r) => textModelIs(r.model) && r.calibrated).map((r) => [r.item as ItemId, r])
		);
		const K = task.labels.length;
		const sums = new Map<ItemId, { p: number[]; n: number }>();
		for (const r of rows) {
			if (textModelIs(r.model) || r.probs?.length !== K) continue;
			const id = r.item as ItemId;
			const acc = sums.get(id) ?? { p: new Array<number>(K).fill(0), n: 0 };
			r.probs.forEach((x, k) => (acc.p[k] = (acc.p[k] as number) + x));
			acc.n++;
			sums.set(id, acc);
		}
		this.#otherProbs = new Map([...sums].map(([id, { p, n }]) => [id, p.map((x) => x / n)]));
	}

	/** Items with a suggestion at or above the threshold that nobody has labeled. */
	get count(): number {
		this.#s.track('annotations');
		const threshold = this.#deps.threshold();
		let n = 0;
		for (const [id, r] of this.#rows)
			if (r.confidence >= threshold && !this.#s.store.isLabeled(id)) n++;
		return n;
	}

	/** The suggestion for an item, if it is confident enough and its labels are the task's. */
	for(item: ItemId | undefined): PredictionRow | undefined {
		const task = this.#deps.task();
		const r = item && task && this.#rows.get(item);
		if (!task || !r || r.confidence < this.#deps.threshold()) return undefined;
		const labels = (r.value as { labels?: string[] }).labels ?? [];
		if (!labels.every((l) => task.labels.some((x) => x.id === l))) return undefined;
		return r;
	}

	/** Accepts a suggestion as my own answer (`source: 'model'`), one undoable step. */
	accept(row: PredictionRow): void {
		const task = this.#deps.task();
		if (!task || row.task !== task.id) return;
		suggestionAccept(
			this.#s.store,
			this.#me,
			{
				item: row.item as ItemId,
				task: task.id,
				value: row.value as AnnotationValue,
				model: row.model,
				confidence: row.confidence
			},
			this.#deps.now()
		);
	}

	/**
	 * Signals for the queue strategies: each item's class probabilities (the text model's, else the
	 * other models' mean) and its answers.
	 */
	queueSignals(seed: number): QueueSignals {
		const task = this.#deps.task();
		const probs = new Map<ItemId, number[]>(this.#otherProbs);
		for (const [id, r] of this.#rows) if (r.probs) probs.set(id, r.probs);
		const answers = task ? textAnswers(this.#s.store, task) : new Map<ItemId, number[]>();
		return { probs, answers, seed };
	}
}
