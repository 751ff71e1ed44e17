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
	type Item,
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
	isItem,
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
	/** Signatures added to this device's own edits (sync/trust.ts). */
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
 * What the views may see once a project's membership is signed (sync/trust.ts): the last valid
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

/**
 * Items are immutable, so they are stored in batches: each entry of `items` holds up to
 * ITEMS_PER_BATCH items, one per line, `<id>\t<seq>\t<json without id and seq>`. Loading a
 * 100k-item doc then decodes ~100 strings instead of ~1.3 million (lib0 decodes every string
 * through TextDecoder, ~2–4 µs a call in Chromium: 5.9 s → 3.3 s → under 1 s to open, measured),
 * and the queue order reads ids and `seq` without parsing JSON. The same id in two batches (two
 * peers imported the same content) is one item: the lower `seq` wins.
 */
export const ITEMS_PER_BATCH = 1000;

export function itemLine(item: Item): string {
	const { id, seq, ...rest } = item;
	return `${id}\t${seq}\t${JSON.stringify(rest)}`;
}

/** Id and seq of an item line without parsing its JSON; undefined when malformed. */
export function itemLineHead(line: string): { id: ItemId; seq: number } | undefined {
	const a = line.indexOf('\t');
	const b = a < 0 ? -1 : line.indexOf('\t', a + 1);
	if (a <= 0 || b < 0 || a > 128) return undefined;
	const seq = Number(line.slice(a + 1, b));
	return Number.isFinite(seq) ? { id: line.slice(0, a) as ItemId, seq } : undefined;
}

/** Decodes and validates an item line; undefined for anything invalid. */
export function itemFromLine(line: string): Item | undefined {
	const head = itemLineHead(line);
	if (!head) return undefined;
	try {
		const rest = JSON.parse(line.slice(line.indexOf('\t', line.indexOf('\t') + 1) + 1)) as object;
		const item: unknown = { ...rest, id: head.id, seq: head.seq };
		return isItem(item) ? item : undefined;
	} catch {
		return undefined;
	}
}

/** Every item line of the doc, with its batch key. */
export function* itemLines(p: ProjectDoc): Generator<{ batch: string; line: string }> {
	for (const [batch, raw] of p.items) {
		if (typeof raw !== 'string') continue;
		for (const line of raw.split('\n')) if (line) yield { batch, line };
	}
}

/** Whether an item of the project refers to the media blob `sha256` (as its media or a field's). */
export function docHasBlob(p: ProjectDoc, sha256: string): boolean {
	for (const { line } of itemLines(p)) {
		if (!line.includes(sha256)) continue;
		const it = itemFromLine(line);
		if (!it) continue;
		if (it.media && 'blob' in it.media && it.media.blob === sha256) return true;
		for (const f of Object.values(it.fields ?? {}))
			if (f.kind !== 'text' && 'blob' in f.media && f.media.blob === sha256) return true;
	}
	return false;
}

/**
 * Adds the items whose ids are not there yet, in one transaction, in batches. `has` says which
 * ids the project already holds (the DocIndex knows; by default the lines are scanned).
 */
export function itemsAdd(
	p: ProjectDoc,
	items: readonly Item[],
	origin: Origin = ORIGIN.IMPORT,
	has?: (id: ItemId) => boolean
): number {
	let exists = has;
	if (!exists) {
		const ids = new Set<string>();
		for (const { line } of itemLines(p)) {
			const head = itemLineHead(line);
			if (head) ids.add(head.id);
		}
		exists = (id) => ids.has(id);
	}
	const seen = new Set<string>();
	const fresh = items.filter((it) => {
		if (seen.has(it.id) || (exists as (id: ItemId) => boolean)(it.id)) return false;
		seen.add(it.id);
		return true;
	});
	if (fresh.length === 0) return 0;
	const client = p.doc.clientID.toString(36);
	p.doc.transact(() => {
		for (let i = 0; i < fresh.length; i += ITEMS_PER_BATCH) {
			const batch = fresh.slice(i, i + ITEMS_PER_BATCH);
			let key = `${(batch[0] as Item).seq.toString(36)}-${client}`;
			for (let n = 1; p.items.has(key); n++)
				key = `${(batch[0] as Item).seq.toString(36)}-${client}-${n}`;
			p.items.set(key, batch.map(itemLine).join('\n'));
		}
	}, origin);
	return fresh.length;
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

/**
 * Deletes items: rewrites each batch that holds one of `ids` without its line (a batch left empty
 * is removed), in one transaction. Annotations are not touched: callers refuse to drop labeled
 * items. Returns how many lines were removed.
 */
export function itemsDrop(
	p: ProjectDoc,
	ids: ReadonlySet<ItemId>,
	origin: Origin = ORIGIN.LOCAL
): number {
	let removed = 0;
	p.doc.transact(() => {
		for (const [batch, raw] of [...p.items]) {
			if (typeof raw !== 'string') continue;
			const lines = raw.split('\n');
			const kept = lines.filter((l) => {
				const head = itemLineHead(l);
				return !(head && ids.has(head.id));
			});
			if (kept.length === lines.length) continue;
			removed += lines.length - kept.length;
			if (kept.some((l) => l)) p.items.set(batch, kept.join('\n'));
			else p.items.delete(batch);
		}
	}, origin);
	return removed;
}
