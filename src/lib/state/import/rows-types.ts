/** What the data importer shows: the files chosen, its progress while it runs, and its result. */
import type { ImportFormat, RowProblem } from '$lib/core/formats/import-types';

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
