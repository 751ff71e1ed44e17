/**
 * Pascal VOC XML: one `<annotation>` per image with `<filename>`, `<size>` and `<object>`s, each
 * with `<name>`, `<bndbox>` (`xmin ymin xmax ymax`, pixels) and the flags `truncated`,
 * `difficult`, `occluded` (kept as box attributes). Quorum adds `<annotator>` and `<confidence>`
 * to each object, which other readers ignore. Reads one XML, a zip or a map of XML files; writes
 * a zip of `Annotations/<stem>.xml`. VOC has no polygons: an export writes each polygon as its
 * bounding box (so they come back as boxes), and does not write keypoints.
 */
import { FormatError } from '../../errors';
import type { Annotation, AnnotatorId, Box, BoxesValue, Item, LabelSchema } from '../../types';
import {
	AnnotationBag,
	byItem,
	exportSelection,
	ImageItems,
	imageSize,
	itemFileName,
	Problems,
	r6,
	resultOf,
	SchemaBuilder,
	stemOf,
	textOf,
	type InteropExportOptions,
	type InteropImportOptions,
	type InteropResult
} from './common';
import { filesOf, isZip, zipOf, type InteropFiles } from './files';
import { child, childText, xmlEscape, xmlParse } from './xml';

export const VOC_ANNOTATOR = 'import:voc' as AnnotatorId;
const FLAGS = ['truncated', 'difficult', 'occluded'] as const;

export function importVoc(
	input: string | Uint8Array | InteropFiles,
	file: string,
	schema?: LabelSchema,
	opts: InteropImportOptions = {}
): InteropResult {
	const files: InteropFiles =
		typeof input === 'string' || (input instanceof Uint8Array && !isZip(input))
			? { [file]: input }
			: filesOf(input, file);
	const problems = new Problems(file);
	const sb = new SchemaBuilder(schema, 'voc');
	const task = sb.task('boxes');
	const bag = new AnnotationBag(opts.now ?? 0);
	const items = new ImageItems(opts.items, opts.now ?? 0);
	const xmls = Object.entries(files).filter(
		([n]) => n.toLowerCase().endsWith('.xml') || n === file
	);
	if (xmls.length === 0) throw new FormatError(file, undefined, 'no .xml files');
	const single = xmls.length === 1;
	for (const [name, data] of xmls) {
		let doc;
		try {
			doc = xmlParse(textOf(data, name), name);
		} catch (e) {
			if (single || !(e instanceof FormatError)) throw e;
			problems.add(e.line === undefined ? 'file' : `line ${e.line}`, e.reason, name);
			continue;
		}
		if (doc.name !== 'annotation') {
			if (single) throw new FormatError(name, doc.line, 'a VOC file has an <annotation> root');
			problems.add(`line ${doc.line}`, 'a VOC file has an <annotation> root', name);
			continue;
		}
		const sizeEl = child(doc, 'size');
		const width = Number(sizeEl && childText(sizeEl, 'width'));
		const height = Number(sizeEl && childText(sizeEl, 'height'));
		const size = width > 0 && height > 0 ? { width, height } : undefined;
		if (!size)
			problems.add(
				`line ${sizeEl?.line ?? doc.line}`,
				'no image <size>: boxes are not checked',
				name
			);
		let fname = childText(doc, 'filename');
		if (!fname) {
			fname = `${stemOf(name)}.jpg`;
			problems.add(`line ${doc.line}`, `no <filename>: using ${fname}`, name);
		}
		const item = items.get(fname, size);
		const known = imageSize(item) ?? size;
		for (const o of doc.children.filter((c) => c.name === 'object')) {
			const where = `line ${o.line}`;
			const label = childText(o, 'name');
			if (!label) {
				problems.add(where, 'an <object> without <name>', name);
				continue;
			}
			const bb = child(o, 'bndbox');
			const v = ['xmin', 'ymin', 'xmax', 'ymax'].map((k) => Number(bb && childText(bb, k)));
			const [x0, y0, x1, y1] = v as [number, number, number, number];
			if (!bb || !v.every(Number.isFinite) || x1 < x0 || y1 < y0) {
				problems.add(where, 'a <bndbox> needs xmin ≤ xmax and ymin ≤ ymax', name);
				continue;
			}
			let [cx0, cy0, cx1, cy1] = [x0, y0, x1, y1];
			if (known) {
				[cx0, cy0] = [Math.max(0, x0), Math.max(0, y0)];
				[cx1, cy1] = [Math.min(known.width, x1), Math.min(known.height, y1)];
				if (cx1 <= cx0 || cy1 <= cy0) {
					problems.add(where, 'the box is outside the image: left out', name);
					continue;
				}
				if (cx0 !== x0 || cy0 !== y0 || cx1 !== x1 || cy1 !== y1)
					problems.add(where, 'the box goes outside the image: clipped to it', name);
			}
			const id = sb.label(task.id, label);
			if (!id) {
				problems.add(where, `label "${label}" is not in the schema`, name);
				continue;
			}
			const attrs: Record<string, boolean> = {};
			for (const f of FLAGS) {
				const t = childText(o, f);
				if (t !== undefined) attrs[f] = t === '1' || t.toLowerCase() === 'true';
			}
			const who = childText(o, 'annotator');
			const conf = Number(childText(o, 'confidence'));
			const ann = bag.get(
				item.id,
				task.id,
				{
					annotator: (who || VOC_ANNOTATOR) as AnnotatorId,
					source: 'human',
					...(Number.isFinite(conf) && childText(o, 'confidence') ? { confidence: conf } : {})
				},
				() => ({ type: 'boxes', boxes: [] })
			);
			const boxes = (ann.value as BoxesValue).boxes;
			boxes.push({
				id: `v${boxes.length}`,
				label: id,
				x: r6(cx0),
				y: r6(cy0),
				w: r6(cx1 - cx0),
				h: r6(cy1 - cy0),
				...(Object.keys(attrs).length ? { attrs } : {})
			});
		}
	}
	return resultOf(items.all(), bag, sb, problems);
}

/** The boxes an export writes for an annotation: its boxes, or its polygons' bounding boxes. */
function vocBoxes(a: Annotation): Box[] {
	if (a.value.type === 'boxes') return a.value.boxes;
	if (a.value.type !== 'polygons') return [];
	return a.value.shapes.flatMap((s) => {
		if (s.points.length === 0) return [];
		const xs = s.points.map((p) => p[0]);
		const ys = s.points.map((p) => p[1]);
		const x = Math.min(...xs);
		const y = Math.min(...ys);
		return [{ id: s.id, label: s.label, x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }];
	});
}

/**
 * One VOC XML per image item with boxes or polygons, in a zip under `Annotations/`; polygons are
 * written as their bounding boxes.
 */
export function exportVoc(
	items: readonly Item[],
	annotations: readonly Annotation[],
	schema: LabelSchema,
	opts: InteropExportOptions
): Uint8Array {
	const names = new Map<string, string>();
	for (const t of schema.tasks)
		if (t.type === 'boxes' || t.type === 'polygons')
			for (const l of t.labels) names.set(`${t.id}\n${l.id}`, l.name);
	const chosen = byItem(exportSelection(annotations, opts));
	const out: Record<string, string> = {};
	for (const item of items) {
		const anns = (chosen.get(item.id) ?? []).filter(
			(a) => a.value.type === 'boxes' || a.value.type === 'polygons'
		);
		if (item.kind !== 'image' || anns.length === 0) continue;
		const fname = itemFileName(item);
		const size = imageSize(item);
		const objects = anns.flatMap((a) =>
			vocBoxes(a).flatMap((b) => {
				const n = names.get(`${a.task}\n${b.label}`);
				if (n === undefined) return [];
				const flags = FLAGS.filter((f) => typeof b.attrs?.[f] === 'boolean').map(
					(f) => `\t\t<${f}>${b.attrs?.[f] ? 1 : 0}</${f}>\n`
				);
				return [
					`\t<object>\n\t\t<name>${xmlEscape(n)}</name>\n\t\t<pose>Unspecified</pose>\n${flags.join('')}` +
						`\t\t<annotator>${xmlEscape(a.annotator)}</annotator>\n` +
						(a.confidence !== undefined ? `\t\t<confidence>${a.confidence}</confidence>\n` : '') +
						`\t\t<bndbox>\n\t\t\t<xmin>${r6(b.x)}</xmin>\n\t\t\t<ymin>${r6(b.y)}</ymin>\n` +
						`\t\t\t<xmax>${r6(b.x + b.w)}</xmax>\n\t\t\t<ymax>${r6(b.y + b.h)}</ymax>\n\t\t</bndbox>\n\t</object>\n`
				];
			})
		);
		out[`Annotations/${stemOf(fname)}.xml`] =
			`<annotation>\n\t<folder>images</folder>\n\t<filename>${xmlEscape(fname)}</filename>\n` +
			(size
				? `\t<size>\n\t\t<width>${size.width}</width>\n\t\t<height>${size.height}</height>\n\t\t<depth>3</depth>\n\t</size>\n`
				: '') +
			`\t<segmented>0</segmented>\n${objects.join('')}</annotation>\n`;
	}
	return zipOf(out);
}
