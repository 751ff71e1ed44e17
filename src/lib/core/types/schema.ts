// A project's label schema: its tasks, their labels and region attributes.
import type { LabelId, TaskId } from './ids';

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

/**
 * Segmentation masks painted on the image. `semantic`: one class per pixel (one mask per label);
 * `instance`: each object its own mask with a label and attributes. Masks are drawn in the
 * label's colour at `opacity` (0–1), or at the label's own entry in `opacities`.
 */
export interface MasksTask extends RegionTaskBase {
	type: 'masks';
	mode: 'semantic' | 'instance';
	opacity: number;
	/** Opacity (0–1) of one label's masks, by label id, over `opacity`. */
	opacities?: Record<string, number>;
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

/** Labeled time ranges and instants of a time series item, optionally on one channel. */
export interface SeriesSegmentsTask extends RegionTaskBase {
	type: 'series-segments';
}

/** 3D cuboids (centre, size, yaw) in a point cloud item. */
export interface CuboidsTask extends RegionTaskBase {
	type: 'cuboids';
}

export type Task =
	| ClassificationTask
	| SpansTask
	| RelationsTask
	| BoxesTask
	| PolygonsTask
	| KeypointsTask
	| MasksTask
	| TranscriptionTask
	| AudioSegmentsTask
	| VideoSegmentsTask
	| VideoTracksTask
	| SeriesSegmentsTask
	| CuboidsTask;

export type TaskKind = Task['type'];
/** Tasks whose answers pick from a label list. */
export type LabeledTask = Extract<Task, { labels: Label[] }>;

export interface LabelSchema {
	tasks: Task[];
}
