/**
 * Label schema edits. Every function returns a new schema and leaves its input untouched.
 * Labels keep their id for life, so renaming, recolouring or reordering a label keeps every
 * annotation that points to it.
 */
import { SchemaError } from './errors';
import type {
	ClassificationTask,
	Label,
	LabelId,
	LabeledTask,
	LabelSchema,
	Task,
	TaskId,
	TaskKind
} from './types';

/** Keys the labeling view uses for itself, whatever the task: what each does. */
export const PAGE_KEYS: Readonly<Record<string, string>> = {
	g: 'guidelines',
	s: 'skip',
	u: 'undo',
	z: 'undo with Ctrl'
};

/** Keys the labeling view uses for itself (guidelines, skip, undo, redo). */
export const RESERVED_KEYS = new Set(Object.keys(PAGE_KEYS));

/**
 * Letter keys each kind's tool uses for itself, and what for. A label hotkey on one of them would
 * never reach the label (the tool takes the key first), so hotkeys skip them.
 */
export const TOOL_KEYS: Readonly<Record<TaskKind, Readonly<Record<string, string>>>> = {
	classification: {},
	spans: { r: 'start a relation' },
	relations: { r: 'start a relation' },
	boxes: { n: 'new box', e: 'draw or edit mode', v: 'point visibility' },
	polygons: { n: 'new point', e: 'draw or edit mode', v: 'point visibility' },
	keypoints: { n: 'new point', e: 'draw or edit mode', v: 'point visibility' },
	masks: { b: 'brush', e: 'eraser', f: 'fill', n: 'new object' },
	transcription: {},
	'audio-segments': { m: 'mark a segment' },
	'video-segments': { m: 'mark a segment' },
	'video-tracks': { n: 'new track', o: 'outside', k: 'delete keyframe' },
	'series-segments': { m: 'mark a range', n: 'mark an instant', c: 'channel' },
	cuboids: { n: 'new cuboid', f: 'fit to points', q: 'turn left', e: 'turn right' }
};

/** Every key a task of `kind` cannot give a label: the view's and its tool's, with their use. */
export function hotkeysReserved(kind: TaskKind): ReadonlyMap<string, string> {
	return new Map([...Object.entries(PAGE_KEYS), ...Object.entries(TOOL_KEYS[kind])]);
}

/** Hotkeys in the order they are handed out: 1–9, then a–z minus keys the app reserves. */
export const HOTKEY_ORDER: readonly string[] = [
	...'123456789',
	...'abcdefghijklmnopqrstuvwxyz'.replace(/[gsuz]/g, '')
];

export const PALETTE: readonly string[] = [
	'#2563eb',
	'#dc2626',
	'#16a34a',
	'#d97706',
	'#9333ea',
	'#0891b2',
	'#db2777',
	'#4d7c0f',
	'#7c3aed',
	'#b45309'
];

/**
 * The first hotkey that no label uses yet and the task's tool does not reserve (see
 * `hotkeysReserved`), or '' when all are taken.
 */
export function hotkeyNext(labels: readonly Label[], kind: TaskKind = 'classification'): string {
	const used = new Set(labels.map((l) => l.hotkey));
	const reserved = hotkeysReserved(kind);
	return HOTKEY_ORDER.find((k) => !used.has(k) && !reserved.has(k)) ?? '';
}

/**
 * Why `key` cannot be the hotkey of label `id` in `task` (not a digit or letter, used by the view
 * or the task's tool, or by another label), or undefined when it can. '' (no hotkey) is fine.
 */
export function hotkeyProblem(
	task: LabeledTask,
	id: LabelId | undefined,
	key: string
): string | undefined {
	const k = key.toLowerCase();
	if (!k) return undefined;
	if (!/^[0-9a-z]$/.test(k))
		return `Hotkey “${key}” is not available: use a digit 1–9 or a letter.`;
	if (k === '0') return 'Hotkey 0 is not available: it fits the view. Use 1–9 or a letter.';
	const reserved = hotkeysReserved(task.type);
	const use = reserved.get(k);
	if (use) {
		const free = [...reserved.keys()].sort().join(', ');
		return `Hotkey ${k} is taken by the ${PAGE_KEYS[k] ? 'labeling view' : `${task.type} tool`} (${use}). Use 1–9 or a letter other than ${free}.`;
	}
	const other = task.labels.find((l) => l.id !== id && l.hotkey === k);
	if (other) return `Hotkey ${k} is already used by “${other.name}”.`;
	return undefined;
}

export function classificationTaskNew(opts: {
	id: TaskId;
	name: string;
	multi?: boolean;
	labels?: { id: LabelId; name: string }[];
}): ClassificationTask {
	let task: ClassificationTask = {
		type: 'classification',
		id: opts.id,
		name: opts.name,
		multi: opts.multi ?? false,
		labels: []
	};
	for (const l of opts.labels ?? []) task = labelAdd(task, l);
	return task;
}

function checkName(task: LabeledTask, name: string, except?: LabelId): string {
	const trimmed = name.trim();
	if (!trimmed) throw new SchemaError('A label needs a name.');
	if (task.labels.some((l) => l.id !== except && l.name.toLowerCase() === trimmed.toLowerCase()))
		throw new SchemaError(`There is already a label called “${trimmed}”.`);
	return trimmed;
}

export function labelAdd<T extends LabeledTask>(
	task: T,
	label: { id: LabelId; name: string; color?: string; hotkey?: string }
): T {
	if (task.labels.some((l) => l.id === label.id))
		throw new SchemaError(`Label id ${label.id} is already used.`);
	const name = checkName(task, label.name);
	const hotkey = label.hotkey ?? hotkeyNext(task.labels, task.type);
	const problem = hotkeyProblem(task, label.id, hotkey);
	if (problem) throw new SchemaError(problem);
	const color = label.color ?? PALETTE[task.labels.length % PALETTE.length] ?? '#2563eb';
	return { ...task, labels: [...task.labels, { id: label.id, name, color, hotkey }] };
}

function labelIndex(task: LabeledTask, id: LabelId): number {
	const i = task.labels.findIndex((l) => l.id === id);
	if (i < 0) throw new SchemaError(`Unknown label ${id}.`);
	return i;
}

export function labelUpdate<T extends LabeledTask>(
	task: T,
	id: LabelId,
	patch: Partial<Pick<Label, 'name' | 'color' | 'hotkey'>>
): T {
	const i = labelIndex(task, id);
	const old = task.labels[i] as Label;
	const next: Label = { ...old };
	if (patch.name !== undefined) next.name = checkName(task, patch.name, id);
	if (patch.color !== undefined) {
		if (!/^#[0-9a-f]{6}$/i.test(patch.color)) throw new SchemaError('Colours look like #1a2b3c.');
		next.color = patch.color;
	}
	if (patch.hotkey !== undefined) {
		const problem = hotkeyProblem(task, id, patch.hotkey);
		if (problem) throw new SchemaError(problem);
		next.hotkey = patch.hotkey.toLowerCase();
	}
	const labels = task.labels.slice();
	labels[i] = next;
	return { ...task, labels };
}

/** Moves a label to position `to` (clamped). Ids and hotkeys stay as they are. */
export function labelMove<T extends LabeledTask>(task: T, id: LabelId, to: number): T {
	const from = labelIndex(task, id);
	const labels = task.labels.slice();
	const [moved] = labels.splice(from, 1);
	labels.splice(Math.max(0, Math.min(to, labels.length)), 0, moved as Label);
	return { ...task, labels };
}

/** Removes a label from the schema. Existing annotations keep the id; views show it as removed. */
export function labelRemove<T extends LabeledTask>(task: T, id: LabelId): T {
	labelIndex(task, id);
	return { ...task, labels: task.labels.filter((l) => l.id !== id) };
}

export function taskReplace(schema: LabelSchema, task: Task): LabelSchema {
	return { ...schema, tasks: schema.tasks.map((t) => (t.id === task.id ? task : t)) };
}

export function taskFind(schema: LabelSchema, id: TaskId): Task | undefined {
	return schema.tasks.find((t) => t.id === id);
}

/** The label bound to `key` in a task, if any. */
export function labelByHotkey(task: LabeledTask, key: string): Label | undefined {
	const k = key.toLowerCase();
	return task.labels.find((l) => l.hotkey === k);
}

/** Toggles a label in a value: single-label tasks replace, multi-label tasks add or remove. */
export function labelsToggle(
	task: ClassificationTask,
	current: readonly LabelId[],
	id: LabelId
): LabelId[] {
	if (!task.multi) return current.length === 1 && current[0] === id ? [] : [id];
	return current.includes(id) ? current.filter((l) => l !== id) : [...current, id];
}
