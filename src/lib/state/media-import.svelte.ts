/**
 * Import of image, audio and video files (single files, folders, zip archives) into the open
 * project. Each file is sniffed by its first bytes, decoded once to prove it plays (and to read
 * its size or duration), and hashed; unsupported or corrupt files are listed with the reason and
 * skipped. The blobs of the whole import are stored in one IndexedDB transaction before the items
 * are added in one Yjs transaction, so nothing is ever half-imported.
 */
import { multimodalRowsParse } from '$lib/core/formats/import-multimodal';
import { sha256Hex } from '$lib/core/ids';
import {
	MEDIA_EXTENSIONS,
	mediaItem,
	mediaKindFromUrl,
	mediaSniff,
	mediaUrlsParse,
	mediaUrlName
} from '$lib/core/media';
import type { AnnotatorId, EpochMs, Item, ItemId, MediaKind } from '$lib/core/types';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { ORIGIN, itemsAdd, logAppend } from '$lib/sync/doc';
import type { ProjectSession } from './project-session.svelte';

export interface MediaProblem {
	file: string;
	reason: string;
}

export interface MediaImportResult {
	added: number;
	duplicates: number;
	problems: MediaProblem[];
	error?: string;
}

/** What decoding a file found: its kind (WebM/MP4 may turn out to be audio) and metadata. */
export type Probe = { kind: MediaKind; meta: Record<string, string> } | { error: string };

export interface MediaImportDeps {
	blobs: BlobsRepo;
	/** Decodes the blob; the browser version is `mediaProbe`. */
	probe?(blob: Blob, kind: MediaKind): Promise<Probe>;
	now?(): number;
}

/** Decodes an image with createImageBitmap, audio and video with a media element. */
export async function mediaProbe(blob: Blob, kind: MediaKind): Promise<Probe> {
	if (kind === 'image') {
		try {
			const bmp = await createImageBitmap(blob);
			const meta = { width: String(bmp.width), height: String(bmp.height) };
			bmp.close();
			return { kind, meta };
		} catch {
			return { error: 'the image cannot be decoded (corrupt or unsupported)' };
		}
	}
	const url = URL.createObjectURL(blob);
	const el = document.createElement(kind === 'audio' ? 'audio' : 'video');
	try {
		return await new Promise<Probe>((resolve) => {
			const timer = setTimeout(() => resolve({ error: 'timed out reading the media' }), 15_000);
			el.preload = 'metadata';
			el.onloadedmetadata = () => {
				clearTimeout(timer);
				const video = el instanceof HTMLVideoElement && el.videoWidth > 0;
				const meta: Record<string, string> = {};
				if (Number.isFinite(el.duration)) meta.duration = el.duration.toFixed(3);
				if (video) {
					meta.width = String(el.videoWidth);
					meta.height = String(el.videoHeight);
				}
				resolve({ kind: video ? 'video' : 'audio', meta });
			};
			el.onerror = () => {
				clearTimeout(timer);
				resolve({ error: `the ${kind} cannot be decoded (corrupt or unsupported codec)` });
			};
			el.src = url;
		});
	} finally {
		el.removeAttribute('src');
		URL.revokeObjectURL(url);
	}
}

/** The files of zip archives, by their path in the archive; other files as they are. */
async function zipsExpand(files: readonly File[], problems: MediaProblem[]): Promise<File[]> {
	const out: File[] = [];
	for (const f of files) {
		if (!/\.zip$/i.test(f.name) && f.type !== 'application/zip') {
			out.push(f);
			continue;
		}
		try {
			const { unzipSync } = await import('fflate');
			const entries = unzipSync(new Uint8Array(await f.arrayBuffer()), {
				filter: (e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/')
			});
			for (const [name, data] of Object.entries(entries))
				out.push(new File([data as Uint8Array<ArrayBuffer>], `${f.name}/${name}`));
		} catch (e) {
			problems.push({ file: f.name, reason: `not a readable zip archive (${String(e)})` });
		}
	}
	return out;
}

export class MediaImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: MediaImportDeps;
	files = $state.raw<File[]>([]);
	running = $state(false);
	processed = $state(0);
	total = $state(0);
	result = $state.raw<MediaImportResult | undefined>(undefined);

	constructor(session: ProjectSession, me: AnnotatorId, deps: MediaImportDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	add(files: readonly File[]): void {
		this.files = [...this.files, ...files];
		this.result = undefined;
	}

	clear(): void {
		this.files = [];
	}

	/** Imports the chosen files; resolves with the result (also kept in `result`). */
	async run(): Promise<MediaImportResult> {
		const problems: MediaProblem[] = [];
		const now = this.#deps.now?.() ?? Date.now();
		const probe = this.#deps.probe ?? mediaProbe;
		this.running = true;
		this.processed = 0;
		try {
			const files = await zipsExpand(this.files, problems);
			this.total = files.length;
			const blobs = new Map<string, StoredBlob>();
			const items: Item[] = [];
			for (const [i, f] of files.entries()) {
				this.processed = i;
				const r = await this.#one(f, probe, now * 1000 + i);
				if ('reason' in r) problems.push({ file: f.name, reason: r.reason });
				else if (!blobs.has(r.blob.sha256)) {
					blobs.set(r.blob.sha256, r.blob);
					items.push(r.item);
				}
			}
			this.processed = files.length;
			await this.#deps.blobs.putMany([...blobs.values()]);
			let added = 0;
			this.#s.p.doc.transact(() => {
				added = itemsAdd(this.#s.p, items, ORIGIN.IMPORT);
				logAppend(
					this.#s.p,
					{ at: now as EpochMs, who: this.#me, what: 'import', detail: `${added} media files` },
					ORIGIN.IMPORT
				);
			}, ORIGIN.IMPORT);
			this.result = { added, duplicates: files.length - problems.length - added, problems };
			this.files = [];
		} catch (e) {
			this.result = {
				added: 0,
				duplicates: 0,
				problems,
				error: `Nothing was imported: ${e instanceof Error ? e.message : String(e)}`
			};
		} finally {
			this.running = false;
		}
		return this.result;
	}

	/**
	 * Adds one item per media URL in `text` (a list, or CSV/JSONL rows holding a URL each). The
	 * item id is the hash of the URL; the media are fetched and cached on first view.
	 */
	async runUrls(text: string): Promise<MediaImportResult> {
		const now = this.#deps.now?.() ?? Date.now();
		const table = multimodalRowsParse(text, now * 1000);
		if (table) return this.#rowsAdd(table.items, table.problems, now);
		const { urls, bad } = mediaUrlsParse(text);
		const items: Item[] = [];
		const seen = new Set<string>();
		for (const [i, { url }] of urls.entries()) {
			if (seen.has(url)) continue;
			seen.add(url);
			const kind = mediaKindFromUrl(url);
			if (!kind) continue;
			const name = mediaUrlName(url);
			items.push({
				id: (await sha256Hex(url)).slice(0, 32) as ItemId,
				kind: kind.kind,
				media: { url, name, ...(kind.mime ? { mime: kind.mime } : {}) },
				seq: now * 1000 + i,
				source: name
			});
		}
		let added = 0;
		this.#s.p.doc.transact(() => {
			added = itemsAdd(this.#s.p, items, ORIGIN.IMPORT);
			logAppend(
				this.#s.p,
				{ at: now as EpochMs, who: this.#me, what: 'import', detail: `${added} media URLs` },
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		this.result = {
			added,
			duplicates: urls.length - added,
			problems: bad.map((line) => ({
				file: `line ${line}`,
				reason: 'no http(s) URL of an image, audio or video file'
			}))
		};
		return this.result;
	}

	/**
	 * Adds the items of a table whose rows hold a media URL and more columns (e.g. an image and
	 * its caption): one multimodal item per row, with a field per column.
	 */
	#rowsAdd(
		items: Item[],
		problems: { line: number; reason: string }[],
		now: number
	): MediaImportResult {
		let added = 0;
		this.#s.p.doc.transact(() => {
			added = itemsAdd(this.#s.p, items, ORIGIN.IMPORT);
			logAppend(
				this.#s.p,
				{ at: now as EpochMs, who: this.#me, what: 'import', detail: `${added} rows with media` },
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		this.result = {
			added,
			duplicates: items.length - added,
			problems: problems.map((p) => ({ file: `line ${p.line}`, reason: p.reason }))
		};
		return this.result;
	}

	async #one(
		f: File,
		probe: (blob: Blob, kind: MediaKind) => Promise<Probe>,
		seq: number
	): Promise<{ blob: StoredBlob; item: Item } | { reason: string }> {
		if (f.size === 0) return { reason: 'the file is empty' };
		const sniffed = mediaSniff(new Uint8Array(await f.slice(0, 64).arrayBuffer()));
		if (!sniffed)
			return {
				reason: MEDIA_EXTENSIONS.test(f.name)
					? 'the content is not the image, audio or video format its name says'
					: 'not an image, audio or video file'
			};
		const blob = new Blob([await f.arrayBuffer()], { type: sniffed.mime });
		const p = await probe(blob, sniffed.kind);
		if ('error' in p) return { reason: p.error };
		const mime =
			p.kind === 'audio' && sniffed.kind === 'video'
				? sniffed.mime.replace('video/', 'audio/')
				: sniffed.mime;
		const sha256 = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
		const stored = {
			sha256,
			blob: mime === blob.type ? blob : new Blob([blob], { type: mime }),
			mime,
			size: f.size
		};
		const name = f.webkitRelativePath || f.name;
		return {
			blob: stored,
			item: mediaItem({ sha256, kind: p.kind, mime, size: f.size, name, seq, meta: p.meta })
		};
	}
}
