/**
 * Structural checks for values that arrive from storage, peers or files, before any view sees them
 * (docs/ARCHITECTURE.md#the-project-doc). A value that fails is quarantined by the caller, never
 * trusted.
 */
import type {
	Annotation,
	AnnotationValue,
	Item,
	LabelSchema,
	GoldAnswer,
	ProjectSettings,
	ReviewDecision,
	ReviewFlag,
	Task
} from './types';

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 1e7): v is string => typeof v === 'string' && v.length <= max;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const isId = (v: unknown): v is string => isStr(v, 128) && v.length > 0;
const isArr = (v: unknown, max: number): v is unknown[] => Array.isArray(v) && v.length <= max;
const optional = (v: unknown, check: (x: unknown) => boolean): boolean =>
	v === undefined || check(v);

const isSha = (v: unknown): boolean => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isUnit = (v: unknown): boolean => isNum(v) && v >= 0 && v <= 1;
/** An image side in pixels (masks): a whole number up to 65,536. */
const isDim = (v: unknown): boolean =>
	Number.isInteger(v) && (v as number) > 0 && (v as number) <= 65_536;

const MIME = /^[a-z]+\/[\w.+-]+$/i;

function isMediaRef(v: unknown): boolean {
	if (!isObj(v)) return false;
	if (typeof v.blob === 'string')
		return (
			/^[0-9a-f]{64}$/.test(v.blob) &&
			isStr(v.mime, 200) &&
			MIME.test(v.mime) &&
			isNum(v.size) &&
			v.size >= 0 &&
			isStr(v.name, 1000)
		);
	return (
		isStr(v.url, 8000) &&
		/^(https?:|data:|blob:)/i.test(v.url) &&
		optional(v.mime, (m) => isStr(m, 200)) &&
		optional(v.name, (n) => isStr(n, 1000))
	);
}

function isField(v: unknown): boolean {
	if (!isObj(v)) return false;
	if (v.kind === 'text') return isStr(v.text);
	return ['image', 'audio', 'video'].includes(v.kind as string) && isMediaRef(v.media);
}

export function isItem(v: unknown): v is Item {
	if (!isObj(v) || !isStr(v.id, 128) || !isNum(v.seq)) return false;
	if (
		!['text', 'image', 'audio', 'video', 'multimodal', 'series', 'html'].includes(v.kind as string)
	)
		return false;
	if (v.kind === 'series' && !(isMediaRef(v.media) && isSeriesInfo(v.series))) return false;
	if (v.kind === 'html' && !isStr(v.text)) return false;
	if (v.text !== undefined && !isStr(v.text)) return false;
	if (
		v.meta !== undefined &&
		(!isObj(v.meta) || !Object.values(v.meta).every((x) => isStr(x, 1e6)))
	)
		return false;
	if (!optional(v.media, isMediaRef)) return false;
	if (
		v.fields !== undefined &&
		(!isObj(v.fields) ||
			Object.keys(v.fields).length > 50 ||
			!Object.values(v.fields).every((f) => isField(f)))
	)
		return false;
	return true;
}

const isAttrs = (v: unknown): boolean =>
	v === undefined ||
	(isObj(v) &&
		Object.keys(v).length <= 100 &&
		Object.values(v).every((x) => typeof x === 'boolean' || isStr(x, 10_000)));

/** Up to 100k regions per value: well above any real image or document. */
const MAX_REGIONS = 100_000;

const isPoint = (p: unknown): boolean => isArr(p, 2) && p.length === 2 && p.every(isNum);

/** A series segment's times are the series' own axis values, so they may be negative. */
const isSeriesSegment = (s: unknown): boolean =>
	isObj(s) &&
	isId(s.id) &&
	isId(s.label) &&
	isNum(s.start) &&
	isNum(s.end) &&
	s.end >= s.start &&
	optional(s.channel, (c) => isStr(c, 200)) &&
	isAttrs(s.attrs);

const isSeriesInfo = (v: unknown): boolean =>
	isObj(v) &&
	isArr(v.channels, 16) &&
	v.channels.every((c) => isStr(c, 200)) &&
	isNum(v.length) &&
	(v.time === 'epoch' || v.time === 'seconds' || v.time === 'number') &&
	isNum(v.start) &&
	isNum(v.end) &&
	optional(v.window, isNum);

const isSegment = (s: unknown): boolean =>
	isObj(s) &&
	isId(s.id) &&
	isId(s.label) &&
	isNum(s.start) &&
	isNum(s.end) &&
	s.start >= 0 &&
	s.end >= s.start &&
	isAttrs(s.attrs);

const isKeyframe = (k: unknown): boolean =>
	isObj(k) &&
	isNum(k.frame) &&
	Number.isInteger(k.frame) &&
	k.frame >= 0 &&
	isNum(k.x) &&
	isNum(k.y) &&
	isNum(k.w) &&
	isNum(k.h) &&
	k.w >= 0 &&
	k.h >= 0 &&
	optional(k.outside, (o) => typeof o === 'boolean');

const isSpanXPath = (x: unknown): boolean =>
	isObj(x) &&
	isStr(x.start, 2000) &&
	isStr(x.end, 2000) &&
	isNum(x.startOffset) &&
	isNum(x.endOffset) &&
	x.startOffset >= 0 &&
	x.endOffset >= 0;

const VALUE_CHECKS: Record<string, (v: Record<string, unknown>) => boolean> = {
	classification: (v) => isArr(v.labels, 1000) && v.labels.every((l) => isStr(l, 128)),
	spans: (v) =>
		isArr(v.spans, MAX_REGIONS) &&
		v.spans.every(
			(s) =>
				isObj(s) &&
				isId(s.id) &&
				isId(s.label) &&
				isNum(s.start) &&
				isNum(s.end) &&
				Number.isInteger(s.start) &&
				Number.isInteger(s.end) &&
				s.start >= 0 &&
				s.end > s.start &&
				optional(s.xpath, isSpanXPath)
		),
	relations: (v) =>
		isArr(v.relations, MAX_REGIONS) &&
		v.relations.every((r) => isObj(r) && isId(r.id) && isId(r.from) && isId(r.to) && isId(r.label)),
	boxes: (v) =>
		isArr(v.boxes, MAX_REGIONS) &&
		v.boxes.every(
			(b) =>
				isObj(b) &&
				isId(b.id) &&
				isId(b.label) &&
				isNum(b.x) &&
				isNum(b.y) &&
				isNum(b.w) &&
				isNum(b.h) &&
				b.w >= 0 &&
				b.h >= 0 &&
				optional(b.rotation, isNum) &&
				isAttrs(b.attrs)
		),
	polygons: (v) =>
		isArr(v.shapes, MAX_REGIONS) &&
		v.shapes.every(
			(s) =>
				isObj(s) &&
				isId(s.id) &&
				isId(s.label) &&
				typeof s.closed === 'boolean' &&
				isArr(s.points, 100_000) &&
				s.points.every(isPoint) &&
				isAttrs(s.attrs)
		),
	keypoints: (v) =>
		isArr(v.instances, MAX_REGIONS) &&
		v.instances.every(
			(k) =>
				isObj(k) &&
				isId(k.id) &&
				isId(k.label) &&
				isArr(k.points, 1000) &&
				k.points.every(
					(p) =>
						p === null || (isObj(p) && isNum(p.x) && isNum(p.y) && typeof p.visible === 'boolean')
				) &&
				isAttrs(k.attrs)
		),
	masks: (v) =>
		isDim(v.w) &&
		isDim(v.h) &&
		isArr(v.masks, MAX_REGIONS) &&
		v.masks.every(
			(m) =>
				isObj(m) &&
				isId(m.id) &&
				isId(m.label) &&
				(isStr(m.rle, 4_000_000) || (isSha(m.blob) && isNum(m.bytes))) &&
				isArr(m.bbox, 4) &&
				m.bbox.length === 4 &&
				m.bbox.every(isNum) &&
				isNum(m.area) &&
				isAttrs(m.attrs)
		),
	transcription: (v) =>
		isStr(v.text) &&
		optional(v.segments, (s) => isObj(s) && Object.values(s).every((t) => isStr(t, 1e6))),
	'audio-segments': (v) => isArr(v.segments, MAX_REGIONS) && v.segments.every(isSegment),
	'video-segments': (v) => isArr(v.segments, MAX_REGIONS) && v.segments.every(isSegment),
	'series-segments': (v) => isArr(v.segments, MAX_REGIONS) && v.segments.every(isSeriesSegment),
	'video-tracks': (v) =>
		isNum(v.fps) &&
		v.fps > 0 &&
		isArr(v.tracks, MAX_REGIONS) &&
		v.tracks.every(
			(t) =>
				isObj(t) &&
				isId(t.id) &&
				isId(t.label) &&
				isArr(t.keyframes, 1e6) &&
				t.keyframes.every(isKeyframe) &&
				isAttrs(t.attrs)
		)
};

/** Checks an annotation value of any task kind; unknown kinds fail. */
export function isAnnotationValue(value: unknown): value is AnnotationValue {
	if (!isObj(value) || typeof value.type !== 'string') return false;
	const check = VALUE_CHECKS[value.type];
	return check !== undefined && Object.hasOwn(VALUE_CHECKS, value.type) && check(value);
}

export function isAnnotation(v: unknown): v is Annotation {
	if (!isObj(v) || !isStr(v.item, 128) || !isStr(v.task, 128) || !isStr(v.annotator, 128))
		return false;
	if (v.source !== 'human' && v.source !== 'model') return false;
	if (!isNum(v.savedAt) || !isNum(v.startedAt) || !isNum(v.ms)) return false;
	return isAnnotationValue(v.value);
}

const FLAG_REASONS: ReadonlySet<unknown> = new Set(['agreement', 'rule', 'label-error', 'manual']);

/** Checks a review flag from the shared doc (a peer may send anything). */
export function isReviewFlag(v: unknown): v is ReviewFlag {
	return (
		isObj(v) &&
		isStr(v.item, 128) &&
		isStr(v.task, 128) &&
		isStr(v.by, 128) &&
		FLAG_REASONS.has(v.reason) &&
		isNum(v.at) &&
		optional(v.score, isNum) &&
		optional(v.detail, (d) => isStr(d, 10_000))
	);
}

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

export function isSettings(v: unknown): v is ProjectSettings {
	return (
		isObj(v) &&
		isNum(v.overlap) &&
		isNum(v.consensusThreshold) &&
		isNum(v.goldRate) &&
		typeof v.autoAdvance === 'boolean' &&
		optional(v.goldFeedback, (g) => typeof g === 'boolean') &&
		optional(
			v.consensus,
			(c) =>
				isObj(c) &&
				Object.values(c).every(
					(t) =>
						isObj(t) &&
						CONSENSUS_METHODS.has(t.method) &&
						isNum(t.threshold) &&
						t.threshold >= 0 &&
						t.threshold <= 1
				)
		)
	);
}

const CONSENSUS_METHODS: ReadonlySet<unknown> = new Set(['mv', 'ds', 'glad', 'mace']);

/** Checks a reviewer's decision from the shared doc. */
export function isReviewDecision(v: unknown): v is ReviewDecision {
	return (
		isObj(v) &&
		isStr(v.item, 128) &&
		isStr(v.task, 128) &&
		isStr(v.by, 128) &&
		isNum(v.at) &&
		optional(v.from, (f) => isStr(f, 128)) &&
		isAnnotationValue(v.value)
	);
}

/** Checks a gold answer from the shared doc. */
export function isGoldAnswer(v: unknown): v is GoldAnswer {
	return (
		isObj(v) &&
		isStr(v.item, 128) &&
		isStr(v.task, 128) &&
		isStr(v.by, 128) &&
		isNum(v.at) &&
		isAnnotationValue(v.value)
	);
}
