/**
 * Orders a labeling queue (active learning, Settles 2009): sequential, seeded random, most
 * uncertain first (entropy or margin of the model's probabilities), or most disagreement first
 * (annotators disagree, or the model disagrees with the human label). Pure and stable: equal
 * scores keep the incoming order; items without a score go last, in the incoming order.
 */
import { permutation } from '$lib/ml/text/folds';
import { argmax, entropy, marginUncertainty } from '$lib/ml/text/uncertainty';
import type { ItemId } from '$lib/core/types';

export type QueueStrategy = 'sequential' | 'random' | 'entropy' | 'margin' | 'disagreement';

export const QUEUE_STRATEGIES: { value: QueueStrategy; text: string }[] = [
	{ value: 'sequential', text: 'Sequential' },
	{ value: 'random', text: 'Random' },
	{ value: 'entropy', text: 'Most uncertain (entropy)' },
	{ value: 'margin', text: 'Most uncertain (margin)' },
	{ value: 'disagreement', text: 'Most disagreement' }
];

export function isQueueStrategy(s: unknown): s is QueueStrategy {
	return QUEUE_STRATEGIES.some((q) => q.value === s);
}

export interface QueueSignals {
	/** The model's class probabilities per item (schema label order). */
	probs: ReadonlyMap<ItemId, readonly number[]>;
	/** Per item, the class indices annotators chose (one per annotator, single-label answers). */
	answers: ReadonlyMap<ItemId, readonly number[]>;
	seed: number;
}

/**
 * Disagreement of one item, 0–1: among annotators, 1 − the majority's share (scaled so an even
 * split of two is 1); when one answer exists, the model's probability of another class.
 */
export function disagreementScore(answers: readonly number[], probs?: readonly number[]): number {
	if (answers.length >= 2) {
		const counts = new Map<number, number>();
		for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
		const top = Math.max(...counts.values());
		const k = Math.min(answers.length, Math.max(2, counts.size));
		// 1 − top share, normalized by its largest possible value (1 − 1/k).
		return (1 - top / answers.length) / (1 - 1 / k);
	}
	if (answers.length === 1 && probs && probs.length > 0) {
		const human = answers[0] as number;
		return argmax(probs) === human ? 0 : 1 - (probs[human] ?? 0);
	}
	return 0;
}

function byScore(ids: readonly ItemId[], score: (id: ItemId) => number | undefined): ItemId[] {
	const scored: { id: ItemId; s: number; i: number }[] = [];
	const rest: ItemId[] = [];
	ids.forEach((id, i) => {
		const s = score(id);
		if (s === undefined) rest.push(id);
		else scored.push({ id, s, i });
	});
	scored.sort((a, b) => b.s - a.s || a.i - b.i);
	return [...scored.map((x) => x.id), ...rest];
}

export function queueOrder(
	ids: readonly ItemId[],
	strategy: QueueStrategy,
	signals: QueueSignals
): readonly ItemId[] {
	switch (strategy) {
		case 'sequential':
			return ids;
		case 'random':
			return Array.from(permutation(ids.length, signals.seed), (i) => ids[i] as ItemId);
		case 'entropy':
		case 'margin': {
			const f = strategy === 'entropy' ? entropy : marginUncertainty;
			return byScore(ids, (id) => {
				const p = signals.probs.get(id);
				return p ? f(p) : undefined;
			});
		}
		case 'disagreement':
			return byScore(ids, (id) => {
				const a = signals.answers.get(id) ?? [];
				const s = disagreementScore(a, signals.probs.get(id));
				return s > 0 ? s : undefined;
			});
	}
}
