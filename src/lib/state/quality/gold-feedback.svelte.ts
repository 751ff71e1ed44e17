/**
 * Immediate feedback after a gold item (issue 8): was my answer the known one? A view of my
 * answers on gold items, shown after each change to them while the project asks for feedback.
 */
import type { AnnotatorId, ItemId } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import { answerKey } from './keys';

export interface GoldFeedback {
	item: ItemId;
	right: boolean;
	answer: string;
	given: string;
}

/** My answer on a gold item compared with its known answer, or undefined if it is not gold. */
export function goldFeedbackOf(
	store: ProjectStore,
	me: AnnotatorId,
	item: ItemId
): GoldFeedback | undefined {
	const gold = store.reviews().gold.find((g) => g.item === item);
	if (!gold || gold.value.type !== 'classification') return undefined;
	const mine = store.annotation(item, gold.task, me);
	if (!mine || mine.value.type !== 'classification' || mine.value.labels.length === 0)
		return undefined;
	const task = store.schema.tasks.find((t) => t.id === gold.task);
	const labels = task && 'labels' in task ? task.labels : [];
	const names = (ids: readonly string[]) =>
		ids.map((id) => labels.find((l) => l.id === id)?.name ?? id).join(' + ');
	return {
		item,
		right: answerKey(mine.value.labels) === answerKey(gold.value.labels),
		answer: names(gold.value.labels),
		given: names(mine.value.labels)
	};
}

export class GoldFeedbackView {
	#shown = $state<GoldFeedback | undefined>(undefined);
	readonly #off: () => void;

	constructor(store: ProjectStore, me: AnnotatorId) {
		this.#off = store.on('annotations', (c) => {
			if (!store.settings.goldFeedback) return;
			for (const item of c.items) {
				const f = goldFeedbackOf(store, me, item);
				if (f) this.#shown = f;
			}
		});
	}

	/** The latest feedback, until dismissed. */
	get shown(): GoldFeedback | undefined {
		return this.#shown;
	}

	dismiss(): void {
		this.#shown = undefined;
	}

	destroy(): void {
		this.#off();
	}
}
