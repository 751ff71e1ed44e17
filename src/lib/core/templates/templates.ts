/**
 * Project templates offered at creation: each sets up the tasks, their labels and hotkeys for one
 * kind of work. A template is a plain entry of `PROJECT_TEMPLATES`; adding one is adding an entry.
 */
import { viewHotkeysAssign } from '../keys/view-keys';
import { PALETTE } from '../schema';
import { taskNew } from '../tasks';
import type { Label, LabelId, Task, TaskId, TaskKind } from '../types';

export interface ProjectTemplate {
	id: string;
	name: string;
	/** One line: what kind of items and what a person does to them. */
	summary: string;
	/** Labels suggested when the template is picked; the person can change them. */
	labels: readonly string[];
	/** The kind of the task the labels go to; undefined when the template takes no labels. */
	labelled?: TaskKind;
	/** The tasks, before labels: kind and name of each, the labelled one first. */
	tasks: readonly { kind: TaskKind; name: string }[];
}

export const PROJECT_TEMPLATES: readonly ProjectTemplate[] = [
	{
		id: 'text-classification',
		name: 'Text classification',
		summary: 'Texts, one or more categories each.',
		labels: ['question', 'complaint', 'praise', 'other'],
		labelled: 'classification',
		tasks: [{ kind: 'classification', name: 'Label' }]
	},
	{
		id: 'sentiment',
		name: 'Sentiment',
		summary: 'Texts, rated positive, negative or neutral.',
		labels: ['positive', 'negative', 'neutral'],
		labelled: 'classification',
		tasks: [{ kind: 'classification', name: 'Sentiment' }]
	},
	{
		id: 'ner',
		name: 'Named entities (NER)',
		summary: 'Texts, with people, places and organisations marked as spans.',
		labels: ['person', 'organisation', 'place', 'other'],
		labelled: 'spans',
		tasks: [{ kind: 'spans', name: 'Entities' }]
	},
	{
		id: 'image-classification',
		name: 'Image classification',
		summary: 'Images, one or more classes each.',
		labels: ['cat', 'dog', 'other'],
		labelled: 'classification',
		tasks: [{ kind: 'classification', name: 'Class' }]
	},
	{
		id: 'boxes',
		name: 'Bounding boxes',
		summary: 'Images, with a labeled box around each object.',
		labels: ['person', 'vehicle', 'animal'],
		labelled: 'boxes',
		tasks: [{ kind: 'boxes', name: 'Objects' }]
	},
	{
		id: 'audio-transcription',
		name: 'Audio transcription',
		summary: 'Recordings, each written out as text.',
		labels: [],
		tasks: [{ kind: 'transcription', name: 'Transcript' }]
	},
	{
		id: 'video-tracks',
		name: 'Video tracks',
		summary: 'Videos, with each object followed by a box from frame to frame.',
		labels: ['person', 'vehicle'],
		labelled: 'video-tracks',
		tasks: [{ kind: 'video-tracks', name: 'Tracks' }]
	},
	{
		id: 'blank',
		name: 'Blank',
		summary: 'Start with the labels below as one classification; add tasks on the Tasks page.',
		labels: [],
		labelled: 'classification',
		tasks: [{ kind: 'classification', name: 'Label' }]
	}
];

export function templateFind(id: string): ProjectTemplate | undefined {
	return PROJECT_TEMPLATES.find((t) => t.id === id);
}

/**
 * The tasks a template sets up with `labels` (names, trimmed, blanks and repeats dropped) on its
 * labelled task, hotkeys assigned across all tasks without a collision. `multi` applies to a
 * classification. A blank template with no labels has no tasks.
 */
export function templateTasks(
	t: ProjectTemplate,
	labels: readonly string[],
	multi = false
): Task[] {
	const names = [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
	if (t.id === 'blank' && names.length === 0) return [];
	const tasks = t.tasks.map((spec, i) => {
		const id = (i === 0 && spec.kind === 'classification' ? 'class' : `t${i + 1}`) as TaskId;
		const task = taskNew(spec.kind, id, spec.name);
		if (task.type === 'classification') task.multi = multi;
		if (spec.kind !== t.labelled || !('labels' in task)) return task;
		const list: Label[] = names.map((name, j) => ({
			id: `l${j + 1}` as LabelId,
			name,
			color: PALETTE[j % PALETTE.length] ?? '#2563eb',
			hotkey: ''
		}));
		return { ...task, labels: list };
	});
	return viewHotkeysAssign(tasks);
}
