/**
 * Post-processing of the CenterNet COCO detector (@vladmandic/human's `centernet.json`, output
 * `tower_0/detections`: 100 rows of `[x1, y1, x2, y2, score, class]` in model-input pixels):
 * score filter, greedy per-class non-maximum suppression, scaling to image pixels, and mapping
 * COCO class names to the schema's box labels by name (editable by the user).
 */
import { iou } from '$lib/core/geometry/box';
import type { Box, BoxesValue, Label, LabelId } from '$lib/core/types';
import { COCO_CLASSES } from './coco';

export interface Detection {
	/** Top-left corner and size in image pixels. */
	x: number;
	y: number;
	w: number;
	h: number;
	score: number;
	/** COCO class name, e.g. `person`. */
	name: string;
}

export interface DetectOptions {
	minScore?: number;
	iouThreshold?: number;
	maxDetections?: number;
}

/**
 * Detections from raw rows. `inputSize` is the square side the image was resized to;
 * `width`/`height` the original image size.
 */
export function detectionsFromRows(
	rows: readonly (readonly number[])[],
	size: { inputSize: number; width: number; height: number },
	o: DetectOptions = {}
): Detection[] {
	const sx = size.width / size.inputSize;
	const sy = size.height / size.inputSize;
	const candidates: Detection[] = [];
	for (const r of rows) {
		const [x1, y1, x2, y2, score, cls] = r as [number, number, number, number, number, number];
		if (!(score >= (o.minScore ?? 0.3)) || !Number.isFinite(cls)) continue;
		const name = COCO_CLASSES[Math.round(cls)];
		if (!name) continue;
		const x = Math.max(0, Math.min(x1, x2) * sx);
		const y = Math.max(0, Math.min(y1, y2) * sy);
		const w = Math.min(size.width, Math.max(x1, x2) * sx) - x;
		const h = Math.min(size.height, Math.max(y1, y2) * sy) - y;
		if (w > 1 && h > 1) candidates.push({ x, y, w, h, score, name });
	}
	return nms(candidates, o.iouThreshold ?? 0.45).slice(0, o.maxDetections ?? 50);
}

/** Greedy NMS within each class: keep the best box, drop others overlapping it above `threshold`. */
export function nms(dets: readonly Detection[], threshold: number): Detection[] {
	const kept: Detection[] = [];
	for (const d of [...dets].sort((a, b) => b.score - a.score))
		if (!kept.some((k) => k.name === d.name && iou(k, d) > threshold)) kept.push(d);
	return kept;
}

/** COCO class name → schema label id; classes absent from the map are not suggested. */
export type ClassMapping = Record<string, LabelId>;

const norm = (s: string) =>
	s
		.trim()
		.toLowerCase()
		.replace(/[_-]+/g, ' ')
		.replace(/(?<=[a-z]{3})(e?s)$/, '');
const SYNONYMS: Record<string, string> = {
	people: 'person',
	pedestrian: 'person',
	human: 'person',
	man: 'person',
	woman: 'person',
	bike: 'bicycle',
	motorbike: 'motorcycle',
	plane: 'airplane',
	aeroplane: 'airplane',
	sofa: 'couch',
	television: 'tv',
	'tv monitor': 'tv',
	phone: 'cell phone',
	mobile: 'cell phone',
	table: 'dining table',
	plant: 'potted plant'
};

/**
 * The default mapping: a schema label maps the COCO class of the same name (case, plural,
 * `_`/`-` and a few synonyms such as pedestrian → person ignored).
 */
export function classMappingDefault(
	labels: readonly Label[],
	classes = COCO_CLASSES
): ClassMapping {
	const byName = new Map(classes.map((c) => [norm(c), c]));
	const out: ClassMapping = {};
	for (const l of labels) {
		const n = norm(l.name);
		const c =
			byName.get(n) ?? byName.get(norm(SYNONYMS[n] ?? SYNONYMS[l.name.trim().toLowerCase()] ?? ''));
		if (c && !(c in out)) out[c] = l.id;
	}
	return out;
}

/** Box pre-labels from detections through a mapping; confidence is the mean kept score. */
export function boxesFromDetections(
	dets: readonly Detection[],
	mapping: ClassMapping
): { value: BoxesValue; confidence: number; scores: number[] } {
	const kept = dets.filter((d) => mapping[d.name] !== undefined);
	const boxes: Box[] = kept.map((d, i) => ({
		id: `d${i}`,
		label: mapping[d.name] as LabelId,
		x: Math.round(d.x * 10) / 10,
		y: Math.round(d.y * 10) / 10,
		w: Math.round(d.w * 10) / 10,
		h: Math.round(d.h * 10) / 10
	}));
	const scores = kept.map((d) => d.score);
	return {
		value: { type: 'boxes', boxes },
		confidence: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 1,
		scores
	};
}
