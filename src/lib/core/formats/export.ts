/**
 * Export of a text project's items and labels. JSONL: one object per item with all its
 * annotations (lossless; the format to re-import or process). CSV: one row per item, task and
 * annotator, unlabeled items as one row with empty label columns (for spreadsheets). Both are
 * generators of string chunks, so 100k items become a Blob without one giant string.
 * `which` picks each annotator's raw answers, the accepted values (annotator `accepted`, with
 * their confidence and the method that decided them), or both.
 */
import type {
	Annotation,
	AnnotationValue,
	Item,
	ItemField,
	LabelSchema,
	MediaKind,
	Member,
	PdfInfo,
	SeriesInfo,
	TaskId
} from '../types';
import { pdfValueExport } from '../pdf/pdf-export';
import { csvRow } from './csv-write';
import type { AcceptedAnnotation } from './interop/accepted';
import { ACCEPTED, type ExportWhich } from './interop/common/result';

export interface ExportInput {
	/** Items in export order. For CSV without `metaColumns`, iterated twice: pass an array. */
	items: Iterable<Item>;
	annotationsOf(item: Item): readonly Annotation[];
	schema: LabelSchema;
	/** Members by annotator id, for display names. */
	members?: ReadonlyMap<string, Pick<Member, 'name'>>;
	/** Raw answers (the default), the accepted values, or both. */
	which?: ExportWhich;
	/** The accepted values of an item (needed unless `which` is raw). */
	acceptedOf?(item: Item): readonly AcceptedAnnotation[];
}

export interface ExportedAnnotation {
	task: string;
	annotator: string;
	annotatorName?: string;
	/** Label names of a classification answer; empty for other task kinds. */
	labels: string[];
	/** The raw value of a non-classification answer (spans, …). */
	value?: AnnotationValue;
	source: 'human' | 'model';
	model?: string;
	confidence?: number;
	/** For accepted values: what decided it (mv, ds, glad, mace, review, gold). */
	method?: string;
	/** ISO 8601, UTC. */
	savedAt: string;
	/** Time spent before saving, whole ms. */
	ms: number;
}

export interface ExportedItem {
	id: string;
	text: string;
	meta: Record<string, string>;
	/** The fields of a multimodal item: text, or where its media are (URL, or file name and SHA-256). */
	fields?: Record<string, ExportedField>;
	/** A time series item: its channels and time axis, and the file and SHA-256 of its samples. */
	series?: SeriesInfo & { name?: string; sha256?: string };
	/**
	 * A PDF item: its page count (and its one page), the file's name and SHA-256. Its spans carry
	 * page, offsets in the page's text and the covered text; its boxes PDF points and `rel`
	 * (page-relative units), core/pdf/pdf-export.ts.
	 */
	pdf?: PdfInfo & { name?: string; sha256?: string };
	annotations: ExportedAnnotation[];
}

export type ExportedField =
	| { kind: 'text'; text: string }
	| { kind: MediaKind; url?: string; name?: string; sha256?: string };

function fieldExport(f: ItemField): ExportedField {
	if (f.kind === 'text') return { kind: 'text', text: f.text };
	const m = f.media;
	return 'blob' in m
		? { kind: f.kind, name: m.name, sha256: m.blob }
		: { kind: f.kind, url: m.url, ...(m.name ? { name: m.name } : {}) };
}

/** The fixed CSV columns; `meta_<key>` columns go between `text` and `task`. */
export const EXPORT_CSV_COLUMNS = {
	before: ['item_id', 'text'],
	after: [
		'task',
		'annotator',
		'annotator_name',
		'labels',
		'source',
		'saved_at',
		'ms',
		'value',
		'confidence',
		'method'
	]
} as const;
/** CSV cells hold label names joined by this; a name containing it cannot round-trip. */
export const EXPORT_LABEL_SEPARATOR = '|';
const ROWS_PER_CHUNK = 500;

/** What every item's export needs from the schema, built once per export. */
interface SchemaLookup {
	/** Label id → name; ids of deleted labels stay ids. */
	name(task: TaskId, label: string): string;
	/** Position of a task in the schema; unknown tasks go last. */
	order(task: TaskId): number;
}

function schemaLookup(schema: LabelSchema): SchemaLookup {
	const names = new Map<string, Map<string, string>>();
	for (const t of schema.tasks)
		if ('labels' in t) names.set(t.id, new Map(t.labels.map((l) => [l.id, l.name])));
	const order = new Map<string, number>(schema.tasks.map((t, i) => [t.id, i]));
	return {
		name: (task, label) => names.get(task)?.get(label) ?? label,
		order: (task) => order.get(task) ?? Infinity
	};
}

function annotationExport(
	a: Annotation & { method?: string },
	schema: SchemaLookup,
	members: ExportInput['members'],
	pdf = false
): ExportedAnnotation {
	const out: ExportedAnnotation = {
		task: a.task,
		annotator: a.annotator,
		labels:
			a.value.type === 'classification' ? a.value.labels.map((l) => schema.name(a.task, l)) : [],
		source: a.source,
		savedAt: new Date(a.savedAt).toISOString(),
		ms: Math.round(a.ms)
	};
	const who = members?.get(a.annotator)?.name;
	if (who) out.annotatorName = who;
	if (a.value.type !== 'classification') out.value = pdf ? pdfValueExport(a.value) : a.value;
	if (a.model !== undefined) out.model = a.model;
	if (a.confidence !== undefined) out.confidence = a.confidence;
	if (a.method !== undefined) out.method = a.method;
	return out;
}

function itemExport(input: ExportInput, item: Item, schema: SchemaLookup): ExportedItem {
	const which = input.which ?? 'raw';
	const raw = which === 'accepted' ? [] : input.annotationsOf(item);
	const accepted =
		which === 'raw'
			? []
			: (input.acceptedOf?.(item) ?? []).map((a) => ({ ...a, annotator: ACCEPTED }));
	// A new array: sorting must not reorder the caller's.
	const anns = [...raw, ...accepted].sort(
		(a, b) =>
			schema.order(a.task) - schema.order(b.task) ||
			a.savedAt - b.savedAt ||
			(a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0)
	);
	return {
		id: item.id,
		text: item.text ?? '',
		meta: { ...item.meta },
		...(item.fields
			? {
					fields: Object.fromEntries(
						Object.entries(item.fields).map(([k, f]) => [k, fieldExport(f)])
					)
				}
			: {}),
		...(item.series
			? {
					series: {
						...item.series,
						...(item.media && 'blob' in item.media
							? { name: item.media.name, sha256: item.media.blob }
							: {})
					}
				}
			: {}),
		...(item.pdf
			? {
					pdf: {
						...item.pdf,
						...(item.media && 'blob' in item.media
							? { name: item.media.name, sha256: item.media.blob }
							: {})
					}
				}
			: {}),
		annotations: anns.map((a) => annotationExport(a, schema, input.members, item.kind === 'pdf'))
	};
}

/** One item as exported: annotations ordered by task (schema order), save time, annotator. */
export function exportedItemFrom(input: ExportInput, item: Item): ExportedItem {
	return itemExport(input, item, schemaLookup(input.schema));
}

/** JSONL: one `ExportedItem` per line, LF line ends. */
export function* exportJsonl(input: ExportInput): Generator<string> {
	const schema = schemaLookup(input.schema);
	let buf: string[] = [];
	for (const item of input.items) {
		buf.push(JSON.stringify(itemExport(input, item, schema)) + '\n');
		if (buf.length >= ROWS_PER_CHUNK) {
			yield buf.join('');
			buf = [];
		}
	}
	if (buf.length > 0) yield buf.join('');
}

/** Metadata keys of the items, in order of first appearance. */
export function exportMetaColumns(items: Iterable<Item>): string[] {
	const keys = new Set<string>();
	for (const item of items) for (const k of Object.keys(item.meta ?? {})) keys.add(k);
	return [...keys];
}

/**
 * CSV (RFC 4180, CRLF): columns `item_id, text, meta_<key>…, task, annotator, annotator_name,
 * labels, source, saved_at, ms, value, confidence, method`; labels joined by `|`; `value` is the
 * JSON of a non-classification answer. Formula-like cells are guarded unless `guardFormulas: false`.
 * `bom: true` starts the file with a UTF-8 BOM, which Excel needs to read UTF-8.
 */
export function* exportCsv(
	input: ExportInput,
	opts: { guardFormulas?: boolean; metaColumns?: string[]; bom?: boolean } = {}
): Generator<string> {
	const guard = opts.guardFormulas ?? true;
	const metaCols = opts.metaColumns ?? exportMetaColumns(input.items);
	const schema = schemaLookup(input.schema);
	const header = [
		...EXPORT_CSV_COLUMNS.before,
		...metaCols.map((c) => `meta_${c}`),
		...EXPORT_CSV_COLUMNS.after
	];
	let buf: string[] = [(opts.bom ? '\uFEFF' : '') + csvRow(header, guard) + '\r\n'];
	const empty = EXPORT_CSV_COLUMNS.after.map(() => '');
	for (const item of input.items) {
		const e = itemExport(input, item, schema);
		const base = [e.id, e.text, ...metaCols.map((c) => e.meta[c] ?? '')];
		if (e.annotations.length === 0) buf.push(csvRow([...base, ...empty], guard) + '\r\n');
		for (const a of e.annotations) {
			const cells = [
				a.task,
				a.annotator,
				a.annotatorName ?? '',
				a.labels.join(EXPORT_LABEL_SEPARATOR),
				a.source,
				a.savedAt,
				String(a.ms),
				a.value === undefined ? '' : JSON.stringify(a.value),
				a.confidence === undefined ? '' : String(a.confidence),
				a.method ?? ''
			];
			buf.push(csvRow([...base, ...cells], guard) + '\r\n');
		}
		if (buf.length >= ROWS_PER_CHUNK) {
			yield buf.join('');
			buf = [];
		}
	}
	if (buf.length > 0) yield buf.join('');
}
