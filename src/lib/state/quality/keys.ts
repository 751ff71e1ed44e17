/** Classification answers as one category key: the label id, or sorted ids joined by `+`. */
import type { LabelId } from '$lib/core/types';

export function answerKey(labels: readonly string[]): string {
	return [...labels].sort().join('+');
}

export function keyLabels(key: string): LabelId[] {
	return key === '' ? [] : (key.split('+') as LabelId[]);
}
