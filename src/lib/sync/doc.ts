/**
 * The project's Y.Doc: the one file that names its top-level types and converts core ↔ Yjs
 * (DESIGN.md §3). Nothing else touches Y.Map. Values are plain objects; every read is validated.
 */
import type * as Y from 'yjs';
import {
	annotationKey,
	DEFAULT_SETTINGS,
	type Annotation,
	type AnnotatorId,
	type EpochMs,
	type Item,
	type ItemId,
	type LabelSchema,
	type LogEvent,
	type Member,
	type ProjectId,
	type ProjectSettings,
	type TaskId
} from '$lib/core/types';
import { isAnnotation, isItem, isSchema, isSettings } from '$lib/core/validate';

/** Transaction origins: providers skip their own, undo tracks only LOCAL. */
export const ORIGIN = {
	LOCAL: 'local',
	REMOTE: 'remote',
	STORAGE: 'storage',
	BUNDLE: 'bundle',
	MODEL: 'model',
	IMPORT: 'import'
} as const;
export type Origin = (typeof ORIGIN)[keyof typeof ORIGIN];

export interface ProjectDoc {
	doc: Y.Doc;
	meta: Y.Map<unknown>;
	guidelines: Y.Text;
	items: Y.Map<Item>;
	annotations: Y.Map<Annotation>;
	reviews: Y.Map<unknown>;
	members: Y.Map<Member>;
	log: Y.Array<LogEvent>;
}

export function projectDocFrom(doc: Y.Doc): ProjectDoc {
	return {
		doc,
		meta: doc.getMap('meta'),
		guidelines: doc.getText('guidelines'),
		items: doc.getMap('items'),
		annotations: doc.getMap('annotations'),
		reviews: doc.getMap('reviews'),
		members: doc.getMap('members'),
		log: doc.getArray('log')
	};
}

export function metaInit(
	p: ProjectDoc,
	init: { id: ProjectId; name: string; description: string; created: EpochMs; schema: LabelSchema }
): void {
	p.doc.transact(() => {
		p.meta.set('id', init.id);
		p.meta.set('name', init.name);
		p.meta.set('description', init.description);
		p.meta.set('created', init.created);
		p.meta.set('schema', init.schema);
		p.meta.set('settings', DEFAULT_SETTINGS);
	}, ORIGIN.LOCAL);
}

export function schemaRead(p: ProjectDoc): LabelSchema {
	const s = p.meta.get('schema');
	return isSchema(s) ? s : { tasks: [] };
}

export function settingsRead(p: ProjectDoc): ProjectSettings {
	const s = p.meta.get('settings');
	return isSettings(s) ? { ...DEFAULT_SETTINGS, ...s } : DEFAULT_SETTINGS;
}

export function metaString(p: ProjectDoc, key: 'name' | 'description' | 'id'): string {
	const v = p.meta.get(key);
	return typeof v === 'string' ? v : '';
}

export function metaSet(
	p: ProjectDoc,
	patch: Partial<{
		name: string;
		description: string;
		schema: LabelSchema;
		settings: ProjectSettings;
	}>,
	origin: Origin = ORIGIN.LOCAL
): void {
	p.doc.transact(() => {
		for (const [k, v] of Object.entries(patch)) if (v !== undefined) p.meta.set(k, v);
	}, origin);
}

/** Adds items that are not there yet, in one transaction. Items are immutable once written. */
export function itemsAdd(
	p: ProjectDoc,
	items: readonly Item[],
	origin: Origin = ORIGIN.IMPORT
): number {
	let added = 0;
	p.doc.transact(() => {
		for (const it of items) {
			if (p.items.has(it.id)) continue;
			p.items.set(it.id, it);
			added++;
		}
	}, origin);
	return added;
}

export function itemRead(p: ProjectDoc, id: ItemId): Item | undefined {
	const v = p.items.get(id);
	return isItem(v) ? v : undefined;
}

export function annotationWrite(p: ProjectDoc, a: Annotation, origin: Origin = ORIGIN.LOCAL): void {
	p.doc.transact(() => p.annotations.set(annotationKey(a.item, a.task, a.annotator), a), origin);
}

export function annotationDelete(
	p: ProjectDoc,
	key: { item: ItemId; task: TaskId; annotator: AnnotatorId },
	origin: Origin = ORIGIN.LOCAL
): void {
	p.doc.transact(
		() => p.annotations.delete(annotationKey(key.item, key.task, key.annotator)),
		origin
	);
}

export function annotationRead(p: ProjectDoc, key: string): Annotation | undefined {
	const v = p.annotations.get(key);
	return isAnnotation(v) ? v : undefined;
}

export function logAppend(p: ProjectDoc, ev: LogEvent, origin: Origin = ORIGIN.LOCAL): void {
	p.doc.transact(() => p.log.push([ev]), origin);
}

export function memberUpsert(p: ProjectDoc, m: Member, origin: Origin = ORIGIN.LOCAL): void {
	const cur = p.members.get(m.id);
	if (cur && cur.name === m.name && cur.role === m.role && cur.color === m.color) return;
	p.doc.transact(() => p.members.set(m.id, m), origin);
}
