/**
 * Import of labeled data in other tools' formats (issue 9): COCO, YOLO, Pascal VOC, CoNLL, spaCy
 * JSONL, Label Studio, zips of media with such labels, Parquet tables, and encrypted Quorum
 * exports. A dropped file is recognised by name and content; nothing is written until the user
 * has seen the preview (items matched and new, annotations per task, the label mapping, problems
 * with file and place) and pressed Import. Then the media blobs are stored in one IndexedDB
 * transaction and schema, items and annotations in one Yjs transaction: all or nothing.
 */
import { PassphraseError } from '$lib/core/crypto';
import { FormatError } from '$lib/core/errors';
import { itemsFromRows } from '$lib/core/formats/import-items';
import type { RowProblem } from '$lib/core/formats/import-types';
import type { InteropProblem } from '$lib/core/formats/interop/common';
import {
	INTEROP_NAMES,
	interopDetect,
	zipContents,
	type InteropKind
} from '$lib/core/formats/interop/detect';
import type { InteropFiles } from '$lib/core/formats/interop/files';
import {
	isPathOnly,
	mediaAttach,
	mediaMatch,
	type MediaMatch
} from '$lib/core/formats/interop/media-match';
import {
	interopPlan,
	itemStorable,
	planApply,
	type ImportPlan,
	type InteropInput,
	type LabelTarget
} from '$lib/core/formats/interop/plan';
import { sealedPeek, unsealExport } from '$lib/core/formats/interop/sealed';
import { parquetInfo, parquetRows, parquetTextField } from '$lib/core/formats/parquet';
import { sha256Hex } from '$lib/core/ids';
import { mediaItem, mediaSniff } from '$lib/core/media';
import {
	annotationKey,
	type Annotation,
	type AnnotatorId,
	type LabelSchema,
	type EpochMs,
	type Item,
	type ItemId,
	type LabelId,
	type MediaKind
} from '$lib/core/types';
import { personSpansLabeled } from '$lib/core/privacy/persons';
import { importRedact, redactionKey, type TextRedaction } from '$lib/core/privacy/redact-items';
import type { ImportRow } from '$lib/core/formats/import-types';
import type { ModelIO } from '$lib/ml/model-io';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import { ORIGIN, annotationWrite, itemsAdd, logAppend, metaSet } from '$lib/sync/doc';
import { pickedMedia } from './interop-media';
import { parquetRecordsWatched } from './parquet-read';
import { mediaProbe, type Probe } from './media-import.svelte';
import { personModelLoad, reviewEntries } from './pii-persons';
import { RedactionReview } from './redaction.svelte';
import type { ProjectSession } from './project-session.svelte';

export interface InteropDeps {
	blobs: BlobsRepo;
	probe?(blob: Blob, kind: MediaKind): Promise<Probe>;
	now?(): number;
	/** Where the project's span models are saved (tests pass memory; default: TF.js's IndexedDB). */
	modelIO?: ModelIO;
	/** How long a Parquet read may go without a row group before it is stopped (tests: short). */
	parquetStallMs?: number;
}

export interface TaskCount {
	task: string;
	kind: string;
	annotations: number;
	regions: number;
	isNew: boolean;
}

export interface LabelsPreview {
	type: 'labels';
	file: string;
	kind: InteropKind;
	plan: ImportPlan;
	/** Items of the project the file refers to, and items it adds (with media from the zip or not). */
	matched: number;
	added: number;
	addedWithMedia: number;
	/** New image items the file names by a path only: their media are not on this device. */
	addedNoMedia: number;
	/**
	 * Items of the project the file refers to that were imported earlier by a path only and still
	 * have no media here (and get none from this import yet).
	 */
	existingNoMedia: number;
	/** The paths of the new and the existing items without media (as the file names them). */
	noMediaPaths: string[];
	/**
	 * Items of the project, imported earlier by a path only, that get their media from this import
	 * (same id, labels and place in the queue; only the media are added).
	 */
	attach: Item[];
	/** Media the user added for items named by a path: which matched, which did not. */
	mediaAdded?: MediaMatch & { ignored: string[] };
	/** Media files of the zip the labels do not mention (imported as unlabeled items). */
	mediaUnlabeled: number;
	tasks: TaskCount[];
	problems: InteropProblem[];
	problemCount: number;
	/** Blobs of the zip's media, by item id. */
	blobs: Map<ItemId, StoredBlob>;
	/** Media items of the zip no label refers to. */
	extraItems: Item[];
}

export interface ParquetPreview {
	type: 'parquet';
	file: string;
	bytes: Uint8Array;
	rows: number;
	fields: string[];
	sample: Record<string, string>[];
}

export interface InteropResultView {
	file: string;
	added: number;
	annotations: number;
	/** Annotations already in the project (same item, task and annotator): kept as they were. */
	kept: number;
	/** Items of the project, imported earlier without their images, that got them now. */
	attached: number;
	labelsCreated: number;
	skippedRegions: number;
	problems: (InteropProblem | RowProblem)[];
	duplicates: number;
	/** Lowest `seq` of the items it added: the Prepare page's report of this import starts there. */
	seqFrom: number;
	/** Texts redacted after the personal-data review, and spans moved or widened with them. */
	redacted?: { texts: number; findings: number; moved: number; widened: number };
	/** The first imported image with boxes, to show them (object URL of the imported blob). */
	sample?: {
		name: string;
		url: string;
		width: number;
		height: number;
		boxes: { x: number; y: number; w: number; h: number; label: string }[];
	};
}

const HEAD_BYTES = 64 * 1024;

/** Regions of a value (boxes, shapes, spans, …), or its choices. */
function regionsOf(v: unknown): number {
	const o = v as Record<string, unknown>;
	for (const k of ['boxes', 'shapes', 'instances', 'spans', 'labels', 'segments', 'tracks'])
		if (Array.isArray(o[k])) return (o[k] as unknown[]).length;
	return 1;
}

export class InteropImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: InteropDeps;

	/** An encrypted file waiting for its passphrase. */
	sealed = $state.raw<{ file: File; inner: string } | undefined>(undefined);
	passphraseError = $state('');
	preview = $state.raw<LabelsPreview | ParquetPreview | undefined>(undefined);
	/** The user's choice per file label (plan label id); absent: keep. */
	targets = $state<Record<string, LabelTarget>>({});
	/** Parquet: which column is the text, which are kept as metadata. */
	textField = $state('');
	metaFields = $state<string[]>([]);
	busy = $state(false);
	error = $state('');
	result = $state.raw<InteropResultView | undefined>(undefined);
	/** Find personal data in what the import adds, and review its redaction before writing. */
	redact = $state(false);
	/** The open redaction review (Import was pressed with `redact` on); nothing is written yet. */
	review = $state.raw<RedactionReview | undefined>(undefined);
	/** Names of the spans tasks whose trained model found names in the open review. */
	reviewModelTasks = $state.raw<string[]>([]);
	/** What the review covers, fixed when Import was pressed. */
	#pending:
		| { type: 'labels'; out: ReturnType<typeof planApply> }
		| { type: 'parquet'; rows: ImportRow[]; problems: RowProblem[] }
		| undefined;

	constructor(session: ProjectSession, me: AnnotatorId, deps: InteropDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	get kindName(): string {
		const p = this.preview;
		return !p ? '' : p.type === 'parquet' ? 'Parquet' : INTEROP_NAMES[p.kind];
	}

	/**
	 * Takes the files it recognises (one preview at a time) and returns the others: plain data
	 * files for the row importer, and zips of media alone for the media importer.
	 */
	async take(files: readonly File[]): Promise<{ rest: File[]; media: File[] }> {
		const rest: File[] = [];
		const media: File[] = [];
		for (const file of files) {
			const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
			const kind = interopDetect(file.name, head);
			if (kind === undefined) {
				rest.push(file);
				continue;
			}
			if (this.busy || this.preview || this.sealed) {
				this.error = `Finish or cancel the import of ${this.preview?.file ?? this.sealed?.file.name} first; ${file.name} was not read.`;
				continue;
			}
			this.error = '';
			this.result = undefined;
			if (kind === 'zip') {
				const bytes = new Uint8Array(await file.arrayBuffer());
				try {
					const z = zipContents(bytes, file.name);
					if (!z.kind) {
						if (Object.keys(z.media).length && !Object.keys(z.labels).length) media.push(file);
						else
							this.error = `${file.name}: no COCO JSON, YOLO labels (classes.txt) or Pascal VOC XML in the zip; nothing was imported.`;
						continue;
					}
					await this.#plan(file.name, z.kind, z.labels, z.media);
				} catch (e) {
					this.#fail(e);
				}
			} else await this.open(file, kind);
		}
		return { rest, media };
	}

	async open(
		file: File,
		kind: Exclude<ReturnType<typeof interopDetect>, undefined | 'zip'>
	): Promise<void> {
		const bytes = new Uint8Array(await file.arrayBuffer());
		try {
			if (kind === 'sealed') {
				this.sealed = { file, inner: sealedPeek(bytes, file.name) };
				this.passphraseError = '';
			} else if (kind === 'parquet') await this.#parquet(file.name, bytes);
			else await this.#plan(file.name, kind, bytes, {});
		} catch (e) {
			this.#fail(e);
		}
	}

	/** Decrypts the waiting encrypted file and reads what it holds. */
	async unlock(passphrase: string): Promise<void> {
		const s = this.sealed;
		if (!s) return;
		this.busy = true;
		this.passphraseError = '';
		try {
			const inner = await unsealExport(
				new Uint8Array(await s.file.arrayBuffer()),
				s.file.name,
				passphrase
			);
			this.sealed = undefined;
			this.busy = false;
			const f = new File([inner.bytes as Uint8Array<ArrayBuffer>], inner.name);
			const { rest, media } = await this.take([f]);
			if (rest.length || media.length)
				this.error = `${s.file.name} holds ${inner.name}, which is not a labeled-data file: drop it again after saving it decrypted, or import it with the data importer.`;
		} catch (e) {
			this.passphraseError =
				e instanceof PassphraseError
					? `${s.file.name}: ${e.message} Nothing was imported.`
					: e instanceof Error
						? e.message
						: String(e);
		} finally {
			this.busy = false;
		}
	}

	#fail(e: unknown): void {
		this.preview = undefined;
		this.error =
			e instanceof FormatError
				? `Nothing was imported. ${e.file}${e.line === undefined ? '' : `, line ${e.line}`}: ${e.reason}`
				: `Nothing was imported: ${e instanceof Error ? e.message : String(e)}`;
	}

	#projectItems(): Item[] {
		const out: Item[] = [];
		for (const id of this.#s.index.order) {
			const it = this.#s.index.item(id);
			if (it) out.push(it);
		}
		return out;
	}

	/** Hashes, sniffs and decodes the zip's media into items (problems listed by file). */
	async #media(
		file: string,
		media: Record<string, Uint8Array>,
		now: number,
		problems: InteropProblem[],
		seq0 = 0
	): Promise<{ items: Item[]; blobs: Map<ItemId, StoredBlob>; paths: string[] }> {
		const probe = this.#deps.probe ?? mediaProbe;
		const items: Item[] = [];
		const blobs = new Map<ItemId, StoredBlob>();
		const paths: string[] = [];
		let i = seq0;
		for (const [name, data] of Object.entries(media)) {
			const sniffed = mediaSniff(data.subarray(0, 64));
			const where = `${file}/${name}`;
			if (!sniffed) {
				problems.push({ file: where, where: 'file', reason: 'not an image, audio or video file' });
				continue;
			}
			const blob = new Blob([data as Uint8Array<ArrayBuffer>], { type: sniffed.mime });
			const p = await probe(blob, sniffed.kind);
			if ('error' in p) {
				problems.push({ file: where, where: 'file', reason: p.error });
				continue;
			}
			const sha256 = await sha256Hex(data);
			const item = mediaItem({
				sha256,
				kind: p.kind,
				mime: sniffed.mime,
				size: data.length,
				name: name.split('/').pop() ?? name,
				seq: now * 1000 + i++,
				meta: p.meta
			});
			if (blobs.has(item.id)) continue;
			items.push(item);
			paths.push(name);
			blobs.set(item.id, { sha256, blob, mime: sniffed.mime, size: data.length });
		}
		return { items, blobs, paths };
	}

	async #plan(
		file: string,
		kind: InteropKind,
		input: InteropInput,
		media: Record<string, Uint8Array>,
		added?: { media: Record<string, Uint8Array>; ignored: string[] }
	): Promise<void> {
		this.busy = true;
		try {
			this.#source = { file, kind, input, media };
			const now = this.#deps.now?.() ?? Date.now();
			const mediaProblems: InteropProblem[] = [];
			const m = await this.#media(file, media, now, mediaProblems);
			const a = added
				? await this.#media('added', added.media, now, mediaProblems, m.items.length)
				: undefined;
			for (const [id, b] of a?.blobs ?? []) m.blobs.set(id, b);
			const project = this.#projectItems();
			const plan = interopPlan(
				kind,
				input as string | Uint8Array | InteropFiles,
				file,
				this.#s.schema,
				{ items: [...project, ...m.items, ...(a?.items ?? [])], now }
			);
			const index = this.#s.index;
			const used = new Set(plan.result.items.map((i) => i.id));
			const fresh = plan.result.items.filter((i) => !index.has(i.id));
			const tasks = new Map<string, TaskCount>();
			for (const t of plan.result.schema.tasks)
				tasks.set(t.id, {
					task: t.name,
					kind: t.type,
					annotations: 0,
					regions: 0,
					isNew: plan.newTasks.some((n) => n.id === t.id)
				});
			for (const a of plan.result.annotations) {
				const c = tasks.get(a.task);
				if (!c) continue;
				c.annotations++;
				c.regions += regionsOf(a.value);
			}
			const freshPaths = fresh.flatMap((i) =>
				itemStorable(i) !== i && i.media && 'url' in i.media ? [i.media.url] : []
			);
			// Items of the project the file names that an earlier import left without media: the
			// zip's or the added media matching their paths attach to them (same id and labels).
			const stale = plan.result.items.filter((i) => index.has(i.id) && isPathOnly(i));
			const pool = new Map<string, Item>();
			m.paths.forEach((path, k) => pool.set(path, m.items[k] as Item));
			a?.paths.forEach((path, k) => pool.has(path) || pool.set(path, a.items[k] as Item));
			const att = mediaAttach(stale, pool);
			const attachedMedia = new Set(att.from.map((f) => f.media));
			for (const f of att.from) {
				const blob = m.blobs.get(f.media);
				if (blob) m.blobs.set(f.item, blob);
			}
			const noMediaPaths = [...freshPaths, ...stale.map((i) => i.source as string)];
			if (!added) {
				this.#needPaths = noMediaPaths;
				this.#picked = { media: {}, ignored: [] };
			}
			if (!added) this.targets = {};
			this.preview = {
				type: 'labels',
				file,
				kind,
				plan,
				matched: plan.result.items.length - fresh.length,
				added: fresh.length,
				addedWithMedia: fresh.filter((i) => m.blobs.has(i.id)).length,
				addedNoMedia: fresh.filter((i) => itemStorable(i) !== i).length,
				existingNoMedia: att.missing.length,
				noMediaPaths,
				attach: att.items,
				...(a && added
					? { mediaAdded: { ...mediaMatch(this.#needPaths, a.paths), ignored: added.ignored } }
					: {}),
				mediaUnlabeled: m.items.filter(
					(i) => !used.has(i.id) && !index.has(i.id) && !attachedMedia.has(i.id)
				).length,
				tasks: [...tasks.values()].filter((t) => t.annotations > 0 || t.isNew),
				problems: [...mediaProblems, ...plan.result.problems],
				problemCount: mediaProblems.length + plan.result.problemCount,
				blobs: m.blobs,
				extraItems: m.items.filter((i) => !used.has(i.id) && !attachedMedia.has(i.id))
			};
		} finally {
			this.busy = false;
		}
	}

	/** What the current labels preview was made from, to plan it again with added media. */
	#source:
		| { file: string; kind: InteropKind; input: InteropInput; media: Record<string, Uint8Array> }
		| undefined;
	/** Paths of the items the file names without media, before any were added. */
	#needPaths: string[] = [];
	/** Media added so far to the current preview (each pick adds to them). */
	#picked: { media: Record<string, Uint8Array>; ignored: string[] } = { media: {}, ignored: [] };

	/**
	 * Adds images (files, a folder, or zips) for the items the previewed file names by a path
	 * only, and plans the import again with them: each matches by file name (also without Label
	 * Studio's upload prefix); files that match nothing are not imported. The label choices stay.
	 */
	async addMedia(files: readonly File[]): Promise<void> {
		const src = this.#source;
		if (!src || this.preview?.type !== 'labels' || this.busy) return;
		this.error = '';
		try {
			const picked = await pickedMedia(files);
			this.#picked = {
				media: { ...this.#picked.media, ...picked.media },
				ignored: [...this.#picked.ignored, ...picked.ignored]
			};
			await this.#plan(src.file, src.kind, src.input, src.media, this.#picked);
		} catch (e) {
			this.error = `The images were not added: ${e instanceof Error ? e.message : String(e)}`;
		}
	}

	async #parquet(file: string, bytes: Uint8Array): Promise<void> {
		const info = parquetInfo(bytes, file);
		const sample = await parquetRecordsWatched(bytes, file, 5, this.#deps.parquetStallMs);
		this.textField = parquetTextField(sample, info.fields);
		this.metaFields = info.fields.filter((f) => f !== this.textField);
		this.preview = { type: 'parquet', file, bytes, rows: info.rows, fields: info.fields, sample };
	}

	/** Drops the preview; nothing was written. */
	cancel(): void {
		this.review = undefined;
		this.#pending = undefined;
		this.preview = undefined;
		this.sealed = undefined;
		this.targets = {};
		this.error = '';
		this.passphraseError = '';
	}

	/**
	 * Writes the previewed import: blobs first, then everything else in one transaction. With
	 * `redact` on, it first opens the review of the personal data in what the import adds, and
	 * writes nothing until `reviewDone(true)`.
	 */
	async apply(): Promise<InteropResultView | undefined> {
		const p = this.preview;
		if (!p || this.busy) return undefined;
		if (this.redact && !this.review) {
			await this.#reviewOpen(p);
			return undefined;
		}
		this.busy = true;
		this.error = '';
		const now = this.#deps.now?.() ?? Date.now();
		try {
			const edits = this.review?.edits();
			const r =
				p.type === 'parquet'
					? await this.#applyParquet(p, now, edits)
					: await this.#applyLabels(p, now, edits);
			if (edits && this.review)
				r.redacted = {
					...(r.redacted ?? { moved: 0, widened: 0 }),
					texts: edits.size,
					findings: this.review.appliedCount
				};
			await this.#s.flush();
			this.preview = undefined;
			this.targets = {};
			this.review = undefined;
			this.#pending = undefined;
			this.result = r;
			return r;
		} catch (e) {
			this.#fail(e);
			this.review = undefined;
			this.#pending = undefined;
			return undefined;
		} finally {
			this.busy = false;
		}
	}

	/** Answers the open review: write the import with the checked redactions, or go back to the preview. */
	async reviewDone(apply: boolean): Promise<InteropResultView | undefined> {
		if (!this.review) return undefined;
		if (apply) return this.apply();
		this.review = undefined;
		this.#pending = undefined;
		return undefined;
	}

	/** Finds personal data in the texts and metadata the import would add, for the review. */
	async #reviewOpen(p: LabelsPreview | ParquetPreview): Promise<void> {
		this.busy = true;
		this.error = '';
		try {
			const model = await personModelLoad(this.#s.id, this.#s.schema, this.#deps.modelIO).catch(
				() => undefined
			);
			let items: Item[];
			let labeled = new Map<string, { start: number; end: number; source: 'labels' }[]>();
			let where: (it: Item, part: string) => string;
			if (p.type === 'parquet') {
				const records = await parquetRecordsWatched(
					p.bytes,
					p.file,
					undefined,
					this.#deps.parquetStallMs
				);
				const rows = parquetRows(
					records,
					{ textField: this.textField, metaFields: this.metaFields },
					p.file
				);
				this.#pending = { type: 'parquet', rows: rows.rows, problems: rows.problems };
				items = rows.rows.map((r, i) => ({
					id: `r${i}` as ItemId,
					kind: 'text',
					text: r.text,
					seq: i,
					...(r.meta ? { meta: r.meta } : {})
				}));
				where = (it, part) =>
					`${p.file}, row ${(rows.rows[Number(it.id.slice(1))]?.line ?? 0).toLocaleString('en')}${part === 'text' ? '' : `, ${part}`}`;
			} else {
				const out = planApply(
					p.plan,
					new Map(Object.entries(this.targets) as [LabelId, LabelTarget][])
				);
				this.#pending = { type: 'labels', out };
				const index = this.#s.index;
				items = [...out.items, ...p.extraItems].filter((i) => !index.has(i.id));
				labeled = personSpansLabeled(out.schema, out.annotations, (item, field) =>
					redactionKey(item, field ? `f:${field}` : '')
				) as typeof labeled;
				const name = (it: Item) => it.media?.name ?? it.source ?? '';
				where = (it, part) => {
					const n = it.text === undefined ? name(it) : '';
					return `${p.file}${n ? `, ${n}` : `, text ${out.items.indexOf(it) + 1}`}${part === 'text' ? '' : `, ${part}`}`;
				};
			}
			const entries = await reviewEntries(items, labeled, model, where);
			this.review = new RedactionReview(entries);
			this.reviewModelTasks = model && this.review.personSources.model > 0 ? model.tasks : [];
		} catch (e) {
			this.#fail(e);
		} finally {
			this.busy = false;
		}
	}

	async #applyLabels(
		p: LabelsPreview,
		now: number,
		edits?: ReadonlyMap<string, TextRedaction>
	): Promise<InteropResultView> {
		const targets = new Map(Object.entries(this.targets) as [LabelId, LabelTarget][]);
		let out = this.#pending?.type === 'labels' ? this.#pending.out : planApply(p.plan, targets);
		let extra = p.extraItems;
		let shifted = { moved: 0, widened: 0 };
		if (edits?.size) {
			const fresh = [...out.items, ...extra].filter((i) => !this.#s.index.has(i.id));
			const red = importRedact(fresh, out.annotations, out.schema, edits);
			const byOld = new Map(fresh.map((it, k) => [it.id, red.items[k] as Item]));
			const swap = (it: Item) => byOld.get(it.id) ?? it;
			out = { ...out, items: out.items.map(swap), annotations: red.annotations };
			extra = extra.map(swap);
			shifted = { moved: red.moved, widened: red.widened };
		}
		// The import's new items in one run of seq from now·1000, as the row importer numbers
		// them: the Prepare page reports on this import from there.
		const seqFrom = now * 1000;
		let k = 0;
		const items = [...out.items, ...extra].map((it) =>
			this.#s.index.has(it.id) ? it : { ...it, seq: seqFrom + k++ }
		);
		const blobs = items.flatMap((i) => {
			const b = p.blobs.get(i.id);
			return b ? [b] : [];
		});
		await this.#deps.blobs.putMany(blobs);
		const before = new Set(
			this.#s.schema.tasks.flatMap((t) => ('labels' in t ? t.labels.map((l) => l.id) : []))
		);
		const labelsCreated = out.schema.tasks.reduce(
			(n, t) => n + ('labels' in t ? t.labels.filter((l) => !before.has(l.id)).length : 0),
			0
		);
		let added = 0;
		let written = 0;
		// Media for items of the project still without them (another device may have added them
		// since the preview): a line with the same id and a lower seq, which the doc index and every
		// peer take over the path-only line (the lower seq wins). Annotations stay on the same id.
		const attach = p.attach.filter((it) => isPathOnly(this.#s.index.item(it.id)));
		// Items of the project the file names are matched, not duplicates: only the file's own
		// repeats count as skipped.
		const newIds = items.filter((it) => !this.#s.index.has(it.id)).length;
		const sp = this.#s.p;
		sp.doc.transact(() => {
			if (JSON.stringify(out.schema) !== JSON.stringify(this.#s.schema))
				metaSet(sp, { schema: out.schema }, ORIGIN.IMPORT);
			added = itemsAdd(sp, items, ORIGIN.IMPORT, (id) => this.#s.index.has(id));
			if (attach.length) itemsAdd(sp, attach, ORIGIN.IMPORT, () => false);
			for (const a of out.annotations) {
				if (sp.annotations.has(annotationKey(a.item, a.task, a.annotator))) continue;
				annotationWrite(sp, a, ORIGIN.IMPORT);
				written++;
			}
			logAppend(
				sp,
				{
					at: now as EpochMs,
					who: this.#me,
					what: 'import',
					detail: `${INTEROP_NAMES[p.kind]} ${p.file}: ${added} items, ${written} annotations${attach.length ? `, media for ${attach.length} items` : ''}`
				},
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		return {
			...this.#sample(p, out.annotations, out.schema),
			file: p.file,
			added,
			annotations: written,
			kept: out.annotations.length - written,
			attached: attach.length,
			labelsCreated,
			skippedRegions: out.skipped,
			problems: p.problems,
			duplicates: newIds - added,
			seqFrom,
			...(edits ? { redacted: { texts: 0, findings: 0, ...shifted } } : {})
		};
	}

	#sample(
		p: LabelsPreview,
		annotations: readonly Annotation[],
		schema: LabelSchema
	): Pick<InteropResultView, 'sample'> {
		for (const a of annotations) {
			if (a.value.type !== 'boxes' || a.value.boxes.length === 0) continue;
			const b = p.blobs.get(a.item);
			const item =
				p.attach.find((i) => i.id === a.item) ??
				p.plan.result.items.find((i) => i.id === a.item) ??
				p.extraItems.find((i) => i.id === a.item);
			const width = Number(item?.meta?.width);
			const height = Number(item?.meta?.height);
			if (!b || !item || !(width > 0 && height > 0)) continue;
			const task = schema.tasks.find((t) => t.id === a.task);
			const name = (id: string) =>
				(task && 'labels' in task ? task.labels.find((l) => l.id === id)?.name : undefined) ?? id;
			if (this.#url) URL.revokeObjectURL(this.#url);
			this.#url = URL.createObjectURL(b.blob);
			return {
				sample: {
					name: item.media?.name ?? item.id,
					url: this.#url,
					width,
					height,
					boxes: a.value.boxes.map((x) => ({
						x: x.x,
						y: x.y,
						w: x.w,
						h: x.h,
						label: name(x.label)
					}))
				}
			};
		}
		return {};
	}

	#url: string | undefined;

	async #applyParquet(
		p: ParquetPreview,
		now: number,
		edits?: ReadonlyMap<string, TextRedaction>
	): Promise<InteropResultView> {
		let rows: { rows: ImportRow[]; problems: RowProblem[] };
		if (this.#pending?.type === 'parquet') rows = this.#pending;
		else {
			const records = await parquetRecordsWatched(
				p.bytes,
				p.file,
				undefined,
				this.#deps.parquetStallMs
			);
			rows = parquetRows(
				records,
				{ textField: this.textField, metaFields: this.metaFields },
				p.file
			);
		}
		if (edits?.size)
			rows = {
				...rows,
				rows: rows.rows.map((r, i) => {
					const text = edits.get(redactionKey(`r${i}`))?.text ?? r.text;
					if (!r.meta) return { ...r, text };
					const meta = Object.fromEntries(
						Object.entries(r.meta).map(([k, v]) => [
							k,
							edits.get(redactionKey(`r${i}`, `m:${k}`))?.text ?? v
						])
					);
					return { ...r, text, meta };
				})
			};
		const made = itemsFromRows(rows.rows, {
			file: p.file,
			seqStart: now * 1000,
			seen: new Set<ItemId>(),
			existing: this.#s.index
		});
		let added = 0;
		const sp = this.#s.p;
		sp.doc.transact(() => {
			added = itemsAdd(sp, made.items, ORIGIN.IMPORT, (id) => this.#s.index.has(id));
			logAppend(
				sp,
				{
					at: now as EpochMs,
					who: this.#me,
					what: 'import',
					detail: `Parquet ${p.file}: ${added} items`
				},
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		return {
			file: p.file,
			added,
			annotations: 0,
			kept: 0,
			attached: 0,
			labelsCreated: 0,
			skippedRegions: 0,
			problems: rows.problems,
			duplicates: made.duplicates,
			seqFrom: now * 1000
		};
	}
}
