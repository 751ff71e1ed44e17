import type { AnnotationValue, Label } from '$lib/core/types';

/** A one-line summary of a suggested value, e.g. `3 boxes (person 0.91, car 0.55, …)`. */
export function suggestionSummary(
	value: AnnotationValue,
	labels: readonly Label[],
	scores: readonly number[] = []
): string {
	const name = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
	const list = (ids: string[]) => {
		const parts = ids
			.slice(0, 3)
			.map((id, i) =>
				scores[i] !== undefined ? `${name(id)} ${scores[i]!.toFixed(2)}` : name(id)
			);
		return parts.join(', ') + (ids.length > 3 ? ', …' : '');
	};
	const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
	switch (value.type) {
		case 'boxes':
			return `${n(value.boxes.length, 'box', 'boxes')} (${list(value.boxes.map((b) => b.label))})`;
		case 'spans':
			return `${n(value.spans.length, 'span')} (${list(value.spans.map((s) => s.label))})`;
		case 'audio-segments': {
			const counts = new Map<string, number>();
			for (const s of value.segments) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
			return `${n(value.segments.length, 'segment')} (${[...counts]
				.map(([l, k]) => `${k} ${name(l)}`)
				.join(', ')})`;
		}
		case 'classification':
			return value.labels.map(name).join(', ');
		default:
			return value.type;
	}
}
