/** Shapes shared by the text importers (CSV/TSV, JSONL, JSON, plain text) and their callers. */

export type ImportFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'text';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'tsv', 'jsonl', 'json', 'text'];

/** One importable row: its text, kept metadata, and the 1-based file line where it starts. */
export interface ImportRow {
	line: number;
	text: string;
	meta?: Record<string, string>;
}

/** A row that cannot be imported, with where and why. */
export interface RowProblem {
	file: string;
	line: number;
	reason: string;
}

/** Which column or field holds the text, and which are kept as metadata (not used for `text`). */
export interface ImportMapping {
	textField: string;
	metaFields: string[];
}

/** What to do at a malformed row: skip it (and report it), or stop the whole import. */
export type ImportErrorPolicy = 'skip' | 'abort';

export interface ImportBatch {
	rows: ImportRow[];
	/** Problems found since the previous batch, up to the per-file cap (`maxProblems`). */
	problems: RowProblem[];
	/** Problems found since the previous batch, including those past the cap. */
	problemCount: number;
	/** Characters of input consumed so far, for progress (the caller counts bytes). */
	charsRead: number;
}

/** JSON documents are parsed whole; past this many characters we ask for JSONL instead. */
export const JSON_MAX_CHARS = 200 * 1024 * 1024;
/** A text longer than this is a problem row: it could not be labeled anyway. */
export const TEXT_MAX_CHARS = 1024 * 1024;
/** Problems kept per file; all are counted. */
export const PROBLEMS_KEPT = 1000;
/** Rows per batch: one storage transaction each (docs/ARCHITECTURE.md#storage). */
export const BATCH_ROWS = 1000;
