/**
 * Which media model applies to a task on an item, and which of the item's fields it reads: text
 * spans, audio segments, image boxes or image labels.
 */
import type { Item, ItemField, Label, Task } from '$lib/core/types';
import { textModelIs } from '$lib/ml/text/protocol';
import type { ProjectStore } from '$lib/sync/project-store';

/** What a media model does for a task. */
export type MediaJobKind = 'spans' | 'audio-segments' | 'boxes' | 'image-classification';

/** A task a media model can pre-label, with how. */
export interface MediaTaskInfo {
	task: Task & { labels: Label[] };
	kind: MediaJobKind;
	/** Items whose field for this task has the right kind. */
	items: number;
}

/** The field a task annotates on an item: its named field, or the item itself. */
export function taskField(item: Item, t: Pick<Task, 'field'>): ItemField | undefined {
	if (t.field) return item.fields?.[t.field];
	if (item.media && (item.kind === 'image' || item.kind === 'audio' || item.kind === 'video'))
		return { kind: item.kind, media: item.media };
	if (item.text !== undefined) return { kind: 'text', text: item.text };
	return undefined;
}

/**
 * The field a media model reads for a task on an item: the task's field; for a classification task
 * without one on a multimodal item, its first image (the text model reads the item's text).
 */
export function mediaFieldOf(item: Item, t: Task): ItemField | undefined {
	if (t.type === 'classification' && !t.field && item.fields) {
		const image = Object.values(item.fields).find((f) => f.kind === 'image');
		if (image) return image;
	}
	return taskField(item, t);
}

/** Which media model applies to a task on an item, if any. */
export function mediaKindOf(t: Task, item: Item): MediaJobKind | undefined {
	const f = mediaFieldOf(item, t);
	if (!f) return undefined;
	if (t.type === 'spans' && f.kind === 'text') return 'spans';
	if (t.type === 'audio-segments' && f.kind === 'audio') return 'audio-segments';
	if (t.type === 'boxes' && f.kind === 'image') return 'boxes';
	if (t.type === 'classification' && f.kind === 'image') return 'image-classification';
	return undefined;
}

/** Whether a stored suggestion comes from a media model (not the text model). */
export function mediaModelIs(model: string): boolean {
	return !textModelIs(model);
}

/** Tasks a media model can pre-label, with how many items each applies to (one scan). */
export function mediaTasksOf(store: ProjectStore): MediaTaskInfo[] {
	const out: MediaTaskInfo[] = [];
	for (const t of store.schema.tasks) {
		// A label to give is needed; a classifier needs two to choose between.
		if (!('labels' in t) || t.labels.length < (t.type === 'classification' ? 2 : 1)) continue;
		let kind: MediaJobKind | undefined;
		let items = 0;
		for (const id of store.order) {
			const item = store.item(id);
			const k = item && mediaKindOf(t, item);
			if (!k) continue;
			kind = k;
			items++;
		}
		if (kind) out.push({ task: t, kind, items });
	}
	return out;
}
