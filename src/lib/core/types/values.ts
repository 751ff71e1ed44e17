// The answer to one task for one item, by task kind: labels, spans, boxes, tracks…
import type { LabelId } from './ids';
import type { TaskKind } from './schema';

export interface ClassificationValue {
	type: 'classification';
	labels: LabelId[];
}

/** Values of region attributes, by `AttributeDef.id`. */
export type AttrValues = Record<string, boolean | string>;

/** A character span `[start, end)` of the text, in UTF-16 code units, never inside a grapheme cluster. */
export interface Span {
	id: string;
	start: number;
	end: number;
	label: LabelId;
	/**
	 * In an HTML item, where the span starts and ends in the document as Label Studio's HyperText
	 * keeps it: XPaths of text nodes from the document's root and offsets in them. `start` and
	 * `end` are then offsets in the document's whole text content.
	 */
	xpath?: SpanXPath;
	/**
	 * In a PDF item, the 1-based page the span is on: `start` and `end` are then offsets in that
	 * page's text (core/pdf/page-text.ts), and `text` is the text they cover.
	 */
	page?: number;
	text?: string;
}

export interface SpanXPath {
	start: string;
	startOffset: number;
	end: string;
	endOffset: number;
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

/**
 * A box in image pixels: top-left corner, size, and rotation around its centre in degrees. On a
 * PDF page, in PDF points (1/72 in) from the page's top-left corner as shown, with the page's
 * 1-based number and its size in points (`pageSize`), so page-relative units need no PDF.
 */
export interface Box {
	id: string;
	label: LabelId;
	x: number;
	y: number;
	w: number;
	h: number;
	rotation?: number;
	attrs?: AttrValues;
	page?: number;
	pageSize?: [w: number, h: number];
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

/**
 * One mask: its pixels as a run-length code, inline (`rle`) when small, else in a content-addressed
 * blob (`blob`, the SHA-256 of the same text) so the doc stays small. `bbox` ([x, y, w, h] in
 * image pixels) and `area` (pixels) are kept beside it for lists and counts without decoding.
 * The code is `maskRleText` of row-major runs over the value's `w` × `h` (core/mask/rle.ts).
 */
export interface MaskRegion {
	id: string;
	label: LabelId;
	rle?: string;
	blob?: string;
	/** Length of the blob's code (bytes), so a peer's copy can be checked. */
	bytes?: number;
	bbox: [x: number, y: number, w: number, h: number];
	area: number;
	attrs?: AttrValues;
}

export interface MasksValue {
	type: 'masks';
	/** Size of the image the masks cover, in pixels. */
	w: number;
	h: number;
	masks: MaskRegion[];
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

/**
 * A labeled range `[start, end]` of a time series in its time axis's units (SeriesInfo.time);
 * `start === end` is an instant event. `channel` names the one channel it is about, if any.
 */
export interface SeriesSegment extends TimeSegment {
	channel?: string;
}

export interface SeriesSegmentsValue {
	type: 'series-segments';
	segments: SeriesSegment[];
}

/**
 * A 3D box in the point cloud's frame (relative to its origin): centre, size along its own
 * x (length), y (width) and z (height), and yaw, the turn about z in radians from the x axis.
 */
export interface Cuboid {
	id: string;
	label: LabelId;
	x: number;
	y: number;
	z: number;
	l: number;
	w: number;
	h: number;
	yaw: number;
	attrs?: AttrValues;
}

export interface CuboidsValue {
	type: 'cuboids';
	cuboids: Cuboid[];
}

export type AnnotationValue =
	| ClassificationValue
	| SpansValue
	| RelationsValue
	| BoxesValue
	| PolygonsValue
	| KeypointsValue
	| MasksValue
	| TranscriptionValue
	| AudioSegmentsValue
	| VideoSegmentsValue
	| VideoTracksValue
	| SeriesSegmentsValue
	| CuboidsValue;

/** The value type that answers a task of kind `K`. */
export type ValueOf<K extends TaskKind> = Extract<AnnotationValue, { type: K }>;
