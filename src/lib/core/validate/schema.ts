/** Checks of label schemas and their tasks (core/validate.ts). */
import type { LabelSchema, Task } from '../types';
import { isArr, isId, isNum, isObj, isStr, isUnit, optional } from './basics';

const isLabels = (v: unknown): boolean =>
	Array.isArray(v) &&
	v.every(
		(l) =>
			isObj(l) &&
			isStr(l.id, 128) &&
			isStr(l.name, 1000) &&
			isStr(l.color, 32) &&
			isStr(l.hotkey, 4)
	);

const isAttrDefs = (v: unknown): boolean =>
	isArr(v, 100) &&
	v.every(
		(a) =>
			isObj(a) &&
			isId(a.id) &&
			isStr(a.name, 1000) &&
			['boolean', 'select', 'text'].includes(a.kind as string) &&
			optional(a.options, (o) => isArr(o, 1000) && o.every((x) => isStr(x, 1000)))
	);

const TASK_CHECKS: Record<string, (t: Record<string, unknown>) => boolean> = {
	classification: (t) => typeof t.multi === 'boolean' && isLabels(t.labels),
	spans: (t) =>
		isLabels(t.labels) && typeof t.allowOverlap === 'boolean' && typeof t.snap === 'boolean',
	relations: (t) => isLabels(t.labels) && isId(t.spans),
	boxes: (t) => isLabels(t.labels) && isAttrDefs(t.attributes) && typeof t.rotation === 'boolean',
	polygons: (t) =>
		isLabels(t.labels) &&
		isAttrDefs(t.attributes) &&
		(t.shape === 'polygon' || t.shape === 'polyline'),
	keypoints: (t) =>
		isLabels(t.labels) &&
		isAttrDefs(t.attributes) &&
		isArr(t.points, 1000) &&
		t.points.every((p) => isStr(p, 200)) &&
		isArr(t.skeleton, 10_000) &&
		t.skeleton.every(
			(e) =>
				isArr(e, 2) &&
				e.length === 2 &&
				e.every(
					(i) =>
						Number.isInteger(i) && (i as number) >= 0 && (i as number) < (t.points as []).length
				)
		),
	masks: (t) =>
		isLabels(t.labels) &&
		isAttrDefs(t.attributes) &&
		(t.mode === 'semantic' || t.mode === 'instance') &&
		isUnit(t.opacity) &&
		optional(t.opacities, (o) => isObj(o) && Object.values(o).every(isUnit)),
	transcription: (t) => (t.per === 'item' || t.per === 'segment') && optional(t.segments, isId),
	'audio-segments': (t) => isLabels(t.labels) && isAttrDefs(t.attributes),
	'series-segments': (t) => isLabels(t.labels) && isAttrDefs(t.attributes),
	cuboids: (t) => isLabels(t.labels) && isAttrDefs(t.attributes),
	'video-segments': (t) =>
		isLabels(t.labels) && isAttrDefs(t.attributes) && optional(t.fps, (f) => isNum(f) && f > 0),
	'video-tracks': (t) =>
		isLabels(t.labels) && isAttrDefs(t.attributes) && optional(t.fps, (f) => isNum(f) && f > 0)
};

export function isTask(t: unknown): t is Task {
	if (!isObj(t) || typeof t.type !== 'string' || !Object.hasOwn(TASK_CHECKS, t.type)) return false;
	if (!isStr(t.id, 128) || !isStr(t.name, 1000) || !optional(t.field, (f) => isStr(f, 200)))
		return false;
	return (TASK_CHECKS[t.type] as (t: Record<string, unknown>) => boolean)(t);
}

export function isSchema(v: unknown): v is LabelSchema {
	if (!isObj(v) || !Array.isArray(v.tasks)) return false;
	return v.tasks.every(isTask);
}
