/**
 * Export of the open project in any format that fits its tasks: JSONL, CSV or an interop
 * format (COCO, YOLO, Pascal VOC, CoNLL, spaCy, Label Studio), each with each annotator's raw labels,
 * the accepted labels with confidence (the app's real outcomes), or both; image formats
 * optionally zipped with the media; any file optionally encrypted.
 */
import { itemFileName, type ExportWhich } from '$lib/core/formats/interop/common';
import { interopExport, MEDIA_FORMATS } from '$lib/core/formats/interop/export-any';
import type { InteropKind } from '$lib/core/formats/interop/detect';
import { sealExport } from '$lib/core/formats/interop/sealed';
import { masksBlobs } from '$lib/core/mask/value';
import type { Annotation, AnnotatorId, EpochMs, Item } from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import type { ProjectSession } from '../project-session.svelte';
import { acceptedOfProject } from './accepted';
import { projectExport, type ExportFile } from './export-file';
import { exportFileName, type AnyFormat } from './formats';
import { annotationsInOrder, itemsInOrder } from './project-items';

export interface AnyExportOptions {
	me: AnnotatorId;
	now: number;
	which: ExportWhich;
	/** Zip the image media with COCO/YOLO/VOC labels. */
	media?: BlobsRepo;
	/** Where the codes of big masks are (blobs); without it, COCO leaves those masks out. */
	maskBlobs?: BlobsRepo;
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

/** The codes of the masks kept as blobs, by SHA-256 (those this device has). */
async function maskCodesOf(
	annotations: readonly Annotation[],
	blobs: BlobsRepo
): Promise<Map<string, string>> {
	const codes = new Map<string, string>();
	for (const a of annotations) {
		if (a.value.type !== 'masks') continue;
		for (const sha of masksBlobs(a.value)) {
			if (codes.has(sha)) continue;
			const b = await blobs.get(sha);
			if (b) codes.set(sha, await b.blob.text());
		}
	}
	return codes;
}

/** The image media of `items`, by their file name in the export. */
async function mediaOf(items: readonly Item[], blobs: BlobsRepo): Promise<Map<string, Uint8Array>> {
	const media = new Map<string, Uint8Array>();
	for (const it of items) {
		const m = it.media;
		if (it.kind !== 'image' || !m || !('blob' in m)) continue;
		const b = await blobs.get(m.blob);
		if (b) media.set(itemFileName(it), new Uint8Array(await b.blob.arrayBuffer()));
	}
	return media;
}

async function interopFile(
	session: ProjectSession,
	format: InteropKind,
	opts: AnyExportOptions
): Promise<AnyExportFile> {
	const store = session.store;
	const items = itemsInOrder(store, opts.itemMap);
	const amap = opts.annotationMap ?? ((a: Annotation) => a);
	const accepted = opts.which === 'raw' ? undefined : acceptedOfProject(session, opts.me).map(amap);
	const media =
		opts.media && MEDIA_FORMATS.includes(format) ? await mediaOf(items, opts.media) : undefined;
	const annotations = annotationsInOrder(store).map(amap);
	const maskCodes =
		format === 'coco' && opts.maskBlobs
			? await maskCodesOf([...annotations, ...(accepted ?? [])], opts.maskBlobs)
			: undefined;
	const out = interopExport(
		format,
		items,
		annotations,
		store.schema,
		{ which: opts.which, ...(accepted ? { accepted } : {}), ...(maskCodes ? { maskCodes } : {}) },
		media
	);
	store.logAppend({
		at: opts.now as EpochMs,
		who: opts.me,
		what: 'export',
		detail: `${format} (${opts.which}${media ? ', with media' : ''})`
	});
	return {
		name: exportFileName(store.name, opts.now, out.suffix),
		blob: new Blob([out.bytes as Uint8Array<ArrayBuffer>], { type: out.mime }),
		items: items.length,
		skipped: out.skipped,
		encrypted: false
	};
}

/** Any export, optionally with media and encrypted. */
export async function projectExportAny(
	session: ProjectSession,
	format: AnyFormat,
	opts: AnyExportOptions
): Promise<AnyExportFile> {
	const file =
		format === 'jsonl' || format === 'csv'
			? {
					...projectExport(session.store, format, {
						...opts,
						...(opts.which === 'raw' ? {} : { accepted: acceptedOfProject(session, opts.me) })
					}),
					skipped: [],
					encrypted: false
				}
			: await interopFile(session, format, opts);
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
