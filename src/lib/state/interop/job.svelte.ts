/**
 * Import of labeled data in other tools' formats (issue 9): COCO, YOLO, Pascal VOC, CoNLL, spaCy
 * JSONL, Label Studio, zips of media with such labels, Parquet tables, and encrypted Quorum
 * exports. A dropped file is recognised by name and content; nothing is written until the user
 * has seen the preview (items matched and new, annotations per task, the label mapping, problems
 * with file and place) and pressed Import. Then the media blobs are stored in one IndexedDB
 * transaction and schema, items and annotations in one doc transaction: all or nothing.
 */
import { FormatError } from '$lib/core/errors';
import { INTEROP_NAMES, interopDetect, zipContents } from '$lib/core/formats/interop/detect';
import { sealedPeek } from '$lib/core/formats/interop/sealed';
import type { AnnotatorId } from '$lib/core/types';
import { mediaProbe } from '../import/media-probe';
import type { RedactionReview } from '../privacy/redaction-review';
import type { ProjectSession } from '../project-session.svelte';
import { InteropChoices } from './choices.svelte';
import { labelsPreview, type AddedMedia, type LabelsSource } from './labels-preview';
import { parquetPreviewRead } from './parquet';
import { pickedMedia } from './picked-media';
import { interopReviewOpen, type Reviewed } from './review';
import { SealedFile } from './sealed.svelte';
import { interopWrite } from './write';
import type { InteropDeps, InteropResultView, LabelsPreview, ParquetPreview } from './types';

export type * from './types';

const HEAD_BYTES = 64 * 1024;

type OpenKind = Exclude<ReturnType<typeof interopDetect>, undefined | 'zip'>;

export class InteropImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: InteropDeps;

	/** The user's choices in the preview (label mapping, Parquet columns, review first). */
	readonly choices = new InteropChoices();
	#sealed = $state.raw<SealedFile | undefined>(undefined);
	#preview = $state.raw<LabelsPreview | ParquetPreview | undefined>(undefined);
	#busy = $state(false);
	#error = $state('');
	#result = $state.raw<InteropResultView | undefined>(undefined);
	/** The open review, what it covers (fixed when Import was pressed), and the model's tasks. */
	#review = $state.raw<
		{ review: RedactionReview; reviewed: Reviewed; modelTasks: string[] } | undefined
	>(undefined);
	/** What the current labels preview was made from, to plan it again with added media. */
	#source: LabelsSource | undefined;
	/** Paths of the items the file names without media, before any were added. */
	#needPaths: string[] = [];
	/** Media added so far to the current preview (each pick adds to them). */
	#picked: AddedMedia = { media: {}, ignored: [] };
	/** The sample image's object URL, revoked when the next one is made. */
	#url: string | undefined;

	constructor(session: ProjectSession, me: AnnotatorId, deps: InteropDeps) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	/** An encrypted file waiting for its passphrase. */
	get sealed(): SealedFile | undefined {
		return this.#sealed;
	}

	get preview(): LabelsPreview | ParquetPreview | undefined {
		return this.#preview;
	}

	get busy(): boolean {
		return this.#busy;
	}

	get error(): string {
		return this.#error;
	}

	get result(): InteropResultView | undefined {
		return this.#result;
	}

	/** The open redaction review (Import was pressed with `redact` on); nothing is written yet. */
	get review(): RedactionReview | undefined {
		return this.#review?.review;
	}

	/** Names of the spans tasks whose trained model found names in the open review. */
	get reviewModelTasks(): readonly string[] {
		return this.#review?.modelTasks ?? [];
	}

	get kindName(): string {
		const p = this.#preview;
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
			if (this.#busy || this.#preview || this.#sealed) {
				this.#error = `Finish or cancel the import of ${this.#preview?.file ?? this.#sealed?.file.name} first; ${file.name} was not read.`;
				continue;
			}
			this.#error = '';
			this.#result = undefined;
			if (kind !== 'zip') {
				await this.open(file, kind);
				continue;
			}
			try {
				const z = zipContents(new Uint8Array(await file.arrayBuffer()), file.name);
				if (z.kind)
					await this.#plan({ file: file.name, kind: z.kind, input: z.labels, media: z.media });
				else if (Object.keys(z.media).length && !Object.keys(z.labels).length) media.push(file);
				else
					this.#error = `${file.name}: no COCO JSON, YOLO labels (classes.txt) or Pascal VOC XML in the zip; nothing was imported.`;
			} catch (e) {
				this.#fail(e);
			}
		}
		return { rest, media };
	}

	async open(file: File, kind: OpenKind): Promise<void> {
		const bytes = new Uint8Array(await file.arrayBuffer());
		try {
			if (kind === 'sealed') {
				this.#sealed = new SealedFile(file, sealedPeek(bytes, file.name));
			} else if (kind === 'parquet') {
				const { preview, mapping } = await parquetPreviewRead(
					file.name,
					bytes,
					this.#deps.parquetStallMs
				);
				this.choices.mapping = mapping;
				this.#preview = preview;
			} else await this.#plan({ file: file.name, kind, input: bytes, media: {} });
		} catch (e) {
			this.#fail(e);
		}
	}

	/** Decrypts the waiting encrypted file and reads what it holds. */
	async unlock(passphrase: string): Promise<void> {
		const s = this.#sealed;
		if (!s || this.#busy) return;
		this.#busy = true;
		const inner = await s.unlock(passphrase).finally(() => (this.#busy = false));
		if (!inner) return;
		this.#sealed = undefined;
		const { rest, media } = await this.take([inner]);
		if (rest.length || media.length)
			this.#error = `${s.file.name} holds ${inner.name}, which is not a labeled-data file: drop it again after saving it decrypted, or import it with the data importer.`;
	}

	#fail(e: unknown): void {
		this.#preview = undefined;
		this.#error =
			e instanceof FormatError
				? `Nothing was imported. ${e.file}${e.line === undefined ? '' : `, line ${e.line}`}: ${e.reason}`
				: `Nothing was imported: ${e instanceof Error ? e.message : String(e)}`;
	}

	/** Previews a labels file; with `added`, again with media the user added (choices stay). */
	async #plan(src: LabelsSource, added?: AddedMedia): Promise<void> {
		this.#busy = true;
		try {
			this.#source = src;
			const preview = await labelsPreview({
				src,
				store: this.#s.store,
				probe: this.#deps.probe ?? mediaProbe,
				now: this.#deps.now?.() ?? Date.now(),
				...(added ? { added, needPaths: this.#needPaths } : {})
			});
			if (!added) {
				this.#needPaths = preview.noMediaPaths;
				this.#picked = { media: {}, ignored: [] };
				this.choices.targets = {};
			}
			this.#preview = preview;
		} finally {
			this.#busy = false;
		}
	}

	/**
	 * Adds images (files, a folder, or zips) for the items the previewed file names by a path
	 * only, and plans the import again with them: each matches by file name (also without Label
	 * Studio's upload prefix); files that match nothing are not imported. The label choices stay.
	 */
	async addMedia(files: readonly File[]): Promise<void> {
		const src = this.#source;
		if (!src || this.#preview?.type !== 'labels' || this.#busy) return;
		this.#error = '';
		try {
			const picked = await pickedMedia(files);
			this.#picked = {
				media: { ...this.#picked.media, ...picked.media },
				ignored: [...this.#picked.ignored, ...picked.ignored]
			};
			await this.#plan(src, this.#picked);
		} catch (e) {
			this.#error = `The images were not added: ${e instanceof Error ? e.message : String(e)}`;
		}
	}

	/** Drops the preview; nothing was written. */
	cancel(): void {
		this.#review = undefined;
		this.#preview = undefined;
		this.#sealed = undefined;
		this.choices.targets = {};
		this.#error = '';
	}

	/**
	 * Writes the previewed import: blobs first, then everything else in one transaction. With
	 * `redact` on, it first opens the review of the personal data in what the import adds, and
	 * writes nothing until `reviewDone(true)`.
	 */
	async apply(): Promise<InteropResultView | undefined> {
		const p = this.#preview;
		if (!p || this.#busy) return undefined;
		if (this.choices.redact && !this.#review) {
			await this.#reviewOpen(p);
			return undefined;
		}
		this.#busy = true;
		this.#error = '';
		try {
			const r = await interopWrite({
				p,
				store: this.#s.store,
				choices: this.choices,
				review: this.#review,
				now: this.#deps.now?.() ?? Date.now(),
				me: this.#me,
				blobs: this.#deps.blobs,
				sampleUrl: (blob) => {
					if (this.#url) URL.revokeObjectURL(this.#url);
					return (this.#url = URL.createObjectURL(blob));
				},
				stallMs: this.#deps.parquetStallMs
			});
			await this.#s.flush();
			this.#preview = undefined;
			this.choices.targets = {};
			this.#result = r;
			return r;
		} catch (e) {
			this.#fail(e);
			return undefined;
		} finally {
			this.#review = undefined;
			this.#busy = false;
		}
	}

	/** Answers the open review: write the import with the checked redactions, or go back to the preview. */
	async reviewDone(apply: boolean): Promise<InteropResultView | undefined> {
		if (!this.#review) return undefined;
		if (apply) return this.apply();
		this.#review = undefined;
		return undefined;
	}

	/** Finds personal data in the texts and metadata the import would add, for the review. */
	async #reviewOpen(p: LabelsPreview | ParquetPreview): Promise<void> {
		this.#busy = true;
		this.#error = '';
		try {
			this.#review = await interopReviewOpen({
				p,
				project: this.#s.id,
				store: this.#s.store,
				targets: this.choices.targets,
				mapping: this.choices.mapping,
				modelIO: this.#deps.modelIO,
				stallMs: this.#deps.parquetStallMs
			});
		} catch (e) {
			this.#fail(e);
		} finally {
			this.#busy = false;
		}
	}
}
