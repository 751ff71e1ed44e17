/**
 * COCO object detection JSON: `images` (id, file_name, width, height), `categories` (id, name,
 * and for keypoints `keypoints` names and a 1-based `skeleton`), `annotations` with `bbox`
 * [x, y, w, h] in pixels, polygon `segmentation` [[x1, y1, x2, y2, …], …] or RLE
 * `segmentation` { size: [h, w], counts }, and `keypoints` [x, y, v, …] (v: 0 not placed, 1
 * placed but hidden, 2 visible). An annotation with keypoints becomes a keypoint instance, one
 * with polygons one shape per polygon, one with an RLE an instance mask, else a box. Quorum writes
 * three extra annotation keys that other readers ignore: `annotator`, `score` (confidence) and
 * `model`; it reads them back.
 */
import { FormatError } from '../../../errors';
import type { AnnotatorId, LabelSchema } from '../../../types';
import {
	AnnotationBag,
	arrayAt,
	ImageItems,
	isNum,
	isObj,
	isStr,
	jsonParse,
	Problems,
	resultOf,
	SchemaBuilder,
	textOf,
	type InteropImportOptions,
	type InteropResult,
	type Who
} from '../common';
import {
	boxAdd,
	keypointsAdd,
	masksAdd,
	polygonsAdd,
	type Cat,
	type Img,
	type RegionSink
} from './regions';

export const COCO_ANNOTATOR = 'import:coco' as AnnotatorId;

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
	const catById = categoriesRead(cats, problems);
	const imgById = imagesRead(images, items, problems);
	const sink: RegionSink = { sb, bag, problems, kpTaskPoints: new Map() };
	anns.forEach((a, i) => {
		const at = `$.annotations[${i}]`;
		if (!isObj(a)) return problems.add(at, 'not an object');
		const img = imgById.get(a.image_id);
		if (!img) return problems.add(`${at}.image_id`, `no image with id ${String(a.image_id)}`);
		const cat = catById.get(a.category_id);
		if (!cat)
			return problems.add(`${at}.category_id`, `no category with id ${String(a.category_id)}`);
		const region = {
			at,
			img,
			cat,
			who: whoOf(a),
			attrs: isObj(a.attributes) ? attrsOf(a.attributes) : undefined,
			regionId: `c${isNum(a.id) || isStr(a.id) ? String(a.id) : i}`
		};
		if (cat.keypoints && Array.isArray(a.keypoints))
			return keypointsAdd(sink, region, cat.keypoints, a.keypoints);
		const seg = a.segmentation;
		if (Array.isArray(seg) && seg.length > 0) return polygonsAdd(sink, region, seg);
		if (isObj(seg)) return masksAdd(sink, region, seg);
		boxAdd(sink, region, a.bbox);
	});
	return resultOf(items.all(), bag, sb, problems);
}

/** The file's categories by id (skeleton edges made 0-based); bad ones are reported. */
function categoriesRead(cats: unknown[], problems: Problems): Map<unknown, Cat> {
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
	return catById;
}

/** The file's images by id, each with its item (matched by file name, or new). */
function imagesRead(images: unknown[], items: ImageItems, problems: Problems): Map<unknown, Img> {
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
	return imgById;
}

function attrsOf(o: Record<string, unknown>): Record<string, string | boolean> | undefined {
	const out: Record<string, string | boolean> = {};
	for (const [k, v] of Object.entries(o)) if (isStr(v) || typeof v === 'boolean') out[k] = v;
	return Object.keys(out).length ? out : undefined;
}
