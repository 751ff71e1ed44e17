/** Checks of annotation values, one per task kind; an unknown kind fails (core/validate.ts). */
import type { AnnotationValue } from '../types';
import {
	isArr,
	isAttrs,
	isDim,
	isId,
	isNum,
	isObj,
	isRegion,
	isSha,
	isStr,
	MAX_REGIONS,
	optional
} from './basics';

const isPoint = (p: unknown): boolean => isArr(p, 2) && p.length === 2 && p.every(isNum);

/** A series segment's times are the series' own axis values, so they may be negative. */
const isSeriesSegment = (s: unknown): boolean =>
	isRegion(s) &&
	isNum(s.start) &&
	isNum(s.end) &&
	s.end >= s.start &&
	optional(s.channel, (c) => isStr(c, 200)) &&
	isAttrs(s.attrs);

const isSegment = (s: unknown): boolean =>
	isRegion(s) &&
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

/** A 1-based PDF page number. */
const isPage = (p: unknown): boolean => Number.isInteger(p) && (p as number) >= 1;
/** A PDF page's size in points: [w, h], each above 0. */
const isPageSize = (s: unknown): boolean =>
	isArr(s, 2) && s.length === 2 && s.every((x) => isNum(x) && x > 0);

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
				isRegion(s) &&
				isNum(s.start) &&
				isNum(s.end) &&
				Number.isInteger(s.start) &&
				Number.isInteger(s.end) &&
				s.start >= 0 &&
				s.end > s.start &&
				optional(s.xpath, isSpanXPath) &&
				optional(s.page, isPage) &&
				optional(s.text, (t) => isStr(t, 1e6))
		),
	relations: (v) =>
		isArr(v.relations, MAX_REGIONS) &&
		v.relations.every((r) => isObj(r) && isId(r.id) && isId(r.from) && isId(r.to) && isId(r.label)),
	boxes: (v) =>
		isArr(v.boxes, MAX_REGIONS) &&
		v.boxes.every(
			(b) =>
				isRegion(b) &&
				isNum(b.x) &&
				isNum(b.y) &&
				isNum(b.w) &&
				isNum(b.h) &&
				b.w >= 0 &&
				b.h >= 0 &&
				optional(b.rotation, isNum) &&
				isAttrs(b.attrs) &&
				optional(b.page, isPage) &&
				optional(b.pageSize, isPageSize)
		),
	polygons: (v) =>
		isArr(v.shapes, MAX_REGIONS) &&
		v.shapes.every(
			(s) =>
				isRegion(s) &&
				typeof s.closed === 'boolean' &&
				isArr(s.points, 100_000) &&
				s.points.every(isPoint) &&
				isAttrs(s.attrs)
		),
	keypoints: (v) =>
		isArr(v.instances, MAX_REGIONS) &&
		v.instances.every(
			(k) =>
				isRegion(k) &&
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
				isRegion(m) &&
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
	cuboids: (v) =>
		isArr(v.cuboids, MAX_REGIONS) &&
		v.cuboids.every(
			(c) =>
				isRegion(c) &&
				[c.x, c.y, c.z, c.yaw].every(isNum) &&
				[c.l, c.w, c.h].every((s) => isNum(s) && (s as number) >= 0) &&
				isAttrs(c.attrs)
		),
	'video-tracks': (v) =>
		isNum(v.fps) &&
		v.fps > 0 &&
		isArr(v.tracks, MAX_REGIONS) &&
		v.tracks.every(
			(t) =>
				isRegion(t) && isArr(t.keyframes, 1e6) && t.keyframes.every(isKeyframe) && isAttrs(t.attrs)
		)
};

/** Checks an annotation value of any task kind; unknown kinds fail. */
export function isAnnotationValue(value: unknown): value is AnnotationValue {
	if (!isObj(value) || typeof value.type !== 'string') return false;
	const check = VALUE_CHECKS[value.type];
	return check !== undefined && Object.hasOwn(VALUE_CHECKS, value.type) && check(value);
}
