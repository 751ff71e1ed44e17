/**
 * An interop import, planned before anything is written: the converter's result against the
 * project's schema, the file's labels (each matched by name, in a task the import creates, or
 * unknown to the project's task), and the user's choice per unknown label (create it, map it onto
 * an existing label, or leave its regions out). `planApply` turns plan + choices into the schema,
 * items and annotations to write. Pure.
 */
import { sha256HexSync } from '../../sha256';
import { hotkeyNext, PALETTE } from '../../schema';
import type {
	Annotation,
	AnnotationValue,
	Item,
	LabelId,
	LabeledTask,
	LabelSchema,
	Task,
	TaskId
} from '../../types';
import { importCoco } from './coco';
import { importConll, importSpacy } from './conll';
import type { InteropFiles } from './files';
import type { InteropKind } from './detect';
import { importLabelStudio } from './label-studio';
import { importVoc } from './voc';
import { importYolo } from './yolo';
import type { InteropImportOptions, InteropResult } from './common';

export type LabelStatus = 'matched' | 'new-task' | 'unknown';
/** What to do with a file label: keep it (create or reuse), map onto a label id, or skip it. */
export type LabelTarget = 'keep' | 'skip' | LabelId;

export interface PlanLabel {
	task: TaskId;
	taskName: string;
	name: string;
	/** The label's id in the plan's schema. */
	id: LabelId;
	/** Regions (or choices) of this label in the file. */
	count: number;
	status: LabelStatus;
}

export interface ImportPlan {
	kind: InteropKind;
	/** The converter's result, against the project's schema widened by the file's unknown labels. */
	result: InteropResult;
	given: LabelSchema;
	labels: PlanLabel[];
	/** Labels the file names but never uses, unknown to the project: not created. */
	unused: PlanLabel[];
	/** Tasks the import adds to the project. */
	newTasks: Task[];
}

export type InteropInput = string | Uint8Array | InteropFiles;

/** Runs the converter of `kind`. */
export function interopRun(
	kind: InteropKind,
	input: InteropInput,
	file: string,
	schema: LabelSchema | undefined,
	opts: InteropImportOptions
): InteropResult {
	const text = (): string | Uint8Array => {
		if (typeof input === 'string' || input instanceof Uint8Array) return input;
		const first = Object.entries(input).find(([n]) =>
			kind === 'coco' || kind === 'label-studio' ? /\.json$/i.test(n) : true
		);
		return first?.[1] ?? '';
	};
	switch (kind) {
		case 'coco':
			return importCoco(text(), file, schema, opts);
		case 'label-studio':
			return importLabelStudio(text(), file, schema, opts);
		case 'conll':
			return importConll(text(), file, schema, opts);
		case 'spacy':
			return importSpacy(text(), file, schema, opts);
		case 'voc':
			return importVoc(input, file, schema, opts);
		case 'yolo':
			return importYolo(typeof input === 'string' ? { [file]: input } : input, file, schema, opts);
	}
}

const labelIdFor = (task: TaskId, name: string): LabelId =>
	`l${sha256HexSync(`import\n${task}\n${name}`).slice(0, 15)}` as LabelId;

/** Adds labels to tasks of a schema (new ids, palette colours, free hotkeys). */
function withLabels(schema: LabelSchema, add: { task: string; label: string }[]): LabelSchema {
	const tasks = schema.tasks.map((t) => {
		const names = add.filter((a) => a.task === t.name).map((a) => a.label.trim());
		if (!names.length || !('labels' in t)) return t;
		const lt = t as LabeledTask;
		const labels = [...lt.labels];
		for (const name of names) {
			if (labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) continue;
			labels.push({
				id: labelIdFor(t.id, name),
				name,
				color: PALETTE[labels.length % PALETTE.length] ?? '#2563eb',
				hotkey: hotkeyNext(labels, t.type)
			});
		}
		return { ...lt, labels } as Task;
	});
	return { tasks };
}

/** Label ids a value uses (choices and every region's label). */
export function valueLabels(v: AnnotationValue): LabelId[] {
	const out: LabelId[] = [];
	const walk = (x: unknown): void => {
		if (Array.isArray(x)) x.forEach(walk);
		else if (x && typeof x === 'object')
			for (const [k, y] of Object.entries(x)) {
				if (k === 'label' && typeof y === 'string') out.push(y as LabelId);
				else if (k === 'labels' && Array.isArray(y)) {
					for (const l of y) if (typeof l === 'string') out.push(l as LabelId);
				} else walk(y);
			}
	};
	walk(v);
	return out;
}

/** Plans the import of one file (or a zip's label files) into a project with `schema`. */
export function interopPlan(
	kind: InteropKind,
	input: InteropInput,
	file: string,
	schema: LabelSchema,
	opts: InteropImportOptions
): ImportPlan {
	const first = interopRun(kind, input, file, schema, opts);
	const widened = first.unmapped.length ? withLabels(schema, first.unmapped) : schema;
	const result = first.unmapped.length
		? { ...interopRun(kind, input, file, widened, opts), unmapped: first.unmapped }
		: first;
	const givenIds = new Set(schema.tasks.map((t) => t.id));
	const givenLabels = new Set(
		schema.tasks.flatMap((t) => ('labels' in t ? t.labels.map((l) => `${t.id}/${l.id}`) : []))
	);
	const counts = new Map<string, number>();
	for (const a of result.annotations)
		for (const l of valueLabels(a.value)) {
			const k = `${a.task}/${l}`;
			counts.set(k, (counts.get(k) ?? 0) + 1);
		}
	const labels: PlanLabel[] = [];
	const unused: PlanLabel[] = [];
	for (const t of result.schema.tasks) {
		if (!('labels' in t)) continue;
		for (const l of t.labels) {
			const k = `${t.id}/${l.id}`;
			const count = counts.get(k) ?? 0;
			const status: LabelStatus = !givenIds.has(t.id)
				? 'new-task'
				: givenLabels.has(k)
					? 'matched'
					: 'unknown';
			const pl = { task: t.id, taskName: t.name, name: l.name, id: l.id, count, status };
			if (status === 'matched' && count === 0) continue;
			if (status === 'unknown' && count === 0) unused.push(pl);
			else labels.push(pl);
		}
	}
	return {
		kind,
		result,
		given: schema,
		labels,
		unused,
		newTasks: result.schema.tasks.filter((t) => !givenIds.has(t.id))
	};
}

/** Replaces or drops label ids in a value; regions whose label is dropped go too. */
function valueRemap(v: AnnotationValue, map: ReadonlyMap<string, LabelId | null>): AnnotationValue {
	const keep = (l: unknown) => typeof l !== 'string' || map.get(l) !== null;
	const to = (l: string) => (map.has(l) ? (map.get(l) as LabelId) : l);
	const walk = (x: unknown): unknown => {
		if (Array.isArray(x))
			return x
				.filter((y) => !(y && typeof y === 'object' && 'label' in y && !keep(y.label)))
				.map(walk);
		if (x && typeof x === 'object') {
			const o: Record<string, unknown> = {};
			for (const [k, y] of Object.entries(x))
				o[k] =
					k === 'label' && typeof y === 'string'
						? to(y)
						: k === 'labels' && Array.isArray(y)
							? [...new Set(y.filter(keep).map((l) => (typeof l === 'string' ? to(l) : l)))]
							: walk(y);
			return o;
		}
		return x;
	};
	return walk(v) as AnnotationValue;
}

/** An annotation with nothing left in it (no choice, no region). */
function isEmpty(v: AnnotationValue): boolean {
	for (const k of ['labels', 'spans', 'boxes', 'shapes', 'instances', 'segments', 'tracks'])
		if (Array.isArray((v as unknown as Record<string, unknown>)[k]))
			return ((v as unknown as Record<string, unknown[]>)[k] as unknown[]).length === 0;
	return false;
}

const FETCHABLE = /^(https?:|data:|blob:)/i;

/**
 * An item the project can store: an image the file names by a path that cannot be fetched (a
 * bare file name, or a Label Studio `/data/upload/…` path) keeps the path as its `source` and has
 * no media, instead of a media URL that every peer would refuse.
 */
export function itemStorable(item: Item): Item {
	const m = item.media;
	if (!m || !('url' in m) || FETCHABLE.test(m.url)) return item;
	const { media: _media, ...rest } = item;
	return { ...rest, source: m.url };
}

export interface PlanOutcome {
	schema: LabelSchema;
	items: Item[];
	annotations: Annotation[];
	/** Regions left out because their label was skipped. */
	skipped: number;
}

/**
 * The schema, items and annotations to write for `plan` with the user's `targets` (by plan label
 * id; unknown labels default to 'keep', i.e. created in the project's task).
 */
export function planApply(
	plan: ImportPlan,
	targets: ReadonlyMap<LabelId, LabelTarget> = new Map()
): PlanOutcome {
	const map = new Map<string, LabelId | null>();
	const drop = new Map<TaskId, Set<LabelId>>();
	for (const l of plan.unused) {
		const s = drop.get(l.task) ?? new Set<LabelId>();
		s.add(l.id);
		drop.set(l.task, s);
	}
	for (const l of plan.labels) {
		const t = targets.get(l.id) ?? 'keep';
		if (t === 'keep' || t === l.id) continue;
		map.set(l.id, t === 'skip' ? null : t);
		const s = drop.get(l.task) ?? new Set<LabelId>();
		s.add(l.id);
		drop.set(l.task, s);
	}
	const schema: LabelSchema = {
		tasks: plan.result.schema.tasks.map((t) => {
			const d = drop.get(t.id);
			return d && 'labels' in t
				? ({ ...t, labels: t.labels.filter((l) => !d.has(l.id)) } as Task)
				: t;
		})
	};
	let skipped = 0;
	const annotations: Annotation[] = [];
	for (const a of plan.result.annotations) {
		if (map.size === 0) {
			annotations.push(a);
			continue;
		}
		skipped += valueLabels(a.value).filter((l) => map.get(l) === null).length;
		const value = valueRemap(a.value, map);
		if (isEmpty(value) && !isEmpty(a.value)) continue;
		annotations.push({ ...a, value });
	}
	return { schema, items: plan.result.items.map(itemStorable), annotations, skipped };
}
