/**
 * Redaction of items and their annotations: the texts of items (their text, text fields and
 * metadata values) get the reviewed replacements, and the spans annotated on those texts move with
 * them (shift.ts). At import, a text item named by a hash of its text is renamed by the hash of
 * the redacted text (items are content-addressed), and its annotations follow it. Pure.
 */
import { itemIdFromText } from '../ids';
import type { Annotation, Item, ItemId, LabelSchema } from '../types';
import type { RedactionEdit } from './redact';
import { spansShift } from './shift';

/** A redacted text and where its replacements went. */
export interface TextRedaction {
	text: string;
	edits: RedactionEdit[];
}

/** Key of an item's text (`part` omitted), of a text field (`f:<name>`) or a metadata value (`m:<key>`). */
export const redactionKey = (item: string, part = ''): string => `${item}#${part}`;

/** The texts of an item a review looks at: its text, text fields and metadata values. */
export function itemTexts(it: Item): { key: string; part: string; text: string }[] {
	const out: { key: string; part: string; text: string }[] = [];
	if (it.text) out.push({ key: redactionKey(it.id), part: 'text', text: it.text });
	for (const [k, f] of Object.entries(it.fields ?? {}))
		if (f.kind === 'text' && f.text)
			out.push({ key: redactionKey(it.id, `f:${k}`), part: `field ${k}`, text: f.text });
	for (const [k, v] of Object.entries(it.meta ?? {}))
		if (v) out.push({ key: redactionKey(it.id, `m:${k}`), part: k, text: v });
	return out;
}

/** The item with the redacted texts (same id); itself when nothing of it changed. */
export function itemRedact(it: Item, red: ReadonlyMap<string, TextRedaction>): Item {
	const text = red.get(redactionKey(it.id));
	const fields = Object.keys(it.fields ?? {}).filter((k) => red.has(redactionKey(it.id, `f:${k}`)));
	const meta = Object.keys(it.meta ?? {}).filter((k) => red.has(redactionKey(it.id, `m:${k}`)));
	if (!text && fields.length === 0 && meta.length === 0) return it;
	const out: Item = { ...it, ...(text ? { text: text.text } : {}) };
	if (fields.length && it.fields) {
		out.fields = { ...it.fields };
		for (const k of fields)
			out.fields[k] = {
				kind: 'text',
				text: (red.get(redactionKey(it.id, `f:${k}`)) as TextRedaction).text
			};
	}
	if (meta.length && it.meta) {
		out.meta = { ...it.meta };
		for (const k of meta)
			out.meta[k] = (red.get(redactionKey(it.id, `m:${k}`)) as TextRedaction).text;
	}
	return out;
}

export interface SpanShiftCount {
	/** Spans whose offsets changed. */
	moved: number;
	/** Spans with a boundary inside a redacted range, widened to the whole placeholder. */
	widened: number;
}

/**
 * The annotation with its spans moved to the redacted text of its item (the item's text, or the
 * task's field); itself when its task has no spans or its text has no edits.
 */
export function annotationRedact(
	a: Annotation,
	schema: LabelSchema,
	red: ReadonlyMap<string, TextRedaction>,
	count?: SpanShiftCount
): Annotation {
	if (a.value.type !== 'spans') return a;
	const task = schema.tasks.find((t) => t.id === a.task);
	const r = red.get(redactionKey(a.item, task?.field ? `f:${task.field}` : ''));
	if (!r || r.edits.length === 0) return a;
	const s = spansShift(a.value.spans, r.edits);
	if (count) {
		count.moved += s.moved;
		count.widened += s.widened;
	}
	return s.moved === 0 ? a : { ...a, value: { ...a.value, spans: s.spans } };
}

export interface RedactedImport {
	items: Item[];
	annotations: Annotation[];
	/** Old id → new id of the text items renamed by their redacted text. */
	renamed: Map<ItemId, ItemId>;
	moved: number;
	widened: number;
}

/**
 * Items and annotations of an import with the reviewed redactions: texts replaced, spans moved,
 * and text items whose id is the hash of their text renamed by the hash of the redacted text.
 */
export function importRedact(
	items: readonly Item[],
	annotations: readonly Annotation[],
	schema: LabelSchema,
	red: ReadonlyMap<string, TextRedaction>
): RedactedImport {
	const renamed = new Map<ItemId, ItemId>();
	const outItems = items.map((it) => {
		const next = itemRedact(it, red);
		if (next === it || next.text === undefined || next.text === it.text) return next;
		if (it.id !== itemIdFromText(it.text ?? '')) return next;
		const id = itemIdFromText(next.text);
		renamed.set(it.id, id);
		return { ...next, id };
	});
	const count: SpanShiftCount = { moved: 0, widened: 0 };
	const outAnns = annotations.map((a) => {
		const b = annotationRedact(a, schema, red, count);
		const id = renamed.get(a.item);
		return id ? { ...b, item: id } : b;
	});
	return { items: outItems, annotations: outAnns, renamed, ...count };
}
