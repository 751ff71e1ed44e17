/**
 * Person names from span labels: the labels of a spans task that mean a person (PERSON, PER,
 * NAME, …), and the spans of annotations with those labels, as person spans for PII detection.
 * Pure.
 */
import type { Annotation, LabelSchema } from '../types';
import type { PersonSpan } from './detect';

const PERSON_NAMES =
	/^(person|persons|people|per|pers|name|names|full[ _-]?name|person[ _-]?name)$/i;

/** Whether a span label's name means a person. */
export const isPersonLabel = (name: string): boolean => PERSON_NAMES.test(name.trim());

/** Spans tasks with person labels: task id → label ids (and the task's field, if any). */
export function personLabels(
	schema: LabelSchema
): { task: string; name: string; field?: string; labels: Set<string> }[] {
	const out: { task: string; name: string; field?: string; labels: Set<string> }[] = [];
	for (const t of schema.tasks) {
		if (t.type !== 'spans') continue;
		const labels = new Set(
			t.labels.filter((l) => isPersonLabel(l.name)).map((l) => l.id as string)
		);
		if (labels.size)
			out.push({ task: t.id, name: t.name, ...(t.field ? { field: t.field } : {}), labels });
	}
	return out;
}

/**
 * Person spans people labeled, by redaction key of the text they are on (see redact-items.ts):
 * `key(item, field)` names the text.
 */
export function personSpansLabeled(
	schema: LabelSchema,
	annotations: Iterable<Annotation>,
	key: (item: string, field: string | undefined) => string
): Map<string, PersonSpan[]> {
	const tasks = new Map(personLabels(schema).map((p) => [p.task, p]));
	const out = new Map<string, PersonSpan[]>();
	if (tasks.size === 0) return out;
	for (const a of annotations) {
		const t = tasks.get(a.task);
		if (!t || a.value.type !== 'spans') continue;
		for (const s of a.value.spans) {
			if (!t.labels.has(s.label)) continue;
			const k = key(a.item, t.field);
			const list = out.get(k) ?? [];
			if (!list.some((p) => p.start === s.start && p.end === s.end))
				list.push({ start: s.start, end: s.end, source: 'labels' });
			out.set(k, list);
		}
	}
	return out;
}
