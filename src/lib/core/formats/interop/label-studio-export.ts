/**
 * Label Studio JSON export (the shape label-studio.ts describes): every item with its chosen
 * annotations as `annotations[]` and the models' as `predictions[]`; image values in percent.
 */
import type { Annotation, Item, LabelSchema, Task, TaskKind } from '../../types';
import {
	byItem,
	exportSelection,
	imageSize,
	itemFileName,
	r6,
	type InteropExportOptions
} from './common';
import { htmlSpansToLabelStudio } from '../../html/html-spans';
import { seriesRegionsToLabelStudio } from '../../series/series-regions';
import { pdfToLabelStudio } from '../../pdf/pdf-export';

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
					: item.kind === 'pdf'
						? 'pdf'
						: 'text';
		if (isImage)
			data.image = item.media && 'url' in item.media ? item.media.url : itemFileName(item);
		else if (to === 'ts' || to === 'pdf') data[to] = itemFileName(item);
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
			} else if ((v.type === 'spans' || v.type === 'boxes') && to === 'pdf' && 'labels' in t)
				g.results.push(
					...pdfToLabelStudio(v, t.labels, { from: t.name, to }).map((r) => ({ ...r }))
				);
			else if (v.type === 'spans' && to === 'html' && 'labels' in t)
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
