// One COCO annotation as a Quorum region: a keypoint instance, polygons, a mask, or a box.
import { cocoRleRuns } from '../../../mask/coco';
import { maskRleText, maskRunsBox } from '../../../mask/rle';
import type {
	AttrValues,
	BoxesValue,
	Item,
	Keypoint,
	KeypointsValue,
	MasksValue,
	Point,
	PolygonsValue
} from '../../../types';
import {
	isNum,
	r6,
	type AnnotationBag,
	type Problems,
	type SchemaBuilder,
	type Who
} from '../common';

/** A COCO category as read: its name, and for keypoints the point names and 0-based edges. */
export interface Cat {
	name: string;
	keypoints?: string[];
	skeleton?: [number, number][];
}

/** A COCO image as read: its item, and its size when the file gives one. */
export interface Img {
	item: Item;
	width?: number;
	height?: number;
}

/** What one import collects into. */
export interface RegionSink {
	sb: SchemaBuilder;
	bag: AnnotationBag;
	problems: Problems;
	/** Per keypoints task and category point names: each name's index in the task's points. */
	kpTaskPoints: Map<string, number[]>;
}

/** One annotation of the file, with its image, category and author resolved. */
export interface Region {
	/** JSON path of the annotation, for problems. */
	at: string;
	img: Img;
	cat: Cat;
	who: Who;
	attrs: AttrValues | undefined;
	regionId: string;
}

/** Adds a keypoint instance; `names` are the category's point names, `kp` the file's numbers. */
export function keypointsAdd(s: RegionSink, r: Region, names: string[], kp: unknown[]): void {
	const { at, img, cat, who, attrs, regionId } = r;
	const { sb, bag, problems } = s;
	if (kp.length !== names.length * 3 || !kp.every(isNum))
		return problems.add(
			`${at}.keypoints`,
			`expected ${names.length * 3} numbers (x, y, v per keypoint)`
		);
	const task = sb.task('keypoints');
	let kt = sb.keypointsTask(task.id);
	if (kt && kt.points.length === 0 && !sb.isGiven(task.id)) {
		kt = { ...kt, points: [...names], skeleton: cat.skeleton ?? [] };
		sb.update(kt);
	}
	if (!kt) return;
	const key = `${task.id}\n${names.join('\n')}`;
	let map = s.kpTaskPoints.get(key);
	if (!map) {
		const taskNames = kt.points.map((p) => p.toLowerCase());
		map = names.map((p) => taskNames.indexOf(p.toLowerCase()));
		s.kpTaskPoints.set(key, map);
		names.forEach((p, j) => {
			if (map?.[j] === -1)
				problems.add(`${at}.keypoints`, `keypoint "${p}" is not in task "${kt?.name}"`);
		});
	}
	const label = sb.label(task.id, cat.name);
	if (!label) return problems.add(`${at}.category_id`, `label "${cat.name}" is not in the schema`);
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
}

/** Adds one shape per polygon of a non-empty `segmentation` list. */
export function polygonsAdd(s: RegionSink, r: Region, seg: unknown[]): void {
	const { at, img, cat, who, attrs, regionId } = r;
	const { sb, bag, problems } = s;
	const rings: Point[][] = [];
	for (const [j, ring] of seg.entries()) {
		if (!Array.isArray(ring) || ring.length < 6 || ring.length % 2 || !ring.every(isNum)) {
			problems.add(`${at}.segmentation[${j}]`, 'a polygon is 3 or more x, y pairs');
			continue;
		}
		const pts: Point[] = [];
		for (let k = 0; k < ring.length; k += 2) pts.push([ring[k] as number, ring[k + 1] as number]);
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
	if (!label) return problems.add(`${at}.category_id`, `label "${cat.name}" is not in the schema`);
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
}

/**
 * Adds a mask from an RLE `segmentation` ({ size: [h, w], counts }) to a masks task (instance
 * masks, as COCO's are). Its code stays inline in the value.
 */
export function masksAdd(s: RegionSink, r: Region, seg: Record<string, unknown>): void {
	const { at, img, cat, who, attrs, regionId } = r;
	const { sb, bag, problems } = s;
	let m: { w: number; h: number; runs: number[] };
	try {
		m = cocoRleRuns({ size: seg.size, counts: seg.counts });
	} catch (e) {
		return problems.add(`${at}.segmentation`, (e as Error).message);
	}
	if (img.width && img.height && (img.width !== m.w || img.height !== m.h))
		return problems.add(`${at}.segmentation`, 'the mask’s size is not the image’s: left out');
	const found = sb.task('masks');
	if (found.type === 'masks' && found.mode !== 'instance')
		sb.update({ ...found, mode: 'instance' });
	const task = sb.task('masks');
	const label = sb.label(task.id, cat.name);
	if (!label) return problems.add(`${at}.category_id`, `label "${cat.name}" is not in the schema`);
	const ann = bag.get(img.item.id, task.id, who, () => ({
		type: 'masks',
		w: m.w,
		h: m.h,
		masks: []
	}));
	const v = ann.value as MasksValue;
	if (v.w !== m.w || v.h !== m.h)
		return problems.add(`${at}.segmentation`, 'masks of one image differ in size: left out');
	const { bbox, area } = maskRunsBox(m.runs, m.w);
	v.masks.push({
		id: regionId,
		label,
		rle: maskRleText(m.runs),
		bbox,
		area,
		...(attrs ? { attrs } : {})
	});
}

/** Adds a box from `bbox` [x, y, w, h], clipped to the image. */
export function boxAdd(s: RegionSink, r: Region, bb: unknown): void {
	const { at, img, cat, who, attrs, regionId } = r;
	const { sb, bag, problems } = s;
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
	if (!label) return problems.add(`${at}.category_id`, `label "${cat.name}" is not in the schema`);
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
