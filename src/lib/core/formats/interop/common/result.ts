// What an interop import returns and what an export is asked for, and the problem list.
import type { Annotation, AnnotatorId, Item, LabelSchema } from '../../../types';
import type { AnnotationBag } from './annotation-bag';
import type { SchemaBuilder } from './schema-builder';

/** Something left out of an import, with the file and where in it (line, index or JSON path). */
export interface InteropProblem {
	file: string;
	where: string;
	reason: string;
}

/** A label of the file that the given schema has no label for; its regions were left out. */
export interface UnmappedLabel {
	task: string;
	label: string;
	count: number;
}

export interface InteropResult {
	/** Items the file refers to: the project's items matched by file name, or new ones. */
	items: Item[];
	annotations: Annotation[];
	/** The given schema plus tasks the file needed, or a schema created from the file. */
	schema: LabelSchema;
	problems: InteropProblem[];
	/** Problems past the first `PROBLEMS_MAX` are counted here only. */
	problemCount: number;
	unmapped: UnmappedLabel[];
}

export interface InteropImportOptions {
	/** The project's items, matched by media file name (image formats) or text. */
	items?: readonly Item[];
	/** Time stamped on imported annotations (default 0). */
	now?: number;
}

export type ExportWhich = 'raw' | 'accepted' | 'both';

export interface InteropExportOptions {
	which: ExportWhich;
	/**
	 * The accepted value per item and task (e.g. review decisions or consensus). When absent, the
	 * value most annotators gave (confidence: its share of the votes).
	 */
	accepted?: readonly Annotation[];
	/** Codes of masks kept as blobs, by SHA-256 (masks whose code is missing are left out). */
	maskCodes?: ReadonlyMap<string, string>;
}

/** Annotator id of accepted values in exports; imported back as the same id. */
export const ACCEPTED = 'accepted' as AnnotatorId;
export const PROBLEMS_MAX = 1000;

export class Problems {
	readonly list: InteropProblem[] = [];
	count = 0;
	constructor(readonly file: string) {}
	add(where: string, reason: string, file = this.file): void {
		this.count++;
		if (this.list.length < PROBLEMS_MAX) this.list.push({ file, where, reason });
	}
}

/** The result of an import, with the builder's schema and unmapped labels. */
export function resultOf(
	items: Item[],
	bag: AnnotationBag,
	sb: SchemaBuilder,
	problems: Problems
): InteropResult {
	return {
		items,
		annotations: bag.all(),
		schema: sb.schema(),
		problems: problems.list,
		problemCount: problems.count,
		unmapped: sb.unmapped()
	};
}
