import { hotkeyNext, PALETTE } from '../../../schema';
import { sha256HexSync } from '../../../sha256';
import { taskNew } from '../../../tasks';
import type {
	KeypointsTask,
	LabelId,
	LabeledTask,
	LabelSchema,
	Task,
	TaskId,
	TaskKind
} from '../../../types';
import type { UnmappedLabel } from './result';

const labelIdOf = (task: TaskId, name: string): LabelId =>
	`l${sha256HexSync(`${task}\n${name}`).slice(0, 15)}` as LabelId;

/**
 * Tasks and labels of an import. Tasks the given schema has (same kind, and same name when one is
 * asked for) are reused, and the file's labels are mapped onto theirs by name, case-insensitively;
 * labels they lack are counted as unmapped. Tasks it lacks are created, with the file's labels.
 */
export class SchemaBuilder {
	private tasks: Task[];
	private readonly given: Set<TaskId>;
	private readonly missing = new Map<string, UnmappedLabel>();
	constructor(
		schema: LabelSchema | undefined,
		private readonly prefix: string
	) {
		this.tasks = [...(schema?.tasks ?? [])];
		this.given = new Set(this.tasks.map((t) => t.id));
	}

	/** The task of `kind` (named `name`, if given), created when the schema has none. */
	task(kind: TaskKind, name?: string): Task {
		const found = this.tasks.find(
			(t) => t.type === kind && (name === undefined || t.name.toLowerCase() === name.toLowerCase())
		);
		if (found) return found;
		const base = name ?? kind;
		let id = `${this.prefix}-${base}`.replace(/[^\w.-]+/g, '_') as TaskId;
		for (let i = 2; this.tasks.some((t) => t.id === id); i++) id = `${id}-${i}` as TaskId;
		const t = taskNew(kind, id, name ?? `${kind[0]?.toUpperCase()}${kind.slice(1)}`);
		this.tasks.push(t);
		return t;
	}

	isGiven(task: TaskId): boolean {
		return this.given.has(task);
	}

	private replace(t: Task): void {
		this.tasks = this.tasks.map((x) => (x.id === t.id ? t : x));
	}

	/** Updates a created task (e.g. keypoint names); given tasks stay as they are. */
	update(t: Task): void {
		if (!this.given.has(t.id)) this.replace(t);
	}

	/** The label id of `name` in task `taskId`, or undefined when a given task has no such label. */
	label(taskId: TaskId, name: string): LabelId | undefined {
		const key = `${taskId}\n${name}`;
		const known = this.known.get(key);
		if (known) return known;
		const id = this.labelFind(taskId, name);
		if (id) this.known.set(key, id);
		return id;
	}

	private readonly known = new Map<string, LabelId>();

	private labelFind(taskId: TaskId, name: string): LabelId | undefined {
		const t = this.tasks.find((x) => x.id === taskId);
		if (!t || !('labels' in t)) return undefined;
		const want = name.trim().toLowerCase();
		const hit = t.labels.find((l) => l.name.toLowerCase() === want);
		if (hit) return hit.id;
		if (this.given.has(taskId) || !want) {
			const key = `${t.name}\n${name}`;
			const m = this.missing.get(key) ?? { task: t.name, label: name, count: 0 };
			m.count++;
			this.missing.set(key, m);
			return undefined;
		}
		const lt = t as LabeledTask;
		const id = labelIdOf(taskId, name.trim());
		const color = PALETTE[lt.labels.length % PALETTE.length] ?? '#2563eb';
		const next = {
			...lt,
			labels: [
				...lt.labels,
				{ id, name: name.trim(), color, hotkey: hotkeyNext(lt.labels, lt.type) }
			]
		};
		this.replace(next as Task);
		return id;
	}

	labelName(taskId: TaskId, id: LabelId): string | undefined {
		const t = this.tasks.find((x) => x.id === taskId);
		return t && 'labels' in t ? t.labels.find((l) => l.id === id)?.name : undefined;
	}

	keypointsTask(id: TaskId): KeypointsTask | undefined {
		const t = this.tasks.find((x) => x.id === id);
		return t?.type === 'keypoints' ? t : undefined;
	}

	schema(): LabelSchema {
		return { tasks: this.tasks };
	}

	unmapped(): UnmappedLabel[] {
		return [...this.missing.values()];
	}
}
