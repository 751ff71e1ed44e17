/**
 * An import of one or more files into the open project. Files stream through the core parsers in
 * batches; rows are hashed into items (duplicates skipped and counted) and staged in memory. Only a
 * finished import is committed, in one Yjs transaction that IndexedDB stores in one write, so an
 * abort, a cancel or a crash never leaves a half-imported project.
 */
import { importFormatDetect, importPreview } from '$lib/core/formats/import-preview';
import { importRows } from '$lib/core/formats/import-rows';
import { itemsFromRows } from '$lib/core/formats/import-items';
import type { ImportFormat, RowProblem } from '$lib/core/formats/import-types';
import { textChunksDecode, textHeadDecode } from '$lib/core/formats/text-decode';
import { FormatError } from '$lib/core/errors';
import type { EpochMs, Item, ItemId, LabelId, TaskId } from '$lib/core/types';
import { ORIGIN, goldWrite, itemsAdd, logAppend } from '$lib/sync/doc';
import type { AnnotatorId } from '$lib/core/types';
import type { ProjectSession } from './project-session.svelte';
import { personModelLoad } from './pii-persons';
import { RedactionReview } from './redaction.svelte';
import type { ImportRow } from '$lib/core/formats/import-types';

export interface ImportFile {
	file: File;
	format: ImportFormat;
	fields: string[];
	sample: Record<string, string>[];
	textField: string;
	metaFields: string[];
	/** A column of known answers (label names): its items become gold items of the first label task. */
	goldField?: string;
}

export interface ImportProgress {
	bytes: number;
	totalBytes: number;
	rows: number;
	added: number;
	duplicates: number;
	problems: number;
	startedAt: number;
	now: number;
	file: string;
}

export interface ImportResult {
	added: number;
	duplicates: number;
	problems: RowProblem[];
	problemCount: number;
	cancelled: boolean;
	error?: string;
	/** Gold answers imported, and gold values that named no label (left out). */
	gold?: number;
	goldUnknown?: string[];
}

const HEAD_BYTES = 64 * 1024;
const MAX_PROBLEMS_KEPT = 1000;

async function* fileBytes(file: File, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
	const reader = file.stream().getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		onBytes(value.byteLength);
		yield value;
	}
}

/** UTF-8, or UTF-16 with a byte-order mark; other encodings are a FormatError with the line. */
function fileChunks(file: File, onBytes: (n: number) => void): AsyncGenerator<string> {
	return textChunksDecode(fileBytes(file, onBytes), file.name);
}

export class ImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#now: () => number;
	#cancel = false;

	files = $state<ImportFile[]>([]);
	policy = $state<'skip' | 'abort'>('skip');
	running = $state(false);
	progress = $state<ImportProgress | undefined>();
	result = $state<ImportResult | undefined>();
	pickError = $state('');
	/** Find personal data in the rows and review its redaction before anything is written. */
	redact = $state(false);
	/** The open redaction review; `reviewDone` answers it (true: apply the checked redactions). */
	review = $state.raw<RedactionReview | undefined>();
	/** Names of the spans tasks whose trained model found names in the open review. */
	reviewModelTasks = $state.raw<string[]>([]);
	#reviewAnswer: ((apply: boolean) => void) | undefined;

	constructor(session: ProjectSession, me: AnnotatorId, now: () => number = Date.now) {
		this.#s = session;
		this.#me = me;
		this.#now = now;
	}

	/** Reads the head of each file to detect its format and offer its fields. */
	async add(list: readonly File[]): Promise<void> {
		this.pickError = '';
		this.result = undefined;
		const added: ImportFile[] = [];
		for (const file of list) {
			try {
				const head = await textHeadDecode(
					new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()),
					file.name
				);
				const format = importFormatDetect(file.name, head);
				const preview = importPreview(file.name, head, format);
				added.push({
					file,
					format,
					fields: preview.fields,
					sample: preview.sample,
					textField: preview.suggestedTextField ?? preview.fields[0] ?? '',
					metaFields: preview.fields.filter(
						(f) => f !== (preview.suggestedTextField ?? preview.fields[0])
					)
				});
			} catch (e) {
				this.pickError = e instanceof Error ? e.message : String(e);
			}
		}
		this.files = [...this.files, ...added];
	}

	remove(i: number): void {
		this.files = this.files.filter((_, j) => j !== i);
	}

	clear(): void {
		this.files = [];
		this.result = undefined;
	}

	cancel(): void {
		this.#cancel = true;
		this.reviewDone(false);
	}

	/** Answers the open redaction review: apply the checked redactions, or cancel the import. */
	reviewDone(apply: boolean): void {
		const answer = this.#reviewAnswer;
		this.#reviewAnswer = undefined;
		answer?.(apply);
	}

	/**
	 * Rows held for review: their text and metadata, with where each came from. Names also come
	 * from the project's trained span model of a PERSON-like label, when one is saved here.
	 */
	async #reviewOpen(pending: { rows: ImportRow[]; file: string }[]): Promise<boolean> {
		const model = await personModelLoad(this.#s.id, this.#s.schema).catch(() => undefined);
		const persons = (text: string) => {
			const found = model?.fields.includes(undefined) ? model.find(text) : [];
			return found.length ? { persons: found } : {};
		};
		const entries = pending.flatMap((b, bi) =>
			b.rows.flatMap((r, i) => [
				{
					key: `${bi}#${i}#`,
					where: `${b.file}, line ${r.line}`,
					text: r.text,
					...persons(r.text)
				},
				...Object.entries(r.meta ?? {}).map(([k, v]) => ({
					key: `${bi}#${i}#${k}`,
					where: `${b.file}, line ${r.line}, ${k}`,
					text: v
				}))
			])
		);
		this.review = new RedactionReview(entries);
		this.reviewModelTasks = model && this.review.personSources.model > 0 ? model.tasks : [];
		return new Promise<boolean>((resolve) => (this.#reviewAnswer = resolve));
	}

	get rate(): number {
		const p = this.progress;
		if (!p) return 0;
		const s = (p.now - p.startedAt) / 1000;
		return s > 0 ? p.rows / s : 0;
	}

	/** Estimated ms left, from bytes read so far. */
	get etaMs(): number {
		const p = this.progress;
		if (!p || p.bytes === 0) return NaN;
		const spent = p.now - p.startedAt;
		return (spent * (p.totalBytes - p.bytes)) / p.bytes;
	}

	async run(): Promise<ImportResult> {
		this.running = true;
		this.#cancel = false;
		const staged: Item[] = [];
		const seen = new Set<ItemId>();
		const problems: RowProblem[] = [];
		let problemCount = 0;
		let duplicates = 0;
		let rows = 0;
		const startedAt = this.#now();
		const seqBase = startedAt * 1000;
		const totalBytes = this.files.reduce((n, f) => n + f.file.size, 0);
		const task = this.#s.schema.tasks.find((t) => t.type === 'classification');
		const byName = new Map(task?.labels.map((l) => [l.name.trim().toLowerCase(), l.id]) ?? []);
		const gold = new Map<ItemId, LabelId>();
		const goldUnknown = new Set<string>();
		let bytes = 0;
		const tick = (file: string) => {
			this.progress = {
				bytes,
				totalBytes,
				rows,
				added: staged.length,
				duplicates,
				problems: problemCount,
				startedAt,
				now: this.#now(),
				file
			};
		};
		/** Moves an item's gold value out of its metadata (annotators must not see it). */
		const goldTake = (it: Item, field: string, strip: boolean) => {
			const v = it.meta?.[field]?.trim();
			if (strip && it.meta) {
				delete it.meta[field];
				if (Object.keys(it.meta).length === 0) delete it.meta;
			}
			if (!v) return;
			const label = byName.get(v.toLowerCase());
			if (label) gold.set(it.id, label);
			else if (goldUnknown.size < 20) goldUnknown.add(v);
		};
		const redact = this.redact;
		const pending: {
			rows: ImportRow[];
			file: string;
			f: ImportFile;
			goldField: string | undefined;
			seq: number;
		}[] = [];
		/** Hashes rows into items (skipping duplicates) and stages them for the commit. */
		const stage = (
			batch: ImportRow[],
			f: ImportFile,
			goldField: string | undefined,
			seq: number
		) => {
			const made = itemsFromRows(batch, {
				file: f.file.name,
				seqStart: seq,
				seen,
				existing: this.#s.index
			});
			duplicates += made.duplicates;
			for (const it of made.items) {
				if (goldField) goldTake(it, goldField, !f.metaFields.includes(goldField));
				staged.push(it);
			}
		};
		const finish = (r: ImportResult): ImportResult => {
			this.result = r;
			this.running = false;
			return r;
		};
		try {
			for (const f of this.files) {
				const chunks = fileChunks(f.file, (n) => (bytes += n));
				const goldField = task && f.goldField ? f.goldField : undefined;
				const metaFields =
					goldField && !f.metaFields.includes(goldField)
						? [...f.metaFields, goldField]
						: f.metaFields;
				for await (const batch of importRows({
					file: f.file.name,
					format: f.format,
					mapping: { textField: f.textField, metaFields },
					chunks,
					onError: this.policy
				})) {
					if (this.#cancel)
						return finish({ added: 0, duplicates, problems, problemCount, cancelled: true });
					problemCount += batch.problemCount;
					for (const p of batch.problems) if (problems.length < MAX_PROBLEMS_KEPT) problems.push(p);
					if (redact) {
						// Items are content-addressed and immutable: hold rows until the review is done.
						pending.push({
							rows: batch.rows,
							file: f.file.name,
							f,
							goldField,
							seq: seqBase + rows
						});
						rows += batch.rows.length;
					} else {
						stage(batch.rows, f, goldField, seqBase + rows);
						rows += batch.rows.length;
					}
					tick(f.file.name);
					// Yield to the event loop so the progress bar paints and Cancel stays clickable.
					await new Promise((r) => setTimeout(r, 0));
				}
			}
			if (pending.length > 0 && !this.#cancel) {
				const apply = await this.#reviewOpen(pending);
				const edits = apply && this.review ? this.review.redacted() : new Map<string, string>();
				this.review = undefined;
				if (!apply) this.#cancel = true;
				else
					pending.forEach((b, bi) =>
						stage(
							b.rows.map((r, i) => {
								const text = edits.get(`${bi}#${i}#`) ?? r.text;
								if (!r.meta) return { ...r, text };
								const meta = Object.fromEntries(
									Object.entries(r.meta).map(([k, v]) => [k, edits.get(`${bi}#${i}#${k}`) ?? v])
								);
								return { ...r, text, meta };
							}),
							b.f,
							b.goldField,
							b.seq
						)
					);
			}
			if (this.#cancel)
				return finish({ added: 0, duplicates, problems, problemCount, cancelled: true });
			const added = this.commit(staged, task ? { task: task.id, answers: gold } : undefined);
			await this.#s.flush();
			this.files = [];
			return finish({
				added,
				duplicates,
				problems,
				problemCount,
				cancelled: false,
				...(gold.size || goldUnknown.size ? { gold: gold.size, goldUnknown: [...goldUnknown] } : {})
			});
		} catch (e) {
			const error =
				e instanceof FormatError
					? `Import stopped, nothing was imported. ${e.message}`
					: e instanceof Error
						? e.message
						: String(e);
			return finish({ added: 0, duplicates, problems, problemCount, cancelled: false, error });
		}
	}

	/** Writes staged items in one transaction; returns how many were new. */
	commit(
		items: readonly Item[],
		gold?: { task: TaskId; answers: ReadonlyMap<ItemId, LabelId> }
	): number {
		let added = 0;
		this.#s.p.doc.transact(() => {
			added = itemsAdd(this.#s.p, items, ORIGIN.IMPORT, (id) => this.#s.index.has(id));
			for (const [item, label] of gold?.answers ?? [])
				goldWrite(
					this.#s.p,
					{
						item,
						task: gold!.task,
						value: { type: 'classification', labels: [label] },
						by: this.#me,
						at: this.#now() as EpochMs
					},
					ORIGIN.IMPORT
				);
			logAppend(
				this.#s.p,
				{ at: this.#now() as EpochMs, who: this.#me, what: 'import', detail: `${added} items` },
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		return added;
	}
}
