/**
 * Export of a project's items and labels as JSONL (one object per item) or CSV (one row per item,
 * task and annotator; unlabeled items get one row with empty label columns). Both are generators
 * of string chunks, so 100k items stream into a Blob without one giant string.
 */
import type { Annotation, Item, LabelSchema, Member } from '../types';

export interface ExportInput {
	items: Iterable<Item>;
	annotationsOf(item: Item): Annotation[];
	schema: LabelSchema;
	members?: ReadonlyMap<string, Member>;
}

export interface ExportedAnnotation {
	task: string;
	annotator: string;
	annotatorName?: string;
	labels: string[];
	source: 'human' | 'model';
	savedAt: string;
	ms: number;
}

export interface ExportedItem {
	id: string;
	text: string;
	meta: Record<string, string>;
	annotations: ExportedAnnotation[];
}

function labelNames(schema: LabelSchema, a: Annotation): string[] {
	if (a.value.type !== 'classification') return [];
	const task = schema.tasks.find((t) => t.id === a.task);
	const labels = task && task.type === 'classification' ? task.labels : [];
	return a.value.labels.map((id) => labels.find((l) => l.id === id)?.name ?? id);
}

export function exportedItemFrom(input: ExportInput, item: Item): ExportedItem {
	return {
		id: item.id,
		text: item.text ?? '',
		meta: item.meta ?? {},
		annotations: input
			.annotationsOf(item)
			.sort((a, b) => a.savedAt - b.savedAt || (a.annotator < b.annotator ? -1 : 1))
			.map((a) => {
				const out: ExportedAnnotation = {
					task: a.task,
					annotator: a.annotator,
					labels: labelNames(input.schema, a),
					source: a.source,
					savedAt: new Date(a.savedAt).toISOString(),
					ms: Math.round(a.ms)
				};
				const name = input.members?.get(a.annotator)?.name;
				if (name) out.annotatorName = name;
				return out;
			})
	};
}

const CHUNK = 500;

export function* exportJsonl(input: ExportInput): Generator<string> {
	let buf: string[] = [];
	for (const item of input.items) {
		buf.push(JSON.stringify(exportedItemFrom(input, item)));
		if (buf.length >= CHUNK) {
			yield buf.join('\n') + '\n';
			buf = [];
		}
	}
	if (buf.length) yield buf.join('\n') + '\n';
}

/** Quotes a CSV cell; with `guard`, a leading = + - @ is escaped so spreadsheets don't run it. */
export function csvCell(v: string, guard = true): string {
	let s = v;
	if (guard && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function* exportCsv(
	input: ExportInput,
	opts: { guardFormulas?: boolean } = {}
): Generator<string> {
	const guard = opts.guardFormulas ?? true;
	const items = [...input.items];
	const metaCols = [...new Set(items.flatMap((i) => Object.keys(i.meta ?? {})))];
	const header = [
		'item_id',
		'text',
		...metaCols.map((c) => `meta_${c}`),
		'task',
		'annotator',
		'annotator_name',
		'labels',
		'source',
		'saved_at',
		'ms'
	];
	const row = (cells: string[]) => cells.map((c) => csvCell(c, guard)).join(',');
	let buf: string[] = [row(header)];
	for (const item of items) {
		const e = exportedItemFrom(input, item);
		const base = [e.id, e.text, ...metaCols.map((c) => e.meta[c] ?? '')];
		if (e.annotations.length === 0) buf.push(row([...base, '', '', '', '', '', '', '']));
		for (const a of e.annotations)
			buf.push(
				row([
					...base,
					a.task,
					a.annotator,
					a.annotatorName ?? '',
					a.labels.join('|'),
					a.source,
					a.savedAt,
					String(a.ms)
				])
			);
		if (buf.length >= CHUNK) {
			yield buf.join('\r\n') + '\r\n';
			buf = [];
		}
	}
	if (buf.length) yield buf.join('\r\n') + '\r\n';
}
