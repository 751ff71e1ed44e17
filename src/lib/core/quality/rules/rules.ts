/**
 * Rule checks that need no model (docs/ARCHITECTURE.md#label-quality): each finding names the rule,
 * the item, the annotator and the task, so a reviewer can jump straight to the answer.
 */
import { boxIou } from '../agreement/boxes';
import type { Annotation, ItemInfo, TaskSpec } from './types';

export type RuleId =
	| 'label-outside-schema'
	| 'unknown-task'
	| 'missing-required-task'
	| 'box-overlap'
	| 'box-outside-image'
	| 'box-zero-area'
	| 'span-overlap'
	| 'empty-transcription'
	| 'too-fast';

export interface Finding {
	rule: RuleId;
	item: string;
	annotator: string;
	task: string;
	message: string;
}

export interface RuleOptions {
	/** Boxes of one annotation overlapping above this IoU are flagged. Default 0.8. */
	boxOverlapIou?: number;
	/** Answers faster than this many milliseconds are flagged. Default 1000. */
	minMs?: number;
}

function labelsOf(a: Annotation): string[] {
	const v = a.value;
	switch (v.type) {
		case 'class':
			return [v.label];
		case 'classes':
			return v.labels;
		case 'boxes':
			return v.boxes.map((b) => b.label);
		case 'spans':
			return v.spans.map((s) => s[2]);
		case 'transcription':
			return [];
	}
}

/** Findings about one annotation on its own. */
function checkAnnotation(
	a: Annotation,
	task: TaskSpec,
	info: ItemInfo | undefined,
	o: Required<RuleOptions>
): Finding[] {
	const out: Finding[] = [];
	const add = (rule: RuleId, message: string) =>
		out.push({ rule, item: a.item, annotator: a.annotator, task: a.task, message });
	for (const label of labelsOf(a)) {
		if (!task.labels.includes(label))
			add('label-outside-schema', `label "${label}" is not in task "${task.id}"`);
	}
	if (a.ms < o.minMs) add('too-fast', `answered in ${a.ms} ms (< ${o.minMs} ms)`);
	const v = a.value;
	if (v.type === 'transcription' && v.text.trim() === '')
		add('empty-transcription', 'empty transcription');
	if (v.type === 'boxes') {
		v.boxes.forEach((b, i) => {
			if (!(b.w > 0 && b.h > 0)) add('box-zero-area', `box ${i} has zero area (${b.w}×${b.h})`);
			if (info?.width !== undefined && info.height !== undefined) {
				if (b.x < 0 || b.y < 0 || b.x + b.w > info.width || b.y + b.h > info.height) {
					add('box-outside-image', `box ${i} leaves the ${info.width}×${info.height} image`);
				}
			}
			for (let j = i + 1; j < v.boxes.length; j++) {
				const iou = boxIou(b, v.boxes[j] as typeof b);
				if (iou > o.boxOverlapIou)
					add('box-overlap', `boxes ${i} and ${j} overlap (IoU ${iou.toFixed(2)})`);
			}
		});
	}
	if (v.type === 'spans' && !task.allowOverlap) {
		const sorted = v.spans
			.map((s, i) => ({ s, i }))
			.sort((p, q) => p.s[0] - q.s[0] || p.s[1] - q.s[1]);
		for (let j = 1; j < sorted.length; j++) {
			const prev = sorted[j - 1] as (typeof sorted)[number];
			const cur = sorted[j] as (typeof sorted)[number];
			if (cur.s[0] < prev.s[1]) add('span-overlap', `spans ${prev.i} and ${cur.i} overlap`);
		}
	}
	return out;
}

/**
 * Runs every rule over a project's annotations.
 * @param tasks the schema: allowed labels, required tasks, span overlap policy
 * @param items image sizes for the box-outside-image rule (items without size are skipped)
 */
export function rulesCheck(
	annotations: readonly Annotation[],
	tasks: readonly TaskSpec[],
	items: readonly ItemInfo[] = [],
	options: RuleOptions = {}
): Finding[] {
	const o = { boxOverlapIou: options.boxOverlapIou ?? 0.8, minMs: options.minMs ?? 1000 };
	const taskById = new Map(tasks.map((t) => [t.id, t]));
	const itemById = new Map(items.map((i) => [i.id, i]));
	const findings: Finding[] = [];
	const done = new Map<string, Set<string>>();
	for (const a of annotations) {
		const key = JSON.stringify([a.item, a.annotator]);
		if (!done.has(key)) done.set(key, new Set());
		done.get(key)?.add(a.task);
		const task = taskById.get(a.task);
		if (!task) {
			findings.push({
				rule: 'unknown-task',
				item: a.item,
				annotator: a.annotator,
				task: a.task,
				message: `task "${a.task}" is not in the schema`
			});
			continue;
		}
		findings.push(...checkAnnotation(a, task, itemById.get(a.item), o));
	}
	for (const [key, answered] of done) {
		const [item, annotator] = JSON.parse(key) as [string, string];
		for (const t of tasks) {
			if (t.required && !answered.has(t.id)) {
				findings.push({
					rule: 'missing-required-task',
					item,
					annotator,
					task: t.id,
					message: `required task "${t.id}" not answered`
				});
			}
		}
	}
	return findings;
}
