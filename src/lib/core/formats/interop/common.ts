/**
 * Shared parts of the interop converters (COCO, YOLO, Pascal VOC, CoNLL, spaCy, Label Studio):
 * the result shape, decoding of text input, located JSON parsing, a schema builder that maps a
 * file's labels by name onto a given schema (or creates one), and the selection of raw or accepted
 * annotations for export. Pure: no svelte, dexie or yjs.
 */
import { FormatError } from '../../errors';
import { itemIdFromText } from '../../ids';
import { hotkeyNext, PALETTE } from '../../schema';
import { sha256HexSync } from '../../sha256';
import { taskNew } from '../../tasks';
import { baseName, mediaKeys } from './media-match';
import type {
	Annotation,
	AnnotationValue,
	AnnotatorId,
	EpochMs,
	Item,
	ItemId,
	KeypointsTask,
	LabelId,
	LabeledTask,
	LabelSchema,
	Task,
	TaskId,
	TaskKind
} from '../../types';

/** Something left out of an import, with the file and where in it (line, index or JSON path). */
export interface InteropProblem {
	file: string;
	where: string;
	reason: string;
}

/** A label of the file that the given schema has no label for; its regions were left out. */
export interface UnmappedLabel {
	task: string;
	label: string;
	count: number;
}

export interface InteropResult {
	/** Items the file refers to: the project's items matched by file name, or new ones. */
	items: Item[];
	annotations: Annotation[];
	/** The given schema plus tasks the file needed, or a schema created from the file. */
	schema: LabelSchema;
	problems: InteropProblem[];
	/** Problems past the first `PROBLEMS_MAX` are counted here only. */
	problemCount: number;
	unmapped: UnmappedLabel[];
}

export interface InteropImportOptions {
	/** The project's items, matched by media file name (image formats) or text. */
	items?: readonly Item[];
	/** Time stamped on imported annotations (default 0). */
	now?: number;
}

export type ExportWhich = 'raw' | 'accepted' | 'both';

export interface InteropExportOptions {
	which: ExportWhich;
	/**
	 * The accepted value per item and task (e.g. review decisions or consensus). When absent, the
	 * value most annotators gave (confidence: its share of the votes).
	 */
	accepted?: readonly Annotation[];
}

/** Annotator id of accepted values in exports; imported back as the same id. */
export const ACCEPTED = 'accepted' as AnnotatorId;
export const PROBLEMS_MAX = 1000;

export class Problems {
	readonly list: InteropProblem[] = [];
	count = 0;
	constructor(readonly file: string) {}
	add(where: string, reason: string, file = this.file): void {
		this.count++;
		if (this.list.length < PROBLEMS_MAX) this.list.push({ file, where, reason });
	}
}

/** Text of a file: UTF-8 (or UTF-16 with a BOM), without a BOM; invalid bytes are a FormatError. */
export function textOf(input: string | Uint8Array, file: string): string {
	let text: string;
	if (typeof input === 'string') text = input;
	else {
		const b = input;
		let enc = 'utf-8';
		if (b[0] === 0xff && b[1] === 0xfe) enc = 'utf-16le';
		else if (b[0] === 0xfe && b[1] === 0xff) enc = 'utf-16be';
		try {
			text = new TextDecoder(enc, { fatal: true }).decode(b);
		} catch {
			throw new FormatError(file, undefined, `not ${enc.toUpperCase()} text`);
		}
	}
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line of character offset `pos`. */
export function lineAt(text: string, pos: number): number {
	let line = 1;
	for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/** JSON.parse with a FormatError naming the line when the text is not JSON (or is truncated). */
export function jsonParse(text: string, file: string, line0 = 0): unknown {
	try {
		return JSON.parse(text);
	} catch (e) {
		const msg = e instanceof Error ? e.message : String(e);
		const pos = /position (\d+)/.exec(msg)?.[1];
		const line = pos === undefined ? undefined : line0 + lineAt(text, Number(pos));
		const atEnd = pos !== undefined && Number(pos) >= text.trimEnd().length - 1;
		const why =
			atEnd || /Unexpected end|Unterminated/i.test(msg)
				? `the JSON ends early (truncated file?): ${msg}`
				: msg;
		throw new FormatError(file, line ?? (line0 || undefined), `not valid JSON: ${why}`);
	}
}

export const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';

/** A required array at `path`, or a FormatError. */
export function arrayAt(v: unknown, file: string, path: string): unknown[] {
	if (!Array.isArray(v)) throw new FormatError(file, undefined, `${path} is not a list`);
	return v;
}

/** Rounds pixel and percent values to 1e-6 so float noise does not break round trips. */
export const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

const labelIdOf = (task: TaskId, name: string): LabelId =>
	`l${sha256HexSync(`${task}\n${name}`).slice(0, 15)}` as LabelId;

/**
 * Tasks and labels of an import. Tasks the given schema has (same kind, and same name when one is
 * asked for) are reused, and the file's labels are mapped onto theirs by name, case-insensitively;
 * labels they lack are counted as unmapped. Tasks it lacks are created, with the file's labels.
 */
export class SchemaBuilder {
	private tasks: Task[];
	private readonly given: Set<TaskId>;
	private readonly missing = new Map<string, UnmappedLabel>();
	constructor(
		schema: LabelSchema | undefined,
		private readonly prefix: string
	) {
		this.tasks = [...(schema?.tasks ?? [])];
		this.given = new Set(this.tasks.map((t) => t.id));
	}

	/** The task of `kind` (named `name`, if given), created when the schema has none. */
	task(kind: TaskKind, name?: string): Task {
		const found = this.tasks.find(
			(t) => t.type === kind && (name === undefined || t.name.toLowerCase() === name.toLowerCase())
		);
		if (found) return found;
		const base = name ?? kind;
		let id = `${this.prefix}-${base}`.replace(/[^\w.-]+/g, '_') as TaskId;
		for (let i = 2; this.tasks.some((t) => t.id === id); i++) id = `${id}-${i}` as TaskId;
		const t = taskNew(kind, id, name ?? `${kind[0]?.toUpperCase()}${kind.slice(1)}`);
		this.tasks.push(t);
		return t;
	}

	isGiven(task: TaskId): boolean {
		return this.given.has(task);
	}

	private replace(t: Task): void {
		this.tasks = this.tasks.map((x) => (x.id === t.id ? t : x));
	}

	/** Updates a created task (e.g. keypoint names); given tasks stay as they are. */
	update(t: Task): void {
		if (!this.given.has(t.id)) this.replace(t);
	}

	/** The label id of `name` in task `taskId`, or undefined when a given task has no such label. */
	label(taskId: TaskId, name: string): LabelId | undefined {
		const key = `${taskId}\n${name}`;
		const known = this.known.get(key);
		if (known) return known;
		const id = this.labelFind(taskId, name);
		if (id) this.known.set(key, id);
		return id;
	}

	private readonly known = new Map<string, LabelId>();

	private labelFind(taskId: TaskId, name: string): LabelId | undefined {
		const t = this.tasks.find((x) => x.id === taskId);
		if (!t || !('labels' in t)) return undefined;
		const want = name.trim().toLowerCase();
		const hit = t.labels.find((l) => l.name.toLowerCase() === want);
		if (hit) return hit.id;
		if (this.given.has(taskId) || !want) {
			const key = `${t.name}\n${name}`;
			const m = this.missing.get(key) ?? { task: t.name, label: name, count: 0 };
			m.count++;
			this.missing.set(key, m);
			return undefined;
		}
		const lt = t as LabeledTask;
		const id = labelIdOf(taskId, name.trim());
		const color = PALETTE[lt.labels.length % PALETTE.length] ?? '#2563eb';
		const next = {
			...lt,
			labels: [
				...lt.labels,
				{ id, name: name.trim(), color, hotkey: hotkeyNext(lt.labels, lt.type) }
			]
		};
		this.replace(next as Task);
		return id;
	}

	labelName(taskId: TaskId, id: LabelId): string | undefined {
		const t = this.tasks.find((x) => x.id === taskId);
		return t && 'labels' in t ? t.labels.find((l) => l.id === id)?.name : undefined;
	}

	keypointsTask(id: TaskId): KeypointsTask | undefined {
		const t = this.tasks.find((x) => x.id === id);
		return t?.type === 'keypoints' ? t : undefined;
	}

	schema(): LabelSchema {
		return { tasks: this.tasks };
	}

	unmapped(): UnmappedLabel[] {
		return [...this.missing.values()];
	}
}

/** Who made an annotation, as a file records it. */
export interface Who {
	annotator: AnnotatorId;
	source: 'human' | 'model';
	model?: string;
	confidence?: number;
}

/**
 * Collects regions into one annotation per item, task and annotator, in first-seen order. A value
 * is created by `empty` and filled by `push`.
 */
export class AnnotationBag {
	private readonly map = new Map<string, Annotation>();
	constructor(private readonly now: number) {}
	get(item: ItemId, task: TaskId, who: Who, empty: () => AnnotationValue): Annotation {
		const key = `${item}/${task}/${who.annotator}`;
		let a = this.map.get(key);
		if (!a) {
			a = {
				item,
				task,
				annotator: who.annotator,
				value: empty(),
				source: who.source,
				startedAt: this.now as EpochMs,
				savedAt: this.now as EpochMs,
				ms: 0
			};
			if (who.model !== undefined) a.model = who.model;
			if (who.confidence !== undefined) a.confidence = who.confidence;
			this.map.set(key, a);
		}
		return a;
	}
	has(item: ItemId, task: TaskId, annotator: AnnotatorId): boolean {
		return this.map.has(`${item}/${task}/${annotator}`);
	}
	all(): Annotation[] {
		return [...this.map.values()];
	}
}

export { baseName } from './media-match';

export const stemOf = (name: string): string => baseName(name).replace(/\.[^.]*$/, '');

/**
 * Image items by file name: the project's items (by media name, source or URL base name, also
 * without a Label Studio upload prefix: `mediaKeys`), or a new item referring to the file by name,
 * with its size in `meta`.
 */
export class ImageItems {
	private readonly byName = new Map<string, Item>();
	private readonly used = new Map<ItemId, Item>();
	constructor(
		items: readonly Item[] | undefined,
		private readonly seq0: number
	) {
		for (const it of items ?? []) {
			if (it.kind !== 'image' && it.kind !== 'multimodal') continue;
			const names = [it.source, it.media?.name, it.media && 'url' in it.media ? it.media.url : ''];
			for (const n of names)
				if (n) for (const k of mediaKeys(n)) if (!this.byName.has(k)) this.byName.set(k, it);
		}
	}
	/** The item of `name`; a new item records `width`/`height` when known. */
	get(name: string, size?: { width?: number; height?: number }): Item {
		const key = baseName(name);
		const old = mediaKeys(name)
			.map((k) => this.byName.get(k))
			.find((x) => x !== undefined);
		if (old) {
			this.used.set(old.id, old);
			return old;
		}
		const meta: Record<string, string> = {};
		if (size?.width !== undefined) meta.width = String(size.width);
		if (size?.height !== undefined) meta.height = String(size.height);
		const it: Item = {
			id: itemIdFromText(`image\n${name}`),
			kind: 'image',
			media: { url: name, name: key },
			seq: this.seq0 + this.byName.size,
			source: key,
			...(Object.keys(meta).length ? { meta } : {})
		};
		this.byName.set(key, it);
		this.used.set(it.id, it);
		return it;
	}
	all(): Item[] {
		return [...this.used.values()];
	}
}

/** The image size an item's media metadata records, or undefined. */
export function imageSize(item: Item): { width: number; height: number } | undefined {
	const w = Number(item.meta?.width);
	const h = Number(item.meta?.height);
	return w > 0 && h > 0 ? { width: w, height: h } : undefined;
}

/** The file name an item's media go by in an export. */
export function itemFileName(item: Item): string {
	const m = item.media;
	if (m?.name) return m.name;
	if (m && 'url' in m) return baseName(m.url);
	return item.source ?? item.id;
}

const canonical = (v: unknown): string => JSON.stringify(v);

/** Majority value per item and task (ties: the earliest), with its share as confidence. */
export function acceptedByMajority(annotations: readonly Annotation[]): Annotation[] {
	const groups = new Map<string, Annotation[]>();
	for (const a of annotations) {
		if (a.annotator === ACCEPTED) continue;
		const k = `${a.item}/${a.task}`;
		const g = groups.get(k);
		if (g) g.push(a);
		else groups.set(k, [a]);
	}
	const out: Annotation[] = [];
	for (const g of groups.values()) {
		const votes = new Map<string, { a: Annotation; n: number }>();
		for (const a of g) {
			const k = canonical(a.value);
			const v = votes.get(k);
			if (v) v.n++;
			else votes.set(k, { a, n: 1 });
		}
		let best: { a: Annotation; n: number } | undefined;
		for (const v of votes.values()) if (!best || v.n > best.n) best = v;
		if (!best) continue;
		out.push({
			...best.a,
			annotator: ACCEPTED,
			source: 'human',
			confidence: r6(best.n / g.length)
		});
	}
	return out;
}

/** The annotations an export writes: raw (each annotator's), accepted, or both. */
export function exportSelection(
	annotations: readonly Annotation[],
	opts: InteropExportOptions
): Annotation[] {
	const raw = annotations.filter((a) => a.annotator !== ACCEPTED);
	const accepted = () =>
		(opts.accepted ?? acceptedByMajority(annotations)).map((a) => ({ ...a, annotator: ACCEPTED }));
	if (opts.which === 'raw') return raw;
	if (opts.which === 'accepted') return accepted();
	return [...raw, ...accepted()];
}

/** Annotations grouped by item id. */
export function byItem(annotations: readonly Annotation[]): Map<ItemId, Annotation[]> {
	const m = new Map<ItemId, Annotation[]>();
	for (const a of annotations) {
		const g = m.get(a.item);
		if (g) g.push(a);
		else m.set(a.item, [a]);
	}
	return m;
}

/** The result of an import, with the builder's schema and unmapped labels. */
export function resultOf(
	items: Item[],
	bag: AnnotationBag,
	sb: SchemaBuilder,
	problems: Problems
): InteropResult {
	return {
		items,
		annotations: bag.all(),
		schema: sb.schema(),
		problems: problems.list,
		problemCount: problems.count,
		unmapped: sb.unmapped()
	};
}
