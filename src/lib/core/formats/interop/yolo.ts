/**
 * YOLO detection labels: `classes.txt` (one class name a line; `obj.names` also read) and one
 * `<image stem>.txt` per image with lines `class cx cy w h [confidence]`, all normalized to 0–1 by
 * the image's size, which comes from the items' media metadata (`meta.width`/`meta.height`).
 * Exports are zips: accepted values under `labels/`, each annotator's under
 * `raw/<annotator>/labels/`; imports read both layouts.
 */
import { FormatError } from '../../errors';
import type { Annotation, AnnotatorId, BoxesValue, Item, LabelSchema } from '../../types';
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
	const task = sb.task('boxes');
	const labels = classes.map((c) => (c ? sb.label(task.id, c) : undefined));
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
			if ((parts.length !== 5 && parts.length !== 6) || !parts.every((p) => NUM.test(p)))
				return problems.add(where, 'expected "class cx cy w h [confidence]"', name);
			const [c, cx, cy, w, h, conf] = parts.map(Number) as number[];
			const cls = c as number;
			if (!Number.isInteger(cls) || cls < 0 || cls >= classes.length)
				return problems.add(where, `unknown class ${parts[0]}`, name);
			const label = labels[cls];
			if (!label) return problems.add(where, `class "${classes[cls]}" is not in the schema`, name);
			if ([cx, cy, w, h].some((v) => (v as number) < 0 || (v as number) > 1))
				return problems.add(
					where,
					'values must be between 0 and 1 (normalized by the image size)',
					name
				);
			let x0 = ((cx as number) - (w as number) / 2) * size.width;
			let y0 = ((cy as number) - (h as number) / 2) * size.height;
			let x1 = x0 + (w as number) * size.width;
			let y1 = y0 + (h as number) * size.height;
			if (x0 < -1e-6 || y0 < -1e-6 || x1 > size.width + 1e-6 || y1 > size.height + 1e-6)
				problems.add(where, 'the box goes outside the image: clipped to it', name);
			x0 = Math.max(0, x0);
			y0 = Math.max(0, y0);
			x1 = Math.min(size.width, x1);
			y1 = Math.min(size.height, y1);
			const who: Who = {
				annotator: annotator ?? (conf !== undefined ? ACCEPTED : YOLO_ANNOTATOR),
				source: 'human'
			};
			const ann = bag.get(item.id, task.id, who, () => ({ type: 'boxes', boxes: [] }));
			if (conf !== undefined && (annotator === undefined || annotator === ACCEPTED))
				ann.confidence = conf;
			(ann.value as BoxesValue).boxes.push({
				id: `y${(ann.value as BoxesValue).boxes.length}`,
				label,
				x: r6(x0),
				y: r6(y0),
				w: r6(x1 - x0),
				h: r6(y1 - y0)
			});
		});
	}
	return resultOf([...used.values()], bag, sb, problems);
}

export interface YoloExport {
	zip: Uint8Array;
	/** Images whose labels could not be written (no known size). */
	skipped: { item: string; reason: string }[];
}

const f6 = (x: number) => String(Math.round(x * 1e6) / 1e6);

/** A zip with `classes.txt` and the label files of image items with boxes and a known size. */
export function exportYolo(
	items: readonly Item[],
	annotations: readonly Annotation[],
	schema: LabelSchema,
	opts: InteropExportOptions
): YoloExport {
	const classes: string[] = [];
	const index = new Map<string, number>();
	for (const t of schema.tasks)
		if (t.type === 'boxes')
			for (const l of t.labels) {
				const k = l.name.toLowerCase();
				if (!index.has(k)) index.set(k, classes.push(l.name) - 1);
				index.set(`${t.id}\n${l.id}`, index.get(k) as number);
			}
	const out: Record<string, string> = { 'classes.txt': classes.join('\n') + '\n' };
	const skipped: YoloExport['skipped'] = [];
	const chosen = byItem(exportSelection(annotations, opts));
	for (const item of items) {
		const anns = (chosen.get(item.id) ?? []).filter((a) => a.value.type === 'boxes');
		if (item.kind !== 'image' || anns.length === 0) continue;
		const size = imageSize(item);
		if (!size) {
			skipped.push({ item: itemFileName(item), reason: 'the image size is not known' });
			continue;
		}
		const stem = stemOf(itemFileName(item));
		for (const a of anns) {
			const dir =
				a.annotator === ACCEPTED ? 'labels' : `raw/${encodeURIComponent(a.annotator)}/labels`;
			const path = `${dir}/${stem}.txt`;
			const lines = (a.value as BoxesValue).boxes.flatMap((b) => {
				const c = index.get(`${a.task}\n${b.label}`);
				if (c === undefined) return [];
				const cells = [
					c,
					f6((b.x + b.w / 2) / size.width),
					f6((b.y + b.h / 2) / size.height),
					f6(b.w / size.width),
					f6(b.h / size.height)
				];
				if (a.annotator === ACCEPTED && a.confidence !== undefined) cells.push(f6(a.confidence));
				return [cells.join(' ')];
			});
			out[path] = (out[path] ?? '') + lines.map((l) => l + '\n').join('');
		}
	}
	return { zip: zipOf(out), skipped };
}
