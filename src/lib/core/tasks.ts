/**
 * Task kinds: their display names, the media they annotate, new tasks with default options, and
 * the labels any annotation value uses (for counts and filters across every kind).
 */
import type { AnnotationValue, LabelId, MediaKind, Task, TaskId, TaskKind } from './types';

export interface TaskKindInfo {
	kind: TaskKind;
	name: string;
	/** What the task annotates: the item's text, or a kind of media. */
	on: 'text' | MediaKind | 'series' | 'pointcloud' | 'any';
}

export const TASK_KINDS: readonly TaskKindInfo[] = [
	{ kind: 'classification', name: 'Classification', on: 'any' },
	{ kind: 'spans', name: 'Text spans (NER, keywords)', on: 'text' },
	{ kind: 'relations', name: 'Relations between spans', on: 'text' },
	{ kind: 'boxes', name: 'Bounding boxes', on: 'image' },
	{ kind: 'polygons', name: 'Polygons and polylines', on: 'image' },
	{ kind: 'keypoints', name: 'Keypoints with a skeleton', on: 'image' },
	{ kind: 'masks', name: 'Segmentation masks (brush)', on: 'image' },
	{ kind: 'audio-segments', name: 'Audio segments', on: 'audio' },
	{ kind: 'transcription', name: 'Transcription', on: 'any' },
	{ kind: 'video-segments', name: 'Video action segments', on: 'video' },
	{ kind: 'video-tracks', name: 'Video box tracks', on: 'video' },
	{ kind: 'series-segments', name: 'Time series ranges and events', on: 'series' },
	{ kind: 'cuboids', name: '3D cuboids (point clouds)', on: 'pointcloud' }
];

export function taskKindInfo(kind: TaskKind): TaskKindInfo {
	return TASK_KINDS.find((k) => k.kind === kind) as TaskKindInfo;
}

/** A new task of `kind` with default options and no labels. */
export function taskNew(kind: TaskKind, id: TaskId, name: string): Task {
	const region = { id, name, labels: [], attributes: [] };
	switch (kind) {
		case 'classification':
			return { type: kind, id, name, multi: false, labels: [] };
		case 'spans':
			return { type: kind, id, name, labels: [], allowOverlap: false, snap: true };
		case 'relations':
			return { type: kind, id, name, labels: [], spans: '' as TaskId };
		case 'boxes':
			return { type: kind, ...region, rotation: false };
		case 'polygons':
			return { type: kind, ...region, shape: 'polygon' };
		case 'keypoints':
			return { type: kind, ...region, points: [], skeleton: [] };
		case 'masks':
			return { type: kind, ...region, mode: 'semantic', opacity: 0.5 };
		case 'transcription':
			return { type: kind, id, name, per: 'item' };
		case 'audio-segments':
		case 'video-segments':
		case 'video-tracks':
		case 'series-segments':
		case 'cuboids':
			return { type: kind, ...region };
	}
}

/** Every label id an annotation value uses, with repeats (one per region). */
export function annotationLabels(v: AnnotationValue): LabelId[] {
	switch (v.type) {
		case 'classification':
			return v.labels;
		case 'spans':
			return v.spans.map((s) => s.label);
		case 'relations':
			return v.relations.map((r) => r.label);
		case 'boxes':
			return v.boxes.map((b) => b.label);
		case 'polygons':
			return v.shapes.map((s) => s.label);
		case 'keypoints':
			return v.instances.map((k) => k.label);
		case 'masks':
			return v.masks.map((m) => m.label);
		case 'audio-segments':
		case 'video-segments':
		case 'series-segments':
			return v.segments.map((s) => s.label);
		case 'video-tracks':
			return v.tracks.map((t) => t.label);
		case 'cuboids':
			return v.cuboids.map((c) => c.label);
		case 'transcription':
			return [];
	}
}

/** Number of regions (spans, boxes, …) or labels in a value; a transcription counts 1 if not empty. */
export function annotationSize(v: AnnotationValue): number {
	return v.type === 'transcription' ? (v.text.trim() ? 1 : 0) : annotationLabels(v).length;
}
