/**
 * Minimal structural annotation shapes for rule checks and span/box agreement. Deliberately
 * plain (no branded ids) until they are reconciled with the app's core types.
 */

/** An axis-aligned box in image pixels: top-left corner, width, height. */
export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
	label: string;
}

/** A text span `[start, end, label]` in character offsets, end exclusive. */
export type Span = readonly [start: number, end: number, label: string];

/** What one annotator answered for one task on one item. */
export type AnnotationValue =
	| { type: 'class'; label: string }
	| { type: 'classes'; labels: string[] }
	| { type: 'boxes'; boxes: Box[] }
	| { type: 'spans'; spans: Span[] }
	| { type: 'transcription'; text: string };

export interface Annotation {
	item: string;
	task: string;
	annotator: string;
	value: AnnotationValue;
	/** Time the annotator spent, in milliseconds. */
	ms: number;
}

export interface TaskSpec {
	id: string;
	type: AnnotationValue['type'];
	/** Allowed labels (ignored for transcriptions). */
	labels: string[];
	required: boolean;
	/** Spans only: may spans overlap? Default false. */
	allowOverlap?: boolean;
}

/** Item facts some rules need (image size for boxes). */
export interface ItemInfo {
	id: string;
	width?: number;
	height?: number;
}
