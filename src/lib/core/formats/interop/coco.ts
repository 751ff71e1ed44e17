/**
 * COCO object detection JSON: `images` (id, file_name, width, height), `categories` (id, name,
 * and for keypoints `keypoints` names and a 1-based `skeleton`), `annotations` with `bbox`
 * [x, y, w, h] in pixels, polygon `segmentation` [[x1, y1, x2, y2, …], …] and `keypoints`
 * [x, y, v, …] (v: 0 not placed, 1 placed but hidden, 2 visible). An annotation with keypoints
 * becomes a keypoint instance, one with polygons one shape per polygon, else a box. Quorum writes
 * three extra annotation keys that other readers ignore: `annotator`, `score` (confidence) and
 * `model`; it reads them back.
 */
import { FormatError } from '../../errors';
import type {
	Annotation,
	AnnotatorId,
	BoxesValue,
	Item,
	Keypoint,
	KeypointsValue,
	LabelSchema,
	Point,
	PolygonsValue
} from '../../types';
import {
	AnnotationBag,
	arrayAt,
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

export const COCO_ANNOTATOR = 'import:coco' as AnnotatorId;

interface Cat {
	name: string;
	keypoints?: string[];
	skeleton?: [number, number][];
}

interface Img {
	item: Item;
	width?: number;
	height?: number;
}

function whoOf(a: Record<string, unknown>): Who {
	const who: Who = {
		annotator:
			isStr(a.annotator) && a.annotator
				? (a.annotator as AnnotatorId)
				: isStr(a.model)
					? (`model:${a.model}` as AnnotatorId)
					: COCO_ANNOTATOR,
		source: isStr(a.model) ? 'model' : 'human'
	};
	if (isStr(a.model)) who.model = a.model;
	if (isNum(a.score)) who.confidence = a.score;
	return who;
}

/** Clips a box to the image; returns undefined when nothing is left. */
function clip(
	b: [number, number, number, number],
	img: Img
): [number, number, number, number] | undefined {
	if (!img.width || !img.height) return b;
	if (b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= img.width && b[1] + b[3] <= img.height) return b;
	const x0 = Math.max(0, b[0]);
	const y0 = Math.max(0, b[1]);
	const x1 = Math.min(img.width, b[0] + b[2]);
	const y1 = Math.min(img.height, b[1] + b[3]);
	if (x1 <= x0 || y1 <= y0) return undefined;
	return [r6(x0), r6(y0), r6(x1 - x0), r6(y1 - y0)];
}

export function importCoco(
	input: string | Uint8Array,
	file: string,
	schema?: LabelSchema,
	opts: InteropImportOptions = {}
): InteropResult {
	const text = textOf(input, file);
	const doc = jsonParse(text, file);
	if (!isObj(doc)) throw new FormatError(file, 1, 'a COCO file is a JSON object with "images"');
	const problems = new Problems(file);
	const images = arrayAt(doc.images, file, '$.images');
	const cats = arrayAt(doc.categories ?? [], file, '$.categories');
	const anns = arrayAt(doc.annotations ?? [], file, '$.annotations');
	const sb = new SchemaBuilder(schema, 'coco');
	const bag = new AnnotationBag(opts.now ?? 0);
	const items = new ImageItems(opts.items, opts.now ?? 0);

	const catById = new Map<unknown, Cat>();
	cats.forEach((c, i) => {
		const at = `$.categories[${i}]`;
		if (!isObj(c) || !isStr(c.name) || !c.name.trim() || !(isNum(c.id) || isStr(c.id))) {
			problems.add(at, 'a category needs an "id" and a "name"');
			return;
		}
		const cat: Cat = { name: c.name };
		if (Array.isArray(c.keypoints) && c.keypoints.length > 0) {
			if (!c.keypoints.every(isStr)) problems.add(`${at}.keypoints`, 'keypoint names are not text');
			else {
				cat.keypoints = c.keypoints;
				const sk = Array.isArray(c.skeleton) ? c.skeleton : [];
				cat.skeleton = [];
				sk.forEach((e, j) => {
					const n = cat.keypoints?.length ?? 0;
					if (Array.isArray(e) && e.length === 2 && e.every((k) => isNum(k) && k >= 1 && k <= n))
						cat.skeleton?.push([(e[0] as number) - 1, (e[1] as number) - 1]);
					else problems.add(`${at}.skeleton[${j}]`, 'an edge is two 1-based keypoint numbers');
				});
			}
		}
		if (catById.has(c.id)) problems.add(at, `category id ${String(c.id)} is used twice`);
		else catById.set(c.id, cat);
	});

	const imgById = new Map<unknown, Img>();
	images.forEach((im, i) => {
		const at = `$.images[${i}]`;
		if (!isObj(im) || !(isNum(im.id) || isStr(im.id)) || !isStr(im.file_name) || !im.file_name) {
			problems.add(at, 'an image needs an "id" and a "file_name"');
			return;
		}
		const size: { width?: number; height?: number } = {};
		if (isNum(im.width) && im.width > 0) size.width = im.width;
		if (isNum(im.height) && im.height > 0) size.height = im.height;
		if (size.width === undefined || size.height === undefined)
			problems.add(at, 'no width and height: boxes cannot be checked against the image');
		if (imgById.has(im.id)) {
			problems.add(at, `image id ${String(im.id)} is used twice`);
			return;
		}
		imgById.set(im.id, { item: items.get(im.file_name, size), ...size });
	});

	const kpTaskPoints = new Map<string, number[]>();
	anns.forEach((a, i) => {
		const at = `$.annotations[${i}]`;
		if (!isObj(a)) return problems.add(at, 'not an object');
		const img = imgById.get(a.image_id);
		if (!img) return problems.add(`${at}.image_id`, `no image with id ${String(a.image_id)}`);
		const cat = catById.get(a.category_id);
		if (!cat)
			return problems.add(`${at}.category_id`, `no category with id ${String(a.category_id)}`);
		const who = whoOf(a);
		const attrs = isObj(a.attributes) ? attrsOf(a.attributes) : undefined;
		const regionId = `c${isNum(a.id) || isStr(a.id) ? String(a.id) : i}`;

		if (cat.keypoints && Array.isArray(a.keypoints)) {
			const kp = a.keypoints;
			if (kp.length !== cat.keypoints.length * 3 || !kp.every(isNum))
				return problems.add(
					`${at}.keypoints`,
					`expected ${cat.keypoints.length * 3} numbers (x, y, v per keypoint)`
				);
			const task = sb.task('keypoints');
			let kt = sb.keypointsTask(task.id);
			if (kt && kt.points.length === 0 && !sb.isGiven(task.id)) {
				kt = { ...kt, points: [...cat.keypoints], skeleton: cat.skeleton ?? [] };
				sb.update(kt);
			}
			if (!kt) return;
			const key = `${task.id}\n${cat.keypoints.join('\n')}`;
			let map = kpTaskPoints.get(key);
			if (!map) {
				const names = kt.points.map((p) => p.toLowerCase());
				map = cat.keypoints.map((p) => names.indexOf(p.toLowerCase()));
				kpTaskPoints.set(key, map);
				cat.keypoints.forEach((p, j) => {
					if (map?.[j] === -1)
						problems.add(`${at}.keypoints`, `keypoint "${p}" is not in task "${kt?.name}"`);
				});
			}
			const label = sb.label(task.id, cat.name);
			if (!label)
				return problems.add(`${at}.category_id`, `label "${cat.name}" is not in the schema`);
			const points: Keypoint[] = kt.points.map(() => null);
			map.forEach((to, j) => {
				const [x, y, v] = [kp[j * 3], kp[j * 3 + 1], kp[j * 3 + 2]] as number[];
				if (to >= 0 && v !== undefined && v > 0)
					points[to] = { x: x as number, y: y as number, visible: v >= 2 };
			});
			const ann = bag.get(img.item.id, task.id, who, () => ({ type: 'keypoints', instances: [] }));
			(ann.value as KeypointsValue).instances.push({
				id: regionId,
				label,
				points,
				...(attrs ? { attrs } : {})
			});
			return;
		}

		const seg = a.segmentation;
		if (Array.isArray(seg) && seg.length > 0) {
			const rings: Point[][] = [];
			for (const [j, ring] of seg.entries()) {
				if (!Array.isArray(ring) || ring.length < 6 || ring.length % 2 || !ring.every(isNum)) {
					problems.add(`${at}.segmentation[${j}]`, 'a polygon is 3 or more x, y pairs');
					continue;
				}
				const pts: Point[] = [];
				for (let k = 0; k < ring.length; k += 2)
					pts.push([ring[k] as number, ring[k + 1] as number]);
				if (
					img.width &&
					img.height &&
					pts.some(([x, y]) => x < 0 || y < 0 || x > img.width! || y > img.height!)
				)
					problems.add(`${at}.segmentation[${j}]`, 'the polygon goes outside the image');
				rings.push(pts);
			}
			if (rings.length === 0) return;
			const task = sb.task('polygons');
			const label = sb.label(task.id, cat.name);
			if (!label)
				return problems.add(`${at}.category_id`, `label "${cat.name}" is not in the schema`);
			const ann = bag.get(img.item.id, task.id, who, () => ({ type: 'polygons', shapes: [] }));
			rings.forEach((points, j) =>
				(ann.value as PolygonsValue).shapes.push({
					id: rings.length > 1 ? `${regionId}.${j}` : regionId,
					label,
					points,
					closed: true,
					...(attrs ? { attrs } : {})
				})
			);
			return;
		}
		if (isObj(seg)) problems.add(`${at}.segmentation`, 'RLE masks are not read: imported as a box');

		const bb = a.bbox;
		if (
			!Array.isArray(bb) ||
			bb.length !== 4 ||
			!bb.every(isNum) ||
			(bb[2] as number) < 0 ||
			(bb[3] as number) < 0
		)
			return problems.add(`${at}.bbox`, 'a box is [x, y, width, height] with width, height ≥ 0');
		const box = clip(bb as [number, number, number, number], img);
		if (!box) return problems.add(`${at}.bbox`, 'the box is outside the image: left out');
		if (box.some((v, k) => v !== bb[k]))
			problems.add(`${at}.bbox`, 'the box goes outside the image: clipped to it');
		const task = sb.task('boxes');
		const label = sb.label(task.id, cat.name);
		if (!label)
			return problems.add(`${at}.category_id`, `label "${cat.name}" is not in the schema`);
		const ann = bag.get(img.item.id, task.id, who, () => ({ type: 'boxes', boxes: [] }));
		(ann.value as BoxesValue).boxes.push({
			id: regionId,
			label,
			x: box[0],
			y: box[1],
			w: box[2],
			h: box[3],
			...(attrs ? { attrs } : {})
		});
	});
	return resultOf(items.all(), bag, sb, problems);
}

function attrsOf(o: Record<string, unknown>): Record<string, string | boolean> | undefined {
	const out: Record<string, string | boolean> = {};
	for (const [k, v] of Object.entries(o)) if (isStr(v) || typeof v === 'boolean') out[k] = v;
	return Object.keys(out).length ? out : undefined;
}

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
		if (t.type !== 'boxes' && t.type !== 'polygons' && t.type !== 'keypoints') continue;
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
