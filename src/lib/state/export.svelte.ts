/**
 * Export of the open project: JSONL or CSV (chunks stream from the core writers into a Blob), or
 * an interop format that fits its tasks (COCO, YOLO, Pascal VOC, CoNLL, spaCy, Label Studio) with
 * each annotator's raw labels, the accepted labels with confidence (the app's real outcomes), or
 * both; image formats optionally zipped with the media; any file optionally encrypted.
 */
import { exportCsv, exportJsonl, type ExportInput } from '$lib/core/formats/export';
import { acceptedAnnotations } from '$lib/core/formats/interop/accepted';
import { itemFileName, type ExportWhich } from '$lib/core/formats/interop/common';
import type { InteropKind } from '$lib/core/formats/interop/detect';
import { formatsFor, interopExport, MEDIA_FORMATS } from '$lib/core/formats/interop/export-any';
import { sealExport } from '$lib/core/formats/interop/sealed';
import type { ItemOutcome } from '$lib/core/quality/live/outcomes';
import type { Annotation, EpochMs, Item, Member, AnnotatorId, TaskId } from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import { logAppend, reviewsRead } from '$lib/sync/doc';
import type { ProjectSession } from './project-session.svelte';
import { QualityState } from './quality.svelte';

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
	opts: {
		me: AnnotatorId;
		now: number;
		itemMap?: (it: Item) => Item;
		annotationMap?: (a: Annotation) => Annotation;
	}
): ExportFile {
	const index = session.index;
	const items: Item[] = [];
	for (const id of index.order) {
		const it = index.item(id);
		if (it) items.push(opts.itemMap ? opts.itemMap(it) : it);
	}
	const members = new Map<string, Member>();
	for (const [id, m] of session.p.members) members.set(id, m);
	const input: ExportInput = {
		items,
		schema: session.schema,
		annotationsOf: (item) =>
			opts.annotationMap
				? index.annotationsOf(item.id).map(opts.annotationMap)
				: index.annotationsOf(item.id),
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

export type AnyFormat = ExportFormat | InteropKind;

export const FORMAT_LABELS: Record<AnyFormat, string> = {
	jsonl: 'JSONL — one JSON object per item, every annotator’s labels',
	csv: 'CSV — one row per item and annotator',
	coco: 'COCO JSON — boxes, polygons and keypoints',
	yolo: 'YOLO — classes.txt and one label file per image (zip)',
	voc: 'Pascal VOC — one XML per image (zip)',
	conll: 'CoNLL IOB2 — one token a line',
	spacy: 'spaCy JSONL — text with character spans',
	'label-studio': 'Label Studio JSON — tasks with annotations and predictions'
};

/** The formats that fit the project's tasks: JSONL and CSV always, then the interop ones. */
export function exportFormats(session: ProjectSession): AnyFormat[] {
	return ['jsonl', 'csv', ...formatsFor(session.schema)];
}

/**
 * The accepted value of every item and task as the app decides it: classification outcomes
 * (consensus by the task's method and threshold, reviewer decisions, gold) from the quality
 * state, and reviewer decisions, gold or identical answers reaching the threshold for the others.
 */
export function acceptedOfProject(session: ProjectSession, me: AnnotatorId): Annotation[] {
	const q = new QualityState(session, me);
	const outcomes = new Map<TaskId, ItemOutcome[]>();
	try {
		for (const t of q.tasks) {
			q.select(t.id);
			q.heavyRun();
			outcomes.set(t.id, [...q.outcomes.all()]);
		}
	} finally {
		q.destroy();
	}
	const { decisions, gold } = reviewsRead(session.p);
	const members = session.collab?.members();
	const s = session.settings;
	const thresholds = new Map<TaskId, number>();
	for (const t of session.schema.tasks) {
		const c = s.consensus?.[t.id];
		if (c) thresholds.set(t.id, c.threshold);
	}
	return acceptedAnnotations({
		schema: session.schema,
		annotations: allAnnotations(session),
		outcomes,
		decisions,
		gold,
		...(members
			? {
					reviewers: new Set(
						members.filter((m) => m.role !== 'annotator').map((m) => m.id as string)
					)
				}
			: {}),
		thresholds,
		threshold: s.consensusThreshold,
		overlap: s.overlap
	});
}

function allItems(session: ProjectSession, itemMap?: (it: Item) => Item): Item[] {
	const items: Item[] = [];
	for (const id of session.index.order) {
		const it = session.index.item(id);
		if (it) items.push(itemMap ? itemMap(it) : it);
	}
	return items;
}

function allAnnotations(session: ProjectSession): Annotation[] {
	const out: Annotation[] = [];
	for (const id of session.index.order) out.push(...session.index.annotationsOf(id));
	return out;
}

export interface AnyExportOptions {
	me: AnnotatorId;
	now: number;
	which: ExportWhich;
	/** Zip the image media with COCO/YOLO/VOC labels. */
	media?: BlobsRepo;
	/** Encrypt the file with this passphrase (AES-GCM). */
	passphrase?: string;
	/** PBKDF2 iterations (tests may lower them). */
	iterations?: number;
	/** Each item as exported (e.g. with personal data redacted). */
	itemMap?: (it: Item) => Item;
	/** Each annotation as exported (e.g. spans moved to the redacted text). */
	annotationMap?: (a: Annotation) => Annotation;
}

export interface AnyExportFile extends ExportFile {
	skipped: { item: string; reason: string }[];
	encrypted: boolean;
}

/** Any export, optionally with media and encrypted. */
export async function projectExportAny(
	session: ProjectSession,
	format: AnyFormat,
	opts: AnyExportOptions
): Promise<AnyExportFile> {
	let file: AnyExportFile;
	if (format === 'jsonl' || format === 'csv') {
		file = { ...projectExport(session, format, opts), skipped: [], encrypted: false };
	} else {
		const items = allItems(session, opts.itemMap);
		const amap = opts.annotationMap ?? ((a: Annotation) => a);
		const accepted =
			opts.which === 'raw' ? undefined : acceptedOfProject(session, opts.me).map(amap);
		let media: Map<string, Uint8Array> | undefined;
		if (opts.media && MEDIA_FORMATS.includes(format)) {
			media = new Map();
			for (const it of items) {
				const m = it.media;
				if (it.kind !== 'image' || !m || !('blob' in m)) continue;
				const b = await opts.media.get(m.blob);
				if (b) media.set(itemFileName(it), new Uint8Array(await b.blob.arrayBuffer()));
			}
		}
		const out = interopExport(
			format,
			items,
			allAnnotations(session).map(amap),
			session.schema,
			{ which: opts.which, ...(accepted ? { accepted } : {}) },
			media
		);
		const stamp = new Date(opts.now).toISOString().slice(0, 10);
		logAppend(session.p, {
			at: opts.now as EpochMs,
			who: opts.me,
			what: 'export',
			detail: `${format} (${opts.which}${media ? ', with media' : ''})`
		});
		file = {
			name: `${fileSafe(session.name)}-${stamp}${out.suffix}`,
			blob: new Blob([out.bytes as Uint8Array<ArrayBuffer>], { type: out.mime }),
			items: items.length,
			skipped: out.skipped,
			encrypted: false
		};
	}
	if (!opts.passphrase) return file;
	const sealed = await sealExport(
		file.name,
		new Uint8Array(await file.blob.arrayBuffer()),
		opts.passphrase,
		opts.iterations ? { iterations: opts.iterations } : {}
	);
	return {
		...file,
		name: sealed.name,
		blob: new Blob([sealed.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
		encrypted: true
	};
}
