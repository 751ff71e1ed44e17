/**
 * The keys of a labeling view as a whole: every task of a schema shares one keyboard, so a label
 * hotkey must differ from every other task's labels and from every key the view or any of its
 * tools uses for itself. Also the list the keys hint and the `?` help show.
 */
import { HOTKEY_ORDER, PAGE_KEYS, TOOL_KEYS } from '../schema';
import type { LabelSchema, Task } from '../types';

/** One key of the view and what it does; `task` names the task a label key belongs to. */
export interface ViewKey {
	key: string;
	what: string;
	task?: string;
}

/** Keys the labeling view always has, beyond the single-letter `PAGE_KEYS`. */
export const NAV_KEYS: readonly ViewKey[] = [
	{ key: '→', what: 'next item' },
	{ key: '←', what: 'previous item' },
	{ key: 'Enter', what: 'next item' },
	{ key: 's', what: 'skip to the next unlabeled item' },
	{ key: 'u', what: 'undo' },
	{ key: 'Ctrl+Z', what: 'undo' },
	{ key: 'Ctrl+Shift+Z', what: 'redo' },
	{ key: 'g', what: 'guidelines' },
	{ key: '?', what: 'this list of keys' }
];

/** Every single-letter key the view or one of the schema's tools keeps for itself, with its use. */
export function viewKeysReserved(tasks: readonly Task[]): Map<string, string> {
	const m = new Map<string, string>(Object.entries(PAGE_KEYS));
	for (const t of tasks) for (const [k, what] of Object.entries(TOOL_KEYS[t.type])) m.set(k, what);
	return m;
}

/** Label hotkeys of every task, in order. */
function labelKeys(schema: LabelSchema): ViewKey[] {
	const out: ViewKey[] = [];
	for (const t of schema.tasks)
		if ('labels' in t)
			for (const l of t.labels)
				if (l.hotkey) out.push({ key: l.hotkey, what: l.name, task: t.name });
	return out;
}

/**
 * Keys that do two things in one view: a label hotkey shared by two labels (of any tasks) or
 * taken by the view or a tool. Empty when every key has one meaning.
 */
export function viewKeyCollisions(schema: LabelSchema): { key: string; uses: string[] }[] {
	const uses = new Map<string, string[]>();
	for (const [k, what] of viewKeysReserved(schema.tasks)) uses.set(k, [what]);
	for (const l of labelKeys(schema))
		uses.set(l.key, [...(uses.get(l.key) ?? []), `${l.task}: ${l.what}`]);
	return [...uses].filter(([, u]) => u.length > 1).map(([key, u]) => ({ key, uses: u }));
}

/**
 * Gives every label of every task a hotkey no other label of the schema and no key the view or
 * its tools keep: 1–9, then letters, in task order. Labels past the available keys get none.
 * Returns new tasks; the input is untouched.
 */
export function viewHotkeysAssign(tasks: readonly Task[]): Task[] {
	const reserved = viewKeysReserved(tasks);
	const free = HOTKEY_ORDER.filter((k) => !reserved.has(k));
	let next = 0;
	return tasks.map((t) =>
		'labels' in t
			? { ...t, labels: t.labels.map((l) => ({ ...l, hotkey: free[next++] ?? '' })) }
			: t
	);
}

/** Every key of the view of `schema`: each task's label keys and tool keys, then the view's own. */
export function viewKeys(schema: LabelSchema): ViewKey[] {
	const tools: ViewKey[] = [];
	const seen = new Set<string>();
	for (const t of schema.tasks)
		for (const [key, what] of Object.entries(TOOL_KEYS[t.type]))
			if (!seen.has(key)) {
				seen.add(key);
				tools.push({ key, what, task: t.name });
			}
	return [...labelKeys(schema), ...tools, ...NAV_KEYS];
}
