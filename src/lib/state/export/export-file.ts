/**
 * Export of the open project as JSONL or CSV: chunks stream from the core writers into a Blob,
 * every item with every annotator's labels, the accepted ones, or both (optionally redacted), and
 * the export is logged.
 */
import { exportCsv, exportJsonl, type ExportInput } from '$lib/core/formats/export';
import type { AcceptedAnnotation } from '$lib/core/formats/interop/accepted';
import type { ExportWhich } from '$lib/core/formats/interop/common';
import type { Annotation, AnnotatorId, EpochMs, Item, Member } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import { exportFileName, type ExportFormat } from './formats';
import { itemsInOrder } from './project-items';

export interface ExportFile {
	name: string;
	blob: Blob;
	items: number;
}

export function projectExport(
	store: ProjectStore,
	format: ExportFormat,
	opts: {
		me: AnnotatorId;
		now: number;
		itemMap?: ((it: Item) => Item) | undefined;
		annotationMap?: ((a: Annotation) => Annotation) | undefined;
		which?: ExportWhich;
		/** The accepted values (needed unless `which` is raw). */
		accepted?: readonly AcceptedAnnotation[];
	}
): ExportFile {
	const items = itemsInOrder(store, opts.itemMap);
	const members = new Map<string, Member>(store.members().map((m) => [m.id, m]));
	const amap = opts.annotationMap;
	const which = opts.which ?? 'raw';
	const accepted = new Map<string, AcceptedAnnotation[]>();
	for (const a of opts.accepted ?? []) {
		const m = amap ? { ...amap(a), method: a.method } : a;
		const g = accepted.get(a.item);
		if (g) g.push(m);
		else accepted.set(a.item, [m]);
	}
	const input: ExportInput = {
		which,
		acceptedOf: (item) => accepted.get(item.id) ?? [],
		items,
		schema: store.schema,
		annotationsOf: (item) =>
			amap ? store.annotationsOf(item.id).map(amap) : store.annotationsOf(item.id),
		members
	};
	const chunks = format === 'jsonl' ? [...exportJsonl(input)] : [...exportCsv(input)];
	const type = format === 'jsonl' ? 'application/x-ndjson' : 'text/csv';
	store.logAppend({
		at: opts.now as EpochMs,
		who: opts.me,
		what: 'export',
		detail: which === 'raw' ? format : `${format} (${which})`
	});
	return {
		name: exportFileName(store.name, opts.now, `.${format}`),
		blob: new Blob(chunks, { type: `${type};charset=utf-8` }),
		items: items.length
	};
}
