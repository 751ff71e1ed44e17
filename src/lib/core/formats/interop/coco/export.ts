// COCO export: image items' boxes, polygons, keypoints and masks (as COCO RLE) as COCO JSON
// (format in import.ts).
import { cocoRleFrom } from '../../../mask/coco';
import { maskRleRuns } from '../../../mask/rle';
import type { Annotation, Item, LabelSchema, Point } from '../../../types';
import {
	byItem,
	exportSelection,
	imageSize,
	itemFileName,
	r6,
	type InteropExportOptions
} from '../common';

const area = (pts: Point[]): number => {
	let s = 0;
	for (let i = 0; i < pts.length; i++) {
		const [x0, y0] = pts[i] as Point;
		const [x1, y1] = pts[(i + 1) % pts.length] as Point;
		s += x0 * y1 - x1 * y0;
	}
	return Math.abs(s) / 2;
};

function bboxOf(pts: Point[]): [number, number, number, number] {
	if (pts.length === 0) return [0, 0, 0, 0];
	const xs = pts.map((p) => p[0]);
	const ys = pts.map((p) => p[1]);
	const x = Math.min(...xs);
	const y = Math.min(...ys);
	return [r6(x), r6(y), r6(Math.max(...xs) - x), r6(Math.max(...ys) - y)];
}

/** The COCO JSON of image items' boxes, polygons and keypoints (other tasks are left out). */
export function exportCoco(
	items: readonly Item[],
	annotations: readonly Annotation[],
	schema: LabelSchema,
	opts: InteropExportOptions
): string {
	const chosen = byItem(exportSelection(annotations, opts));
	const categories: Record<string, unknown>[] = [];
	const catId = new Map<string, number>();
	for (const t of schema.tasks) {
		if (t.type !== 'boxes' && t.type !== 'polygons' && t.type !== 'keypoints' && t.type !== 'masks')
			continue;
		for (const l of t.labels) {
			const key = t.type === 'keypoints' ? `kp\n${t.id}\n${l.name}` : l.name.toLowerCase();
			if (catId.has(key)) {
				catId.set(`${t.id}\n${l.id}`, catId.get(key) as number);
				continue;
			}
			const id = categories.length + 1;
			const c: Record<string, unknown> = { id, name: l.name, supercategory: '' };
			if (t.type === 'keypoints') {
				c.keypoints = t.points;
				c.skeleton = t.skeleton.map(([a, b]) => [a + 1, b + 1]);
			}
			categories.push(c);
			catId.set(key, id);
			catId.set(`${t.id}\n${l.id}`, id);
		}
	}
	const images: Record<string, unknown>[] = [];
	const out: Record<string, unknown>[] = [];
	const extra = (a: Annotation): Record<string, unknown> => ({
		annotator: a.annotator,
		...(a.confidence !== undefined ? { score: a.confidence } : {}),
		...(a.source === 'model' ? { model: a.model ?? '' } : {})
	});
	for (const item of items) {
		if (item.kind !== 'image') continue;
		const imageId = images.length + 1;
		const size = imageSize(item);
		images.push({
			id: imageId,
			file_name: itemFileName(item),
			width: size?.width ?? 0,
			height: size?.height ?? 0
		});
		for (const a of chosen.get(item.id) ?? []) {
			const cat = (l: string) => catId.get(`${a.task}\n${l}`);
			const v = a.value;
			const base = (label: string, attrs?: Record<string, unknown>) => ({
				id: out.length + 1,
				image_id: imageId,
				category_id: cat(label),
				iscrowd: 0,
				...(attrs ? { attributes: attrs } : {}),
				...extra(a)
			});
			if (v.type === 'boxes')
				for (const b of v.boxes) {
					if (cat(b.label) === undefined) continue;
					out.push({
						...base(b.label, b.attrs),
						bbox: [r6(b.x), r6(b.y), r6(b.w), r6(b.h)],
						area: r6(b.w * b.h),
						segmentation: []
					});
				}
			else if (v.type === 'polygons')
				for (const s of v.shapes) {
					if (cat(s.label) === undefined || s.points.length < 3) continue;
					out.push({
						...base(s.label, s.attrs),
						segmentation: [s.points.flatMap(([x, y]) => [r6(x), r6(y)])],
						bbox: bboxOf(s.points),
						area: r6(area(s.points))
					});
				}
			else if (v.type === 'masks')
				for (const m of v.masks) {
					const code = m.rle ?? (m.blob ? opts.maskCodes?.get(m.blob) : undefined);
					if (cat(m.label) === undefined || code === undefined) continue;
					out.push({
						...base(m.label, m.attrs),
						segmentation: cocoRleFrom(maskRleRuns(code), v.w, v.h),
						bbox: m.bbox,
						area: m.area
					});
				}
			else if (v.type === 'keypoints')
				for (const k of v.instances) {
					if (cat(k.label) === undefined) continue;
					const placed = k.points.filter((p) => p !== null);
					const bbox = bboxOf(placed.map((p) => [p.x, p.y]));
					out.push({
						...base(k.label, k.attrs),
						keypoints: k.points.flatMap((p) =>
							p ? [r6(p.x), r6(p.y), p.visible ? 2 : 1] : [0, 0, 0]
						),
						num_keypoints: placed.length,
						bbox,
						area: r6(bbox[2] * bbox[3]),
						segmentation: []
					});
				}
		}
	}
	return JSON.stringify({
		info: { description: 'Exported from Quorum' },
		images,
		categories,
		annotations: out
	});
}
