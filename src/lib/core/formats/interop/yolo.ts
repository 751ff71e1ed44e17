/**
 * YOLO labels: `classes.txt` (one class name a line; `obj.names` also read) and one
 * `<image stem>.txt` per image. A detection line is `class cx cy w h [confidence]`; a
 * segmentation line (Ultralytics) is `class x1 y1 x2 y2 … xn yn [confidence]` with 3 or more
 * points. All values are normalized to 0–1 by the image's size, which comes from the items' media
 * metadata (`meta.width`/`meta.height`). The field count tells the two apart: 5 or 6 fields are a
 * box, an odd count of 7 or more a polygon, an even count of 8 or more a polygon with confidence.
 * Boxes tasks become detection lines and closed polygons segmentation lines, in the same file,
 * with one class list for both (by label name). Exports are zips: accepted values under
 * `labels/`, each annotator's under `raw/<annotator>/labels/`; imports read both layouts.
 */
import { FormatError } from '../../errors';
import type {
	Annotation,
	AnnotatorId,
	BoxesValue,
	Item,
	LabelId,
	LabelSchema,
	Point,
	PolygonsValue,
	Task
} from '../../types';
import {
	ACCEPTED,
	AnnotationBag,
	byItem,
	exportSelection,
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
	type InteropResult,
	type Who
} from './common';
import { filesOf, zipOf, type InteropFiles } from './files';

export const YOLO_ANNOTATOR = 'import:yolo' as AnnotatorId;
const CLASS_FILES = /(^|\/)(classes\.txt|obj\.names)$/i;
const NUM = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function importYolo(
	input: Uint8Array | InteropFiles,
	file: string,
	schema?: LabelSchema,
	opts: InteropImportOptions = {}
): InteropResult {
	const files = filesOf(input, file);
	const problems = new Problems(file);
	const classFile = Object.keys(files).find((n) => CLASS_FILES.test(n));
	if (!classFile) throw new FormatError(file, undefined, 'no classes.txt (one class name a line)');
	const classes = textOf(files[classFile] as string | Uint8Array, classFile)
		.split(/\r?\n/)
		.map((l) => l.trim());
	while (classes.length && !classes[classes.length - 1]) classes.pop();
	const sb = new SchemaBuilder(schema, 'yolo');
	const tasks = new YoloTasks(sb, classes);
	const bag = new AnnotationBag(opts.now ?? 0);
	const byStem = new Map<string, Item>();
	for (const it of opts.items ?? [])
		if (it.kind === 'image') byStem.set(stemOf(itemFileName(it)), it);
	const used = new Map<string, Item>();
	for (const [name, data] of Object.entries(files)) {
		if (!name.toLowerCase().endsWith('.txt') || name === classFile) continue;
		const raw = /(?:^|\/)raw\/([^/]+)\/labels\//.exec(name);
		const annotator = raw ? (decodeURIComponent(raw[1] as string) as AnnotatorId) : undefined;
		const item = byStem.get(stemOf(name));
		if (!item) {
			problems.add('file', `no image called ${stemOf(name)}.* in the project`, name);
			continue;
		}
		const size = imageSize(item);
		if (!size) {
			problems.add('file', `the size of image ${itemFileName(item)} is not known`, name);
			continue;
		}
		let text: string;
		try {
			text = textOf(data, name);
		} catch (e) {
			problems.add('file', (e as FormatError).reason, name);
			continue;
		}
		used.set(item.id, item);
		text.split(/\r?\n/).forEach((line, i) => {
			if (!line.trim()) return;
			const where = `line ${i + 1}`;
			const parts = line.trim().split(/\s+/);
			if (parts.length < 5 || !parts.every((p) => NUM.test(p)))
				return problems.add(
					where,
					'expected "class cx cy w h [confidence]" or "class x1 y1 x2 y2 x3 y3 … [confidence]"',
					name
				);
			const nums = parts.map(Number);
			const cls = nums[0] as number;
			if (!Number.isInteger(cls) || cls < 0 || cls >= classes.length)
				return problems.add(where, `unknown class ${parts[0]}`, name);
			const seg = parts.length >= 7;
			const { task, labels } = tasks.get(seg ? 'polygons' : 'boxes');
			const label = labels[cls];
			if (!label) return problems.add(where, `class "${classes[cls]}" is not in the schema`, name);
			const hasConf = seg ? parts.length % 2 === 0 : parts.length === 6;
			const coords = nums.slice(1, hasConf ? -1 : undefined);
			const conf = hasConf ? nums[nums.length - 1] : undefined;
			if (coords.some((v) => v < 0 || v > 1))
				return problems.add(
					where,
					'values must be between 0 and 1 (normalized by the image size)',
					name
				);
			const who: Who = {
				annotator: annotator ?? (conf !== undefined ? ACCEPTED : YOLO_ANNOTATOR),
				source: 'human'
			};
			const ann = bag.get(item.id, task.id, who, () =>
				seg ? { type: 'polygons', shapes: [] } : { type: 'boxes', boxes: [] }
			);
			if (conf !== undefined && (annotator === undefined || annotator === ACCEPTED))
				ann.confidence = conf;
			if (seg) {
				const shapes = (ann.value as PolygonsValue).shapes;
				shapes.push(yoloShape(coords, size, label, `y${shapes.length}`));
				return;
			}
			const box = yoloBox(coords as [number, number, number, number], size);
			if (box.clipped) problems.add(where, 'the box goes outside the image: clipped to it', name);
			const boxes = (ann.value as BoxesValue).boxes;
			boxes.push({ id: `y${boxes.length}`, label, ...box.rect });
		});
	}
	tasks.finish();
	return resultOf([...used.values()], bag, sb, problems);
}

/**
 * The tasks of a YOLO import, each made when its first line comes, with every class as a label:
 * a boxes task for detection lines, a polygons task for segmentation lines. A file without lines
 * still gets the boxes task, so its classes reach the schema.
 */
class YoloTasks {
	private readonly made = new Map<
		'boxes' | 'polygons',
		{ task: Task; labels: (LabelId | undefined)[] }
	>();
	constructor(
		private readonly sb: SchemaBuilder,
		private readonly classes: string[]
	) {}
	get(kind: 'boxes' | 'polygons'): { task: Task; labels: (LabelId | undefined)[] } {
		let t = this.made.get(kind);
		if (!t) {
			const task = this.sb.task(kind);
			t = { task, labels: this.classes.map((c) => (c ? this.sb.label(task.id, c) : undefined)) };
			this.made.set(kind, t);
		}
		return t;
	}
	finish(): void {
		if (this.made.size === 0) this.get('boxes');
	}
}

/** A box from normalized `cx cy w h`, clipped to the image. */
function yoloBox(
	[cx, cy, w, h]: [number, number, number, number],
	size: { width: number; height: number }
): { rect: { x: number; y: number; w: number; h: number }; clipped: boolean } {
	let x0 = (cx - w / 2) * size.width;
	let y0 = (cy - h / 2) * size.height;
	let x1 = x0 + w * size.width;
	let y1 = y0 + h * size.height;
	const clipped = x0 < -1e-6 || y0 < -1e-6 || x1 > size.width + 1e-6 || y1 > size.height + 1e-6;
	x0 = Math.max(0, x0);
	y0 = Math.max(0, y0);
	x1 = Math.min(size.width, x1);
	y1 = Math.min(size.height, y1);
	return { rect: { x: r6(x0), y: r6(y0), w: r6(x1 - x0), h: r6(y1 - y0) }, clipped };
}

/** A closed polygon from normalized `x1 y1 x2 y2 …`, in pixels. */
function yoloShape(
	coords: number[],
	size: { width: number; height: number },
	label: LabelId,
	id: string
): PolygonsValue['shapes'][number] {
	const points: Point[] = [];
	for (let i = 0; i + 1 < coords.length; i += 2)
		points.push([
			r6((coords[i] as number) * size.width),
			r6((coords[i + 1] as number) * size.height)
		]);
	return { id, label, points, closed: true };
}

export interface YoloExport {
	zip: Uint8Array;
	/** Images whose labels could not be written (no known size), or were written in part. */
	skipped: { item: string; reason: string }[];
}

const f6 = (x: number) => String(Math.round(x * 1e6) / 1e6);
const unit = (x: number) => Math.min(1, Math.max(0, x));

/**
 * A zip with `classes.txt` and the label files of image items with boxes or polygons and a known
 * size: a detection line per box, a segmentation line per closed polygon. Open polylines are not
 * written (YOLO has no lines) and are listed in `skipped`.
 */
export function exportYolo(
	items: readonly Item[],
	annotations: readonly Annotation[],
	schema: LabelSchema,
	opts: InteropExportOptions
): YoloExport {
	const classes: string[] = [];
	const index = new Map<string, number>();
	for (const t of schema.tasks)
		if (t.type === 'boxes' || t.type === 'polygons')
			for (const l of t.labels) {
				const k = l.name.toLowerCase();
				if (!index.has(k)) index.set(k, classes.push(l.name) - 1);
				index.set(`${t.id}\n${l.id}`, index.get(k) as number);
			}
	const out: Record<string, string> = { 'classes.txt': classes.join('\n') + '\n' };
	const skipped: YoloExport['skipped'] = [];
	const chosen = byItem(exportSelection(annotations, opts));
	for (const item of items) {
		const anns = (chosen.get(item.id) ?? []).filter(
			(a) => a.value.type === 'boxes' || a.value.type === 'polygons'
		);
		if (item.kind !== 'image' || anns.length === 0) continue;
		const size = imageSize(item);
		if (!size) {
			skipped.push({ item: itemFileName(item), reason: 'the image size is not known' });
			continue;
		}
		const stem = stemOf(itemFileName(item));
		let open = 0;
		for (const a of anns) {
			const dir =
				a.annotator === ACCEPTED ? 'labels' : `raw/${encodeURIComponent(a.annotator)}/labels`;
			const path = `${dir}/${stem}.txt`;
			const conf = a.annotator === ACCEPTED && a.confidence !== undefined ? [f6(a.confidence)] : [];
			const classOf = (label: LabelId) => index.get(`${a.task}\n${label}`);
			const lines: string[] = [];
			if (a.value.type === 'boxes')
				for (const b of a.value.boxes) {
					const c = classOf(b.label);
					if (c === undefined) continue;
					const cx = (b.x + b.w / 2) / size.width;
					const cy = (b.y + b.h / 2) / size.height;
					const cells = [cx, cy, b.w / size.width, b.h / size.height].map(f6);
					lines.push([c, ...cells, ...conf].join(' '));
				}
			else if (a.value.type === 'polygons')
				for (const sh of a.value.shapes) {
					const c = classOf(sh.label);
					if (c === undefined) continue;
					if (!sh.closed || sh.points.length < 3) {
						open++;
						continue;
					}
					const cells = sh.points.flatMap(([x, y]) => [
						f6(unit(x / size.width)),
						f6(unit(y / size.height))
					]);
					lines.push([c, ...cells, ...conf].join(' '));
				}
			out[path] = (out[path] ?? '') + lines.map((l) => l + '\n').join('');
		}
		if (open)
			skipped.push({
				item: itemFileName(item),
				reason: `${open} open ${open === 1 ? 'polyline' : 'polylines'} not written (YOLO holds closed polygons)`
			});
	}
	return { zip: zipOf(out), skipped };
}
