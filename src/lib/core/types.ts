/**
 * Core data model (DESIGN.md §2). Plain, structured-cloneable objects: the same values cross
 * IndexedDB, Yjs and Web Workers. Ids are branded so one kind never passes for another.
 */

export type Brand<T, B extends string> = T & { readonly __brand: B };

export type ProjectId = Brand<string, 'ProjectId'>;
export type ItemId = Brand<string, 'ItemId'>;
export type TaskId = Brand<string, 'TaskId'>;
export type LabelId = Brand<string, 'LabelId'>;
export type AnnotatorId = Brand<string, 'AnnotatorId'>;

/** Milliseconds since the Unix epoch. */
export type EpochMs = Brand<number, 'EpochMs'>;

export interface Label {
	id: LabelId;
	name: string;
	/** CSS colour, `#rrggbb`. */
	color: string;
	/** One key: `1`–`9`, then `a`–`z`; unique within a task. */
	hotkey: string;
}

export interface ClassificationTask {
	type: 'classification';
	id: TaskId;
	name: string;
	multi: boolean;
	labels: Label[];
}

/** Later issues add spans, boxes, … as further variants of this union. */
export type Task = ClassificationTask;

export interface LabelSchema {
	tasks: Task[];
}

export interface ProjectSettings {
	/** Annotators per item. */
	overlap: number;
	/** Agreement needed to accept an item without review, 0–1. */
	consensusThreshold: number;
	/** Share of gold items in each annotator's queue, 0–1. */
	goldRate: number;
	/** Move to the next item after a single-label choice. */
	autoAdvance: boolean;
}

export interface ProjectMeta {
	id: ProjectId;
	name: string;
	description: string;
	created: EpochMs;
	schema: LabelSchema;
	settings: ProjectSettings;
}

export type ItemKind = 'text' | 'image' | 'audio' | 'video' | 'multimodal';

export interface Item {
	id: ItemId;
	kind: ItemKind;
	text?: string;
	/** Metadata columns kept from the import; values are strings as read. */
	meta?: Record<string, string>;
	/** Import order: the batch's time and the row's position, for a stable queue order. */
	seq: number;
	/** Name of the file the item came from. */
	source?: string;
}

export interface ClassificationValue {
	type: 'classification';
	labels: LabelId[];
}

export type AnnotationValue = ClassificationValue;

export interface Annotation {
	item: ItemId;
	task: TaskId;
	annotator: AnnotatorId;
	value: AnnotationValue;
	source: 'human' | 'model';
	model?: string;
	confidence?: number;
	startedAt: EpochMs;
	savedAt: EpochMs;
	/** Time spent on the item before saving, in ms. */
	ms: number;
}

export type Role = 'owner' | 'annotator' | 'reviewer';

export interface Member {
	id: AnnotatorId;
	name: string;
	color: string;
	role: Role;
}

export interface LogEvent {
	at: EpochMs;
	who: AnnotatorId;
	what: 'label' | 'unlabel' | 'import' | 'schema' | 'guidelines' | 'rename' | 'export';
	item?: ItemId;
	detail?: string;
}

/** Key of an annotation in the shared doc: one writer per key (DESIGN.md §3). */
export function annotationKey(item: ItemId, task: TaskId, annotator: AnnotatorId): string {
	return `${item}/${task}/${annotator}`;
}

export function annotationKeyParse(
	key: string
): { item: ItemId; task: TaskId; annotator: AnnotatorId } | undefined {
	const parts = key.split('/');
	if (parts.length !== 3 || parts.some((p) => p.length === 0)) return undefined;
	const [item, task, annotator] = parts as [string, string, string];
	return { item: item as ItemId, task: task as TaskId, annotator: annotator as AnnotatorId };
}

export const DEFAULT_SETTINGS: ProjectSettings = {
	overlap: 1,
	consensusThreshold: 0.8,
	goldRate: 0,
	autoAdvance: true
};
