/**
 * One entry point for the interop exports: which formats fit a project's tasks, and the file of
 * each (COCO, YOLO, Pascal VOC, CoNLL, spaCy, Label Studio), optionally zipped with the media of
 * the image items (COCO/YOLO/VOC: `images/<file name>`). Pure.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Annotation, Item, LabelSchema, TaskKind } from '../../types';
import { exportCoco } from './coco';
import { itemFileName, type InteropExportOptions } from './common';
import { exportConll, exportSpacy } from './conll';
import { INTEROP_NAMES, type InteropKind } from './detect';
import { exportLabelStudio } from './label-studio';
import { exportVoc } from './voc';
import { exportYolo } from './yolo';

/** Task kinds each format writes. */
export const FORMAT_TASKS: Record<InteropKind, readonly TaskKind[]> = {
	coco: ['boxes', 'polygons', 'keypoints', 'masks'],
	yolo: ['boxes', 'polygons'],
	voc: ['boxes', 'polygons'],
	conll: ['spans'],
	spacy: ['spans'],
	'label-studio': ['classification', 'spans', 'boxes', 'polygons', 'keypoints']
};

/**
 * What an export in `format` does not keep of the schema's tasks, in words for the export page
 * (empty when it keeps everything): tasks of kinds the format has no place for, Pascal VOC's
 * polygons written as bounding boxes, YOLO's open polylines left out.
 */
export function formatNotes(format: InteropKind, schema: LabelSchema): string[] {
	const notes: string[] = [];
	const name = INTEROP_NAMES[format];
	const polys = schema.tasks.filter((t) => t.type === 'polygons');
	if (format === 'voc' && polys.length)
		notes.push(
			`${name} has no polygons: the polygons of ${listOf(polys.map((t) => t.name))} are written as their bounding boxes, and come back as boxes.`
		);
	if (format === 'yolo' && polys.some((t) => t.type === 'polygons' && t.shape === 'polyline'))
		notes.push(`${name} holds closed polygons only: open polylines are not written.`);
	const left = schema.tasks.filter((t) => !FORMAT_TASKS[format].includes(t.type));
	if (left.length)
		notes.push(
			`Not written (${name} has no place for them): ${listOf(left.map((t) => `${t.name} (${t.type})`))}.`
		);
	return notes;
}

const listOf = (xs: string[]) =>
	xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** Formats that carry image media (and can be zipped with it). */
export const MEDIA_FORMATS: readonly InteropKind[] = ['coco', 'yolo', 'voc'];

/** The interop formats whose task kinds the schema has. */
export function formatsFor(schema: LabelSchema): InteropKind[] {
	const kinds = new Set(schema.tasks.map((t) => t.type));
	return (Object.keys(FORMAT_TASKS) as InteropKind[]).filter((f) =>
		FORMAT_TASKS[f].some((k) => kinds.has(k))
	);
}

export interface InteropExportFile {
	/** File name suffix: `.coco.json`, `.yolo.zip`, … */
	suffix: string;
	mime: string;
	bytes: Uint8Array;
	/** Items whose labels could not be written, and why. */
	skipped: { item: string; reason: string }[];
}

const enc = new TextEncoder();

/**
 * The export of `format`; with `media` (file name → bytes of image items), COCO, YOLO and VOC
 * come as one zip with the images under `images/`.
 */
export function interopExport(
	format: InteropKind,
	items: readonly Item[],
	annotations: readonly Annotation[],
	schema: LabelSchema,
	opts: InteropExportOptions,
	media?: ReadonlyMap<string, Uint8Array>
): InteropExportFile {
	let files: Zippable;
	let skipped: InteropExportFile['skipped'] = [];
	switch (format) {
		case 'label-studio':
			return text(
				'.label-studio.json',
				'application/json',
				exportLabelStudio(items, annotations, schema, opts)
			);
		case 'conll':
			return text('.conll', 'text/plain', exportConll(items, annotations, schema, opts));
		case 'spacy':
			return text(
				'.spacy.jsonl',
				'application/x-ndjson',
				exportSpacy(items, annotations, schema, opts)
			);
		case 'coco': {
			const json = exportCoco(items, annotations, schema, opts);
			if (!media) return text('.coco.json', 'application/json', json);
			files = { 'annotations.json': enc.encode(json) };
			break;
		}
		case 'yolo': {
			const y = exportYolo(items, annotations, schema, opts);
			skipped = y.skipped;
			files = unzipSync(y.zip);
			break;
		}
		case 'voc':
			files = unzipSync(exportVoc(items, annotations, schema, opts));
			break;
	}
	if (media)
		for (const it of items) {
			const name = itemFileName(it);
			const bytes = media.get(name);
			if (bytes) files[`images/${name}`] = [bytes, { level: 0 }];
			else if (it.kind === 'image')
				skipped.push({ item: name, reason: 'its media are not on this device' });
		}
	return {
		suffix: `.${format}.zip`,
		mime: 'application/zip',
		bytes: zipSync(files, { level: 6 }),
		skipped
	};
}

function text(suffix: string, mime: string, s: string): InteropExportFile {
	return { suffix, mime, bytes: enc.encode(s), skipped: [] };
}
