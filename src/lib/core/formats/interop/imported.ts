/**
 * Annotations that came in with an import (COCO, YOLO, VOC, CoNLL, spaCy, Label Studio), by
 * their annotator ids: `import:<format>`, Label Studio's `ls:<user>`, imported predictions
 * `model:<version>`, and the `accepted` values of an export. Names for people and a short summary
 * of a value for the Label page's "Imported" layer. Pure.
 */
import type { AnnotationValue, AnnotatorId, Task } from '../../types';
import { ACCEPTED } from './common';

const FORMATS: Record<string, string> = {
	coco: 'COCO',
	yolo: 'YOLO',
	voc: 'Pascal VOC',
	conll: 'CoNLL',
	spacy: 'spaCy',
	'label-studio': 'Label Studio'
};

/** Whether an annotator id is one an import gives (never a member's id). */
export function isImportedAnnotator(id: AnnotatorId | string): boolean {
	return id === ACCEPTED || /^(import|ls|model):/.test(id);
}

/** A name for an imported annotator id: "Imported (COCO)", "Label Studio user 7", … */
export function importedName(id: AnnotatorId | string): string {
	if (id === ACCEPTED) return 'Imported (accepted labels)';
	const [, kind, rest] = /^(import|ls|model):(.*)$/.exec(id) ?? [];
	if (kind === 'import') return `Imported (${FORMATS[rest ?? ''] ?? rest})`;
	if (kind === 'ls') return `Label Studio user ${rest}`;
	if (kind === 'model') return `Imported prediction (${rest})`;
	return id;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 boxes: car, person", "Positive", "3 spans: PER, LOC, PER" — names from the task. */
export function valueSummary(value: AnnotationValue, task: Task | undefined): string {
	const name = (id: string) =>
		(task && 'labels' in task ? task.labels.find((l) => l.id === id)?.name : undefined) ?? '?';
	const list = (ids: string[]) => {
		const shown = ids.slice(0, 6).map(name).join(', ');
		return ids.length > 6 ? `${shown}, …` : shown;
	};
	switch (value.type) {
		case 'classification':
			return list(value.labels) || 'no label';
		case 'boxes':
			return `${plural(value.boxes.length, 'box', 'boxes')}: ${list(value.boxes.map((b) => b.label))}`;
		case 'polygons':
			return `${plural(value.shapes.length, 'polygon')}: ${list(value.shapes.map((s) => s.label))}`;
		case 'keypoints':
			return `${plural(value.instances.length, 'instance')}: ${list(value.instances.map((s) => s.label))}`;
		case 'spans':
			return `${plural(value.spans.length, 'span')}: ${list(value.spans.map((s) => s.label))}`;
		default:
			return value.type;
	}
}
