/**
 * Core data model (docs/ARCHITECTURE.md#data-model). Plain, structured-cloneable objects: the same
 * values cross IndexedDB, Yjs and Web Workers. Ids are branded so one kind never passes for
 * another.
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
	/** For multimodal items: the key of `Item.fields` this task applies to (default: the item). */
	field?: string;
}

/** A per-region attribute (e.g. occluded, truncated), edited on each box, polygon, … */
export interface AttributeDef {
	id: string;
	name: string;
	/** `boolean`: a checkbox; `select`: one of `options`; `text`: free text. */
	kind: 'boolean' | 'select' | 'text';
	options?: string[];
}

/** Fields every non-classification task shares. `field` names the item field it annotates. */
interface TaskBase {
	id: TaskId;
	name: string;
	/** For multimodal items: the key of `Item.fields` this task applies to (default: the item). */
	field?: string;
}

/** Labels for regions, plus attributes every region carries. */
interface RegionTaskBase extends TaskBase {
	labels: Label[];
	attributes: AttributeDef[];
}

/** Named entities and keywords: character spans of the item's text. */
export interface SpansTask extends TaskBase {
	type: 'spans';
	labels: Label[];
	/** When false, a new span that overlaps an existing one is refused. */
	allowOverlap: boolean;
	/** Snap selections outward to whole tokens (words, numbers, single punctuation). */
	snap: boolean;
}

/** Directed, labeled relations between spans of one spans task. */
export interface RelationsTask extends TaskBase {
	type: 'relations';
	labels: Label[];
	/** The spans task whose spans the relations connect. */
	spans: TaskId;
}

export interface BoxesTask extends RegionTaskBase {
	type: 'boxes';
	/** Boxes may be rotated around their centre. */
	rotation: boolean;
}

export interface PolygonsTask extends RegionTaskBase {
	type: 'polygons';
	/** `polygon` closes the shape; `polyline` leaves it open. */
	shape: 'polygon' | 'polyline';
}

export interface KeypointsTask extends RegionTaskBase {
	type: 'keypoints';
	/** Names of the points of one instance, in order (e.g. head, neck, …). */
	points: string[];
	/** Edges between points, as index pairs into `points`. */
	skeleton: [number, number][];
}

export interface TranscriptionTask extends TaskBase {
	type: 'transcription';
	/** `item`: one text per item; `segment`: one text per segment of an audio-segments task. */
	per: 'item' | 'segment';
	/** With `per: 'segment'`, the audio-segments task whose segments are transcribed. */
	segments?: TaskId;
}

export interface AudioSegmentsTask extends RegionTaskBase {
	type: 'audio-segments';
}

export interface VideoSegmentsTask extends RegionTaskBase {
	type: 'video-segments';
	/** Frames per second for frame stepping and frame numbers (default 25). */
	fps?: number;
}

export interface VideoTracksTask extends RegionTaskBase {
	type: 'video-tracks';
	fps?: number;
}

export type Task =
	| ClassificationTask
	| SpansTask
	| RelationsTask
	| BoxesTask
	| PolygonsTask
	| KeypointsTask
	| TranscriptionTask
	| AudioSegmentsTask
	| VideoSegmentsTask
	| VideoTracksTask;

export type TaskKind = Task['type'];
/** Tasks whose answers pick from a label list. */
export type LabeledTask = Extract<Task, { labels: Label[] }>;

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
	/** Per task: aggregation method and consensus threshold (default: majority vote, the project's). */
	consensus?: Record<string, TaskConsensus>;
	/** After a gold item, show the right answer and the guidelines. */
	goldFeedback?: boolean;
}

export interface TaskConsensus {
	method: 'mv' | 'ds' | 'glad' | 'mace';
	threshold: number;
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
export type MediaKind = 'image' | 'audio' | 'video';

/**
 * Where an item's media live: a content-addressed blob in this device's store (SHA-256 hex), or
 * a URL fetched on first view and then cached as a blob.
 */
export type MediaRef =
	| { blob: string; mime: string; size: number; name: string }
	| { url: string; mime?: string; name?: string };

/** One field of a multimodal item: text, or media. */
export type ItemField = { kind: 'text'; text: string } | { kind: MediaKind; media: MediaRef };

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
	/** The media of an image, audio or video item. */
	media?: MediaRef;
	/** Several fields of a multimodal item, by name (e.g. `image`, `caption`). */
	fields?: Record<string, ItemField>;
}

export interface ClassificationValue {
	type: 'classification';
	labels: LabelId[];
}

/** Values of region attributes, by `AttributeDef.id`. */
export type AttrValues = Record<string, boolean | string>;

/** A character span `[start, end)` of the text, in UTF-16 code units. */
export interface Span {
	id: string;
	start: number;
	end: number;
	label: LabelId;
}

export interface SpansValue {
	type: 'spans';
	spans: Span[];
}

export interface Relation {
	id: string;
	/** Span ids of the annotator's own spans annotation for the task's `spans` task. */
	from: string;
	to: string;
	label: LabelId;
}

export interface RelationsValue {
	type: 'relations';
	relations: Relation[];
}

/** A box in image pixels: top-left corner, size, and rotation around its centre in degrees. */
export interface Box {
	id: string;
	label: LabelId;
	x: number;
	y: number;
	w: number;
	h: number;
	rotation?: number;
	attrs?: AttrValues;
}

export interface BoxesValue {
	type: 'boxes';
	boxes: Box[];
}

/** A point in image pixels. */
export type Point = [x: number, y: number];

export interface Shape {
	id: string;
	label: LabelId;
	points: Point[];
	closed: boolean;
	attrs?: AttrValues;
}

export interface PolygonsValue {
	type: 'polygons';
	shapes: Shape[];
}

/** One keypoint: position in image pixels, or null when not placed. */
export type Keypoint = { x: number; y: number; visible: boolean } | null;

export interface KeypointInstance {
	id: string;
	label: LabelId;
	/** One entry per `KeypointsTask.points`, in the same order. */
	points: Keypoint[];
	attrs?: AttrValues;
}

export interface KeypointsValue {
	type: 'keypoints';
	instances: KeypointInstance[];
}

export interface TranscriptionValue {
	type: 'transcription';
	/** Per item: the text. */
	text: string;
	/** Per segment: text by segment id. */
	segments?: Record<string, string>;
}

/** A labeled time range `[start, end)` in seconds. */
export interface TimeSegment {
	id: string;
	start: number;
	end: number;
	label: LabelId;
	attrs?: AttrValues;
}

export interface AudioSegmentsValue {
	type: 'audio-segments';
	segments: TimeSegment[];
}

export interface VideoSegmentsValue {
	type: 'video-segments';
	segments: TimeSegment[];
}

/** A box of a track at one frame; `outside` ends the track until the next keyframe. */
export interface TrackKeyframe {
	frame: number;
	x: number;
	y: number;
	w: number;
	h: number;
	outside?: boolean;
}

export interface Track {
	id: string;
	label: LabelId;
	/** Sorted by frame, unique frames. */
	keyframes: TrackKeyframe[];
	attrs?: AttrValues;
}

export interface VideoTracksValue {
	type: 'video-tracks';
	/** Frames per second the frame numbers refer to. */
	fps: number;
	tracks: Track[];
}

export type AnnotationValue =
	| ClassificationValue
	| SpansValue
	| RelationsValue
	| BoxesValue
	| PolygonsValue
	| KeypointsValue
	| TranscriptionValue
	| AudioSegmentsValue
	| VideoSegmentsValue
	| VideoTracksValue;

/** The value type that answers a task of kind `K`. */
export type ValueOf<K extends TaskKind> = Extract<AnnotationValue, { type: K }>;

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

/** Why an item was sent to review (issue 8's review queue). */
export type FlagReason = 'agreement' | 'rule' | 'label-error' | 'manual';

/**
 * A request to review one item's task, written by one member (key `flagKey`, one writer per key,
 * like annotations). `score` orders the review queue: higher is more suspicious.
 */
export interface ReviewFlag {
	item: ItemId;
	task: TaskId;
	reason: FlagReason;
	by: AnnotatorId;
	at: EpochMs;
	score?: number;
	/** Evidence a reviewer reads, e.g. "given spam, model suggests ham (p = 0.93)". */
	detail?: string;
}

/** Key of a review flag in the shared doc's `reviews` map. */
export function flagKey(f: Pick<ReviewFlag, 'item' | 'task' | 'reason' | 'by'>): string {
	return `flag/${f.item}/${f.task}/${f.reason}/${f.by}`;
}

/**
 * A reviewer's final value for an item's task (key `decisionKey`: one per reviewer). When several
 * reviewers decided, the latest wins (ties: the smaller reviewer id); every decision stays in the
 * doc and the history.
 */
export interface ReviewDecision {
	item: ItemId;
	task: TaskId;
	value: AnnotationValue;
	by: AnnotatorId;
	at: EpochMs;
	/** The annotator whose annotation the reviewer accepted, if they accepted one as it was. */
	from?: AnnotatorId;
}

export function decisionKey(d: Pick<ReviewDecision, 'item' | 'task' | 'by'>): string {
	return `final/${d.item}/${d.task}/${d.by}`;
}

/** A gold item's known answer for one task (key `goldKey`; set by an owner or reviewer). */
export interface GoldAnswer {
	item: ItemId;
	task: TaskId;
	value: AnnotationValue;
	by: AnnotatorId;
	at: EpochMs;
}

export function goldKey(g: Pick<GoldAnswer, 'item' | 'task'>): string {
	return `gold/${g.item}/${g.task}`;
}

export type Role = 'owner' | 'annotator' | 'reviewer';

export interface Member {
	id: AnnotatorId;
	name: string;
	color: string;
	role: Role;
	/** Public signing key (base64 raw P-256), published by the member's device (core/signing.ts). */
	key?: string;
	/** Public ECDH key, for receiving a new room key when a member is removed. */
	dh?: string;
}

export interface LogEvent {
	at: EpochMs;
	who: AnnotatorId;
	what:
		| 'label'
		| 'unlabel'
		| 'import'
		| 'schema'
		| 'guidelines'
		| 'rename'
		| 'export'
		| 'review'
		| 'gold'
		| 'flag';
	item?: ItemId;
	detail?: string;
}

/**
 * Key of an annotation in the shared doc: one writer per key
 * (docs/ARCHITECTURE.md#the-project-doc).
 */
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
