/**
 * Export of the open project as JSONL or CSV. Chunks stream from the core writers into a Blob,
 * which the page offers as a download.
 */
import { exportCsv, exportJsonl, type ExportInput } from '$lib/core/formats/export';
import type { EpochMs, Item, Member, AnnotatorId } from '$lib/core/types';
import { logAppend } from '$lib/sync/doc';
import type { ProjectSession } from './project-session.svelte';

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportFile {
	name: string;
	blob: Blob;
	items: number;
}

function fileSafe(name: string): string {
	return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'project';
}

export function projectExport(
	session: ProjectSession,
	format: ExportFormat,
	opts: { me: AnnotatorId; now: number }
): ExportFile {
	const index = session.index;
	const items: Item[] = [];
	for (const id of index.order) {
		const it = index.item(id);
		if (it) items.push(it);
	}
	const members = new Map<string, Member>();
	for (const [id, m] of session.p.members) members.set(id, m);
	const input: ExportInput = {
		items,
		schema: session.schema,
		annotationsOf: (item) => index.annotationsOf(item.id),
		members
	};
	const chunks = format === 'jsonl' ? [...exportJsonl(input)] : [...exportCsv(input)];
	const type = format === 'jsonl' ? 'application/x-ndjson' : 'text/csv';
	const stamp = new Date(opts.now).toISOString().slice(0, 10);
	logAppend(session.p, { at: opts.now as EpochMs, who: opts.me, what: 'export', detail: format });
	return {
		name: `${fileSafe(session.name)}-${stamp}.${format}`,
		blob: new Blob(chunks, { type: `${type};charset=utf-8` }),
		items: items.length
	};
}
