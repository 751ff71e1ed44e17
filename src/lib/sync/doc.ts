/**
 * The project's Y.Doc: the one file that names its top-level types and converts core ↔ Yjs
 * (docs/ARCHITECTURE.md#the-project-doc). Nothing else touches Y.Map. Values are plain objects;
 * every read is validated.
 */
import type * as Y from 'yjs';
import {
	annotationKey,
	decisionKey,
	DEFAULT_SETTINGS,
	flagKey,
	goldKey,
	type Annotation,
	type AnnotatorId,
	type EpochMs,
	type GoldAnswer,
	type ItemId,
	type LabelSchema,
	type LogEvent,
	type Member,
	type ProjectId,
	type ProjectSettings,
	type ReviewDecision,
	type ReviewFlag,
	type TaskId
} from '$lib/core/types';
import {
	isAnnotation,
	isGoldAnswer,
	isReviewDecision,
	isReviewFlag,
	isSchema,
	isSettings
} from '$lib/core/validate';
import { isPrepMark, prepMarkKey, type PrepMark } from '$lib/core/prep/marks';

/** Transaction origins: providers skip their own, undo tracks only LOCAL. */
export const ORIGIN = {
	LOCAL: 'local',
	REMOTE: 'remote',
	STORAGE: 'storage',
	BUNDLE: 'bundle',
	MODEL: 'model',
	IMPORT: 'import',
	/** Signatures added to this device's own edits (sync/trust/). */
	SIGN: 'sign'
} as const;
export type Origin = (typeof ORIGIN)[keyof typeof ORIGIN];

export interface ProjectDoc {
	doc: Y.Doc;
	meta: Y.Map<unknown>;
	guidelines: Y.Text;
	/** Batch key → a batch of encoded items, one per line (see itemLine). */
	items: Y.Map<string>;
	annotations: Y.Map<Annotation>;
	reviews: Y.Map<unknown>;
	members: Y.Map<Member>;
	log: Y.Array<LogEvent>;
	/** Signed records: the owner's member list, signed schema and settings, room rotations. */
	trust: Y.Map<unknown>;
}

/**
 * What the views may see once a project's membership is signed (sync/trust/): the last valid
 * signed schema and settings, and review values with a valid signature and role. Unset for
 * projects that are not signed (then every valid value is used, as before).
 */
export interface DocGuard {
	schema(): LabelSchema | undefined;
	settings(): ProjectSettings | undefined;
	/** The value to use for a review entry: `v`, the last valid value at `key`, or undefined. */
	review(key: string, v: unknown): unknown;
}

const guards = new WeakMap<Y.Doc, DocGuard>();

/** Sets (or clears) the doc's guard; views re-read what it filters (see docGuardOnChange). */
export function docGuardSet(doc: Y.Doc, guard: DocGuard | undefined): void {
	if (guard) guards.set(doc, guard);
	else guards.delete(doc);
	docGuardChanged(doc);
}

const guardListeners = new WeakMap<Y.Doc, Set<() => void>>();

/** Calls `fn` when the guard's verdicts change (views that read reviews or meta re-read). */
export function docGuardOnChange(doc: Y.Doc, fn: () => void): () => void {
	let set = guardListeners.get(doc);
	if (!set) guardListeners.set(doc, (set = new Set()));
	set.add(fn);
	return () => set.delete(fn);
}

export function docGuardChanged(doc: Y.Doc): void {
	for (const fn of guardListeners.get(doc) ?? []) fn();
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
		log: doc.getArray('log'),
		trust: doc.getMap('trust')
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
	const guarded = guards.get(p.doc)?.schema();
	if (guarded) return guarded;
	const s = p.meta.get('schema');
	return isSchema(s) ? s : { tasks: [] };
}

export function settingsRead(p: ProjectDoc): ProjectSettings {
	const guarded = guards.get(p.doc)?.settings();
	if (guarded) return { ...DEFAULT_SETTINGS, ...guarded };
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

/** Sends an item's task to review; one key per item, task, reason and member (flagKey). */
export function flagWrite(p: ProjectDoc, f: ReviewFlag, origin: Origin = ORIGIN.LOCAL): void {
	p.doc.transact(() => p.reviews.set(flagKey(f), f), origin);
}

/** Every valid review flag; invalid values from peers are skipped. */
export function flagsRead(p: ProjectDoc): ReviewFlag[] {
	const out: ReviewFlag[] = [];
	for (const [k, v] of p.reviews) if (k.startsWith('flag/') && isReviewFlag(v)) out.push(v);
	return out;
}

/** Records a reviewer's final value (one key per item, task and reviewer). */
export function decisionWrite(
	p: ProjectDoc,
	d: ReviewDecision,
	origin: Origin = ORIGIN.LOCAL
): void {
	p.doc.transact(() => p.reviews.set(decisionKey(d), d), origin);
}

/** Withdraws a reviewer's decision. */
export function decisionDelete(
	p: ProjectDoc,
	d: Pick<ReviewDecision, 'item' | 'task' | 'by'>,
	origin: Origin = ORIGIN.LOCAL
): void {
	p.doc.transact(() => p.reviews.delete(decisionKey(d)), origin);
}

/** Sets (or with `undefined` value, clears) an item's gold answer for a task. */
export function goldWrite(p: ProjectDoc, g: GoldAnswer, origin: Origin = ORIGIN.LOCAL): void {
	p.doc.transact(() => p.reviews.set(goldKey(g), g), origin);
}

export function goldDelete(
	p: ProjectDoc,
	g: Pick<GoldAnswer, 'item' | 'task'>,
	origin: Origin = ORIGIN.LOCAL
): void {
	p.doc.transact(() => p.reviews.delete(goldKey(g)), origin);
}

/** Every valid decision and gold answer; invalid values from peers are skipped. */
export function reviewsRead(p: ProjectDoc): { decisions: ReviewDecision[]; gold: GoldAnswer[] } {
	const decisions: ReviewDecision[] = [];
	const gold: GoldAnswer[] = [];
	const guard = guards.get(p.doc);
	for (const [k, raw] of p.reviews) {
		const v = guard && !k.startsWith('flag/') ? guard.review(k, raw) : raw;
		if (k.startsWith('final/') && isReviewDecision(v)) decisions.push(v);
		else if (k.startsWith('gold/') && isGoldAnswer(v)) gold.push(v);
	}
	return { decisions, gold };
}

export function logAppend(p: ProjectDoc, ev: LogEvent, origin: Origin = ORIGIN.LOCAL): void {
	p.doc.transact(() => p.log.push([ev]), origin);
}

export function memberUpsert(p: ProjectDoc, m: Member, origin: Origin = ORIGIN.LOCAL): void {
	const cur = p.members.get(m.id);
	if (
		cur &&
		cur.name === m.name &&
		cur.role === m.role &&
		cur.color === m.color &&
		cur.key === m.key &&
		cur.dh === m.dh
	)
		return;
	p.doc.transact(() => p.members.set(m.id, m), origin);
}

/** Data-preparation decisions (keep, mark, drop) by `prepMarkKey`; see core/prep/marks.ts. */
export function prepMap(p: ProjectDoc): Y.Map<unknown> {
	return p.doc.getMap('prep');
}

export function prepMarkWrite(p: ProjectDoc, m: PrepMark, origin: Origin = ORIGIN.LOCAL): void {
	p.doc.transact(() => prepMap(p).set(prepMarkKey(m), m), origin);
}

export function prepMarkDelete(
	p: ProjectDoc,
	m: Pick<PrepMark, 'item' | 'kind'>,
	origin: Origin = ORIGIN.LOCAL
): void {
	p.doc.transact(() => prepMap(p).delete(prepMarkKey(m)), origin);
}

/** Every valid decision; values from peers that are not PrepMarks (or sit under the wrong key) are skipped. */
export function prepMarksRead(p: ProjectDoc): PrepMark[] {
	const out: PrepMark[] = [];
	for (const [k, v] of prepMap(p)) if (isPrepMark(v) && prepMarkKey(v) === k) out.push(v);
	return out;
}

/** Replaces the guidelines' text. */
export function guidelinesReplace(
	p: ProjectDoc,
	text: string,
	origin: Origin = ORIGIN.LOCAL
): void {
	p.doc.transact(() => {
		p.guidelines.delete(0, p.guidelines.length);
		p.guidelines.insert(0, text);
	}, origin);
}

/** Inserts `text` at `index` of the guidelines (a peer's concurrent edit elsewhere is kept). */
export function guidelinesInsert(
	p: ProjectDoc,
	index: number,
	text: string,
	origin: Origin = ORIGIN.LOCAL
): void {
	p.doc.transact(() => {
		p.guidelines.insert(Math.max(0, Math.min(index, p.guidelines.length)), text);
	}, origin);
}

/** Annotation count per label id, over all annotators and tasks (valid annotations only). */
export function labelCountsRead(p: ProjectDoc): Map<string, number> {
	const counts = new Map<string, number>();
	for (const a of p.annotations.values()) {
		if (!isAnnotation(a)) continue;
		const labels = (a.value as { labels?: unknown }).labels;
		if (!Array.isArray(labels)) continue;
		for (const l of labels) if (typeof l === 'string') counts.set(l, (counts.get(l) ?? 0) + 1);
	}
	return counts;
}

export * from './doc-items';
