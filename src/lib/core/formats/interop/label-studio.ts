/**
 * Label Studio JSON export: a list of tasks `{id, data, annotations[], predictions[]}`, each
 * annotation or prediction holding `result[]` entries `{id, from_name, to_name, type, value}`.
 * Read and written: `choices` (classification), `labels` (text spans), `rectanglelabels` (boxes),
 * `polygonlabels` (polygons) and `keypointlabels` (one keypoint instance per point). Image values
 * are percentages of `original_width`/`original_height`; Quorum keeps pixels. One Quorum task per
 * `from_name`; annotations by `completed_by` (`ls:<id>`), predictions by model version.
 */
import { FormatError } from '../../errors';
import type {
	AnnotatorId,
	BoxesValue,
	ClassificationValue,
	Item,
	KeypointsValue,
	LabelId,
	LabelSchema,
	Point,
	PolygonsValue,
	SpansValue,
	TaskKind
} from '../../types';
import {
	AnnotationBag,
	ImageItems,
	imageSize,
	isNum,
	isObj,
	isStr,
	jsonParse,
	Problems,
	r6,
	resultOf,
	SchemaBuilder,
	textOf,
	type InteropImportOptions,
	type InteropResult,
	type Who
} from './common';
import { itemIdFromText } from '../../ids';

const KIND: Record<string, TaskKind> = {
	choices: 'classification',
	labels: 'spans',
	rectanglelabels: 'boxes',
	polygonlabels: 'polygons',
	keypointlabels: 'keypoints'
};

function whoOf(a: Record<string, unknown>, prediction: boolean): Who {
	if (prediction) {
		const model = isStr(a.model_version) && a.model_version ? a.model_version : 'prediction';
		const who: Who = { annotator: `model:${model}` as AnnotatorId, source: 'model', model };
		if (isNum(a.score)) who.confidence = a.score;
		return who;
	}
	const c = a.completed_by;
	const id = isObj(c) ? c.id : c;
	const annotator = isNum(id) ? `ls:${id}` : isStr(id) && id ? id : 'import:label-studio';
	const who: Who = { annotator: annotator as AnnotatorId, source: 'human' };
	if (isNum(a.quorum_confidence)) who.confidence = a.quorum_confidence;
	return who;
}

export function importLabelStudio(
	input: string | Uint8Array,
	file: string,
	schema?: LabelSchema,
	opts: InteropImportOptions = {}
): InteropResult {
	const text = textOf(input, file);
	const doc = jsonParse(text, file);
	const tasks = Array.isArray(doc) ? doc : isObj(doc) && 'data' in doc ? [doc] : undefined;
	if (!tasks) throw new FormatError(file, 1, 'a Label Studio export is a list of tasks');
	const problems = new Problems(file);
	const sb = new SchemaBuilder(schema, 'ls');
	const bag = new AnnotationBag(opts.now ?? 0);
	const images = new ImageItems(opts.items, opts.now ?? 0);
	const texts = new Map<string, Item>();
	const existing = new Map((opts.items ?? []).map((i) => [i.id, i]));
	const items: Item[] = [];
	tasks.forEach((t, ti) => {
		const at = `$[${ti}]`;
		if (!isObj(t) || !isObj(t.data)) return problems.add(at, 'a task is an object with "data"');
		const data = t.data;
		const meta: Record<string, string> = {};
		for (const [k, v] of Object.entries(data))
			if (k !== 'text' && k !== 'image') meta[k] = isStr(v) ? v : JSON.stringify(v);
		const results = [
			...(Array.isArray(t.annotations) ? t.annotations : []).map((a) => ({ a, pred: false })),
			...(Array.isArray(t.predictions) ? t.predictions : []).map((a) => ({ a, pred: true }))
		];
		let item: Item;
		if (isStr(data.image) && data.image) {
			let size: { width?: number; height?: number } | undefined;
			for (const { a } of results)
				for (const r of isObj(a) && Array.isArray(a.result) ? a.result : [])
					if (!size && isObj(r) && isNum(r.original_width) && isNum(r.original_height))
						size = { width: r.original_width, height: r.original_height };
			item = images.get(data.image, size);
			if (Object.keys(meta).length && !existing.has(item.id)) item.meta = { ...item.meta, ...meta };
		} else if (isStr(data.text)) {
			const id = itemIdFromText(data.text);
			item = texts.get(id) ??
				existing.get(id) ?? {
					id,
					kind: 'text',
					text: data.text,
					seq: (opts.now ?? 0) + texts.size,
					source: file,
					...(Object.keys(meta).length ? { meta } : {})
				};
			if (!texts.has(id)) items.push(item);
			texts.set(id, item);
		} else return problems.add(`${at}.data`, 'no "text" or "image"');
		const seen = new Set<string>();
		results.forEach(({ a, pred }, ai) => {
			const aat = `${at}.${pred ? 'predictions' : 'annotations'}[${pred ? ai - (Array.isArray(t.annotations) ? t.annotations.length : 0) : ai}]`;
			if (!isObj(a)) return problems.add(aat, 'not an object');
			if (!Array.isArray(a.result)) return problems.add(`${aat}.result`, 'not a list');
			const who = whoOf(a, pred);
			// Several annotations by one person on one task stay apart: `ls:7`, `ls:7#2`, …
			const base = who.annotator;
			for (let k = 2; seen.has(who.annotator); k++) who.annotator = `${base}#${k}` as AnnotatorId;
			seen.add(who.annotator);
			a.result.forEach((r, ri) => readResult(r, `${aat}.result[${ri}]`, item, who));
		});
	});

	function readResult(r: unknown, at: string, item: Item, who: Who): void {
		if (!isObj(r) || !isStr(r.type) || !isObj(r.value) || !isStr(r.from_name))
			return problems.add(at, 'a result has "from_name", "type" and "value"');
		const kind = KIND[r.type];
		if (!kind) return problems.add(`${at}.type`, `"${r.type}" results are not imported`);
		const v = r.value;
		const task = sb.task(kind, r.from_name);
		const whoR: Who =
			isNum(r.score) && who.source === 'model' && who.confidence === undefined
				? { ...who, confidence: r.score }
				: who;
		const names = v[r.type];
		if (!Array.isArray(names) || !names.every(isStr))
			return problems.add(`${at}.value.${r.type}`, 'not a list of label names');
		const labels: LabelId[] = [];
		for (const n of names) {
			const id = sb.label(task.id, n);
			if (id) labels.push(id);
			else problems.add(`${at}.value.${r.type}`, `label "${n}" is not in the schema`);
		}
		if (labels.length === 0) return;
		const cur = sb.task(kind, r.from_name);
		const rid = isStr(r.id) || isNum(r.id) ? String(r.id) : at;
		if (kind === 'classification') {
			if (labels.length > 1 && cur.type === 'classification' && !cur.multi)
				sb.update({ ...cur, multi: true });
			const ann = bag.get(item.id, task.id, whoR, () => ({ type: 'classification', labels: [] }));
			const val = ann.value as ClassificationValue;
			for (const l of labels) if (!val.labels.includes(l)) val.labels.push(l);
			return;
		}
		if (kind === 'spans') {
			const len = item.text?.length ?? 0;
			const { start, end } = v;
			if (!isNum(start) || !isNum(end) || start < 0 || end > len || start >= end)
				return problems.add(`${at}.value`, `[start, end) must lie inside the text (length ${len})`);
			const ann = bag.get(item.id, task.id, whoR, () => ({ type: 'spans', spans: [] }));
			labels.forEach((label, k) =>
				(ann.value as SpansValue).spans.push({ id: k ? `${rid}.${k}` : rid, start, end, label })
			);
			return;
		}
		const W = isNum(r.original_width) ? r.original_width : imageSize(item)?.width;
		const H = isNum(r.original_height) ? r.original_height : imageSize(item)?.height;
		if (!W || !H || W <= 0 || H <= 0)
			return problems.add(
				at,
				'no original_width/original_height: percentages cannot become pixels'
			);
		const px = (x: number) => r6((x * W) / 100);
		const py = (y: number) => r6((y * H) / 100);
		const pct = (x: unknown) => isNum(x) && x >= -1e-6 && x <= 100 + 1e-6;
		const label = labels[0] as LabelId;
		if (kind === 'boxes') {
			const { x, y, width, height, rotation } = v;
			if (!pct(x) || !pct(y) || !isNum(width) || !isNum(height) || width < 0 || height < 0)
				return problems.add(`${at}.value`, 'a rectangle is x, y, width, height in percent (0–100)');
			if ((x as number) + width > 100 + 1e-6 || (y as number) + height > 100 + 1e-6)
				problems.add(`${at}.value`, 'the rectangle goes outside the image');
			const ann = bag.get(item.id, task.id, whoR, () => ({ type: 'boxes', boxes: [] }));
			(ann.value as BoxesValue).boxes.push({
				id: rid,
				label,
				x: px(x as number),
				y: py(y as number),
				w: px(width),
				h: py(height),
				...(isNum(rotation) && rotation !== 0 ? { rotation } : {})
			});
			if (isNum(rotation) && rotation !== 0 && cur.type === 'boxes' && !cur.rotation)
				sb.update({ ...cur, rotation: true });
			return;
		}
		if (kind === 'polygons') {
			const pts = v.points;
			if (
				!Array.isArray(pts) ||
				pts.length < 2 ||
				!pts.every((p) => Array.isArray(p) && p.length === 2 && pct(p[0]) && pct(p[1]))
			)
				return problems.add(`${at}.value.points`, 'points are [x, y] pairs in percent (0–100)');
			const ann = bag.get(item.id, task.id, whoR, () => ({ type: 'polygons', shapes: [] }));
			(ann.value as PolygonsValue).shapes.push({
				id: rid,
				label,
				points: (pts as [number, number][]).map(([x, y]): Point => [px(x), py(y)]),
				closed: v.closed !== false
			});
			return;
		}
		// keypoints: one instance per LS point
		const { x, y } = v;
		if (!pct(x) || !pct(y))
			return problems.add(`${at}.value`, 'a keypoint is x, y in percent (0–100)');
		let kt = sb.keypointsTask(task.id);
		if (kt && kt.points.length === 0 && !sb.isGiven(task.id)) {
			kt = { ...kt, points: ['point'] };
			sb.update(kt);
		}
		if (!kt || kt.points.length === 0) return;
		const ann = bag.get(item.id, task.id, whoR, () => ({ type: 'keypoints', instances: [] }));
		(ann.value as KeypointsValue).instances.push({
			id: rid,
			label,
			points: kt.points.map((_, k) =>
				k === 0 ? { x: px(x as number), y: py(y as number), visible: true } : null
			)
		});
	}

	return resultOf([...items, ...images.all()], bag, sb, problems);
}

export { exportLabelStudio } from './label-studio-export';
