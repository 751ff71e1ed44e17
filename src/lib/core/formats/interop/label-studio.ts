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
	Annotation,
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
	Task,
	TaskKind
} from '../../types';
import {
	AnnotationBag,
	byItem,
	exportSelection,
	ImageItems,
	imageSize,
	isNum,
	isObj,
	isStr,
	itemFileName,
	jsonParse,
	Problems,
	r6,
	resultOf,
	SchemaBuilder,
	textOf,
	type InteropExportOptions,
	type InteropImportOptions,
	type InteropResult,
	type Who
} from './common';
import { itemIdFromText } from '../../ids';
import { htmlSpansToLabelStudio } from '../../html/html-spans';
import { seriesRegionsToLabelStudio } from '../../series/series-regions';

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

const TYPE: Partial<Record<TaskKind, string>> = {
	classification: 'choices',
	spans: 'labels',
	boxes: 'rectanglelabels',
	polygons: 'polygonlabels',
	keypoints: 'keypointlabels',
	'series-segments': 'timeserieslabels'
};

/** Label Studio tasks JSON: every item, its human annotations and its model predictions. */
export function exportLabelStudio(
	items: readonly Item[],
	annotations: readonly Annotation[],
	schema: LabelSchema,
	opts: InteropExportOptions
): string {
	const tasks = new Map<string, Task>(schema.tasks.map((t) => [t.id, t]));
	const name = (t: Task, id: string) =>
		'labels' in t ? t.labels.find((l) => l.id === id)?.name : undefined;
	const chosen = byItem(exportSelection(annotations, opts));
	let nextId = 1;
	const out = items.map((item, i) => {
		const isImage = item.kind === 'image';
		const size = imageSize(item);
		const data: Record<string, unknown> = {};
		// Label Studio's object tags: Image, HyperText (html), TimeSeries (ts: the samples' file).
		const to = isImage
			? 'image'
			: item.kind === 'html'
				? 'html'
				: item.kind === 'series'
					? 'ts'
					: 'text';
		if (isImage)
			data.image = item.media && 'url' in item.media ? item.media.url : itemFileName(item);
		else if (to === 'ts') data.ts = itemFileName(item);
		else data[to] = item.text ?? '';
		for (const [k, v] of Object.entries(item.meta ?? {}))
			if (!(isImage && (k === 'width' || k === 'height'))) data[k] = v;
		const groups = new Map<string, { first: Annotation; results: Record<string, unknown>[] }>();
		for (const a of chosen.get(item.id) ?? []) {
			const t = tasks.get(a.task);
			const type = t && TYPE[t.type];
			if (!t || !type) continue;
			const g = groups.get(a.annotator) ?? { first: a, results: [] };
			groups.set(a.annotator, g);
			const img = (rid: string, value: Record<string, unknown>) => {
				if (!size) return;
				g.results.push({
					id: rid,
					from_name: t.name,
					to_name: to,
					type,
					original_width: size.width,
					original_height: size.height,
					image_rotation: 0,
					value
				});
			};
			const px = (x: number) => r6((x * 100) / (size?.width ?? 1));
			const py = (y: number) => r6((y * 100) / (size?.height ?? 1));
			const v = a.value;
			if (v.type === 'classification') {
				const names = v.labels.flatMap((l) => name(t, l) ?? []);
				g.results.push({
					id: `c${nextId++}`,
					from_name: t.name,
					to_name: to,
					type,
					value: { choices: names }
				});
			} else if (v.type === 'spans' && to === 'html' && 'labels' in t)
				g.results.push(
					...htmlSpansToLabelStudio(v, t.labels, undefined, { from: t.name, to }).map((r) => ({
						...r
					}))
				);
			else if (v.type === 'series-segments' && 'labels' in t)
				g.results.push(
					...seriesRegionsToLabelStudio(v, t.labels, { from: t.name, to }).map((r) => ({ ...r }))
				);
			else if (v.type === 'spans')
				for (const s of v.spans) {
					const n = name(t, s.label);
					if (n !== undefined)
						g.results.push({
							id: s.id,
							from_name: t.name,
							to_name: to,
							type,
							value: {
								start: s.start,
								end: s.end,
								text: (item.text ?? '').slice(s.start, s.end),
								labels: [n]
							}
						});
				}
			else if (v.type === 'boxes')
				for (const b of v.boxes) {
					const n = name(t, b.label);
					if (n !== undefined)
						img(b.id, {
							x: px(b.x),
							y: py(b.y),
							width: px(b.w),
							height: py(b.h),
							rotation: b.rotation ?? 0,
							rectanglelabels: [n]
						});
				}
			else if (v.type === 'polygons')
				for (const s of v.shapes) {
					const n = name(t, s.label);
					if (n !== undefined)
						img(s.id, {
							points: s.points.map(([x, y]) => [px(x), py(y)]),
							closed: s.closed,
							polygonlabels: [n]
						});
				}
			else if (v.type === 'keypoints')
				for (const k of v.instances) {
					const n = name(t, k.label);
					k.points.forEach((p, j) => {
						if (n !== undefined && p)
							img(j ? `${k.id}.${j}` : k.id, {
								x: px(p.x),
								y: py(p.y),
								width: 0.5,
								keypointlabels: [n]
							});
					});
				}
		}
		const anns: Record<string, unknown>[] = [];
		const preds: Record<string, unknown>[] = [];
		for (const [who, g] of groups) {
			const a = g.first;
			if (a.source === 'model')
				preds.push({
					id: nextId++,
					model_version: a.model ?? who,
					score: a.confidence ?? null,
					result: g.results
				});
			else {
				const m = /^ls:(\d+)(?:#\d+)?$/.exec(who);
				anns.push({
					id: nextId++,
					completed_by: m ? Number(m[1]) : who,
					result: g.results,
					was_cancelled: false,
					ground_truth: false,
					created_at: new Date(a.savedAt).toISOString(),
					updated_at: new Date(a.savedAt).toISOString(),
					lead_time: a.ms / 1000,
					...(a.confidence !== undefined ? { quorum_confidence: a.confidence } : {})
				});
			}
		}
		return { id: i + 1, data, annotations: anns, predictions: preds };
	});
	return JSON.stringify(out, null, 1);
}
