/** The export formats a project offers, and their names as the Export page lists them. */
import { formatsFor } from '$lib/core/formats/interop/export-any';
import type { InteropKind } from '$lib/core/formats/interop/detect';
import type { LabelSchema } from '$lib/core/types';

export type ExportFormat = 'jsonl' | 'csv';
export type AnyFormat = ExportFormat | InteropKind;

export const FORMAT_LABELS: Record<AnyFormat, string> = {
	jsonl: 'JSONL — one JSON object per item, every annotator’s labels',
	csv: 'CSV — one row per item and annotator',
	coco: 'COCO JSON — boxes, polygons and keypoints',
	yolo: 'YOLO — classes.txt and one label file per image (zip)',
	voc: 'Pascal VOC — one XML per image (zip)',
	conll: 'CoNLL IOB2 — one token a line',
	spacy: 'spaCy JSONL — text with character spans',
	'label-studio': 'Label Studio JSON — tasks with annotations and predictions'
};

/** The formats that fit the project's tasks: JSONL and CSV always, then the interop ones. */
export function exportFormats(schema: LabelSchema): AnyFormat[] {
	return ['jsonl', 'csv', ...formatsFor(schema)];
}

/** The export's file name: the project's name, made safe, and the day. */
export function exportFileName(project: string, now: number, suffix: string): string {
	const safe = project.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'project';
	return `${safe}-${new Date(now).toISOString().slice(0, 10)}${suffix}`;
}
