/**
 * An import of one or more data files into the open project. Files stream through the core
 * parsers in batches; rows are hashed into items (duplicates skipped and counted) and staged in
 * memory. Only a finished import is committed, in one transaction that IndexedDB stores in one
 * write, so an abort, a cancel or a crash never leaves a half-imported project.
 */
import { importRows } from '$lib/core/formats/import-rows';
import type { RowProblem } from '$lib/core/formats/import-types';
import { FormatError } from '$lib/core/errors';
import type { AnnotatorId } from '$lib/core/types';
import type { ProjectSession } from '../project-session.svelte';
import { personModelLoad } from '../privacy/person-model';
import { RedactionReview } from '../privacy/redaction-review';
import { fileChunks, importFileOpen } from './rows-file';
import { heldEntries, heldKey, rowsRedact, type HeldRows } from './rows-redact';
import { RowStager } from './rows-stage';
import type { ImportFile, ImportProgress, ImportResult } from './rows-types';

export type { ImportFile, ImportProgress, ImportResult } from './rows-types';

const MAX_PROBLEMS_KEPT = 1000;

/** Rows of one batch held for the redaction review, with how they are to be staged after. */
interface Held extends HeldRows {
	f: ImportFile;
	seq: number;
}

export class ImportJob {
	#s: ProjectSession;
	#me: AnnotatorId;
	#now: () => number;
	#cancel = false;
	#reviewAnswer: ((apply: boolean) => void) | undefined;

	#files = $state.raw<ImportFile[]>([]);
	#policy = $state<'skip' | 'abort'>('skip');
	#redact = $state(false);
	#running = $state(false);
	#progress = $state.raw<ImportProgress | undefined>();
	#result = $state.raw<ImportResult | undefined>();
	#pickError = $state('');
	#review = $state.raw<RedactionReview | undefined>();
	#reviewModelTasks = $state.raw<string[]>([]);

	constructor(session: ProjectSession, me: AnnotatorId, now: () => number = Date.now) {
		this.#s = session;
		this.#me = me;
		this.#now = now;
	}

	get files(): readonly ImportFile[] {
		return this.#files;
	}

	/** What to do with a malformed row: skip it and list it, or stop and import nothing. */
	get policy(): 'skip' | 'abort' {
		return this.#policy;
	}

	set policy(p: 'skip' | 'abort') {
		this.#policy = p;
	}

	/** Find personal data in the rows and review its redaction before anything is written. */
	get redact(): boolean {
		return this.#redact;
	}

	set redact(on: boolean) {
		this.#redact = on;
	}

	get running(): boolean {
		return this.#running;
	}

	get progress(): ImportProgress | undefined {
		return this.#progress;
	}

	get result(): ImportResult | undefined {
		return this.#result;
	}

	get pickError(): string {
		return this.#pickError;
	}

	/** The open redaction review; `reviewDone` answers it (true: apply the checked redactions). */
	get review(): RedactionReview | undefined {
		return this.#review;
	}

	/** Names of the spans tasks whose trained model found names in the open review. */
	get reviewModelTasks(): readonly string[] {
		return this.#reviewModelTasks;
	}

	get rate(): number {
		const p = this.#progress;
		if (!p) return 0;
		const s = (p.now - p.startedAt) / 1000;
		return s > 0 ? p.rows / s : 0;
	}

	/** Estimated ms left, from bytes read so far. */
	get etaMs(): number {
		const p = this.#progress;
		if (!p || p.bytes === 0) return NaN;
		const spent = p.now - p.startedAt;
		return (spent * (p.totalBytes - p.bytes)) / p.bytes;
	}

	/** Reads the head of each file to detect its format and offer its fields. */
	async add(list: readonly File[]): Promise<void> {
		this.#pickError = '';
		this.#result = undefined;
		const added: ImportFile[] = [];
		for (const file of list) {
			try {
				added.push(await importFileOpen(file));
			} catch (e) {
				this.#pickError = e instanceof Error ? e.message : String(e);
			}
		}
		this.#files = [...this.#files, ...added];
	}

	/** Changes how file `i` is read (text, metadata and gold columns). */
	fileSet(i: number, patch: Partial<Pick<ImportFile, 'textField' | 'metaFields' | 'goldField'>>) {
		this.#files = this.#files.map((f, j) => (j === i ? { ...f, ...patch } : f));
	}

	remove(i: number): void {
		this.#files = this.#files.filter((_, j) => j !== i);
	}

	clear(): void {
		this.#files = [];
		this.#result = undefined;
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

	/** Opens the review of the held rows; resolves with the answer (true: apply). */
	async #reviewOpen(held: readonly HeldRows[]): Promise<boolean> {
		const model = await personModelLoad(this.#s.id, this.#s.store.schema).catch(() => undefined);
		const review = new RedactionReview(heldEntries(held, model));
		this.#review = review;
		this.#reviewModelTasks = model && review.personSources.model > 0 ? model.tasks : [];
		return new Promise<boolean>((resolve) => (this.#reviewAnswer = resolve));
	}

	async run(): Promise<ImportResult> {
		this.#running = true;
		this.#cancel = false;
		const stager = new RowStager(this.#s.store);
		const problems: RowProblem[] = [];
		let problemCount = 0;
		let rows = 0;
		let bytes = 0;
		const startedAt = this.#now();
		const seqBase = startedAt * 1000;
		const totalBytes = this.#files.reduce((n, f) => n + f.file.size, 0);
		const redact = this.#redact;
		const held: Held[] = [];
		const finish = (r: Omit<ImportResult, 'duplicates' | 'problems' | 'problemCount'>) => {
			const out = { ...r, duplicates: stager.duplicates, problems, problemCount };
			this.#result = out;
			this.#running = false;
			return out;
		};
		try {
			for (const f of this.#files) {
				const goldField = stager.goldFieldOf(f);
				const metaFields =
					goldField && !f.metaFields.includes(goldField)
						? [...f.metaFields, goldField]
						: f.metaFields;
				for await (const batch of importRows({
					file: f.file.name,
					format: f.format,
					mapping: { textField: f.textField, metaFields },
					chunks: fileChunks(f.file, (n) => (bytes += n)),
					onError: this.#policy
				})) {
					if (this.#cancel) return finish({ added: 0, cancelled: true });
					problemCount += batch.problemCount;
					for (const p of batch.problems) if (problems.length < MAX_PROBLEMS_KEPT) problems.push(p);
					// Items are content-addressed and immutable: with the review on, rows wait for it.
					if (redact) held.push({ rows: batch.rows, file: f.file.name, f, seq: seqBase + rows });
					else stager.stage(batch.rows, f, seqBase + rows);
					rows += batch.rows.length;
					this.#progress = {
						bytes,
						totalBytes,
						rows,
						added: stager.items.length,
						duplicates: stager.duplicates,
						problems: problemCount,
						startedAt,
						now: this.#now(),
						file: f.file.name
					};
					// Yield to the event loop so the progress bar paints and Cancel stays clickable.
					await new Promise((r) => setTimeout(r, 0));
				}
			}
			if (held.length > 0 && !this.#cancel) await this.#heldStage(held, stager);
			if (this.#cancel) return finish({ added: 0, cancelled: true });
			const added = stager.commit(this.#me, this.#now);
			await this.#s.flush();
			this.#files = [];
			const { answers, unknown } = stager.gold;
			return finish({
				added,
				cancelled: false,
				...(answers.size || unknown.size ? { gold: answers.size, goldUnknown: [...unknown] } : {})
			});
		} catch (e) {
			const error =
				e instanceof FormatError
					? `Import stopped, nothing was imported. ${e.message}`
					: e instanceof Error
						? e.message
						: String(e);
			return finish({ added: 0, cancelled: false, error });
		}
	}

	/** Opens the review of the held rows and stages them redacted as checked, or cancels. */
	async #heldStage(held: readonly Held[], stager: RowStager): Promise<void> {
		const apply = await this.#reviewOpen(held);
		const edits = apply && this.#review ? this.#review.redacted() : new Map<string, string>();
		this.#review = undefined;
		if (!apply) {
			this.#cancel = true;
			return;
		}
		held.forEach((b, bi) =>
			stager.stage(
				rowsRedact(b.rows, (i, field) => edits.get(heldKey(bi, i, field))),
				b.f,
				b.seq
			)
		);
	}
}
