/**
 * A Parquet table in the interop import: its preview (row count, columns, first rows, the text
 * column guessed), its rows as the user mapped them (read off the page, watched for a stuck
 * decoder), and the write of their items in one doc transaction.
 */
import { itemsFromRows } from '$lib/core/formats/import-items';
import type { ImportRow, RowProblem } from '$lib/core/formats/import-types';
import { parquetInfo, parquetRows, parquetTextField } from '$lib/core/formats/parquet';
import { redactionKey, type TextRedaction } from '$lib/core/privacy/redact-items';
import type { AnnotatorId, EpochMs, Item, ItemId } from '$lib/core/types';
import { ORIGIN, type ProjectStore } from '$lib/sync/project-store';
import { rowsRedact } from '../import/rows-redact';
import { parquetRecordsWatched } from './parquet-read';
import type { InteropResultView, ParquetPreview } from './types';

/** Which column is the text, which are kept as metadata. */
export interface ParquetMapping {
	textField: string;
	metaFields: string[];
}

export interface ParquetRows {
	rows: ImportRow[];
	problems: RowProblem[];
}

const SAMPLE_ROWS = 5;

export async function parquetPreviewRead(
	file: string,
	bytes: Uint8Array,
	stallMs?: number
): Promise<{ preview: ParquetPreview; mapping: ParquetMapping }> {
	const info = parquetInfo(bytes, file);
	const sample = await parquetRecordsWatched(bytes, file, SAMPLE_ROWS, stallMs);
	const textField = parquetTextField(sample, info.fields);
	return {
		preview: { type: 'parquet', file, bytes, rows: info.rows, fields: info.fields, sample },
		mapping: { textField, metaFields: info.fields.filter((f) => f !== textField) }
	};
}

/** Every row of the table, with the text and metadata columns of `mapping`. */
export async function parquetRowsRead(
	p: ParquetPreview,
	mapping: ParquetMapping,
	stallMs?: number
): Promise<ParquetRows> {
	const records = await parquetRecordsWatched(p.bytes, p.file, undefined, stallMs);
	return parquetRows(records, mapping, p.file);
}

/** Review key of row `i`'s text (no `field`) or metadata value. */
const rowKey = (i: number, field?: string) =>
	field === undefined ? redactionKey(`r${i}`) : redactionKey(`r${i}`, `m:${field}`);

/** The rows as items for the redaction review (ids `r0`, `r1`, … name the rows), and where each is. */
export function parquetReviewItems(
	file: string,
	rows: readonly ImportRow[]
): { items: Item[]; where: (it: Item, part: string) => string } {
	const items: Item[] = rows.map((r, i) => ({
		id: `r${i}` as ItemId,
		kind: 'text',
		text: r.text,
		seq: i,
		...(r.meta ? { meta: r.meta } : {})
	}));
	const where = (it: Item, part: string) =>
		`${file}, row ${(rows[Number(it.id.slice(1))]?.line ?? 0).toLocaleString('en')}${part === 'text' ? '' : `, ${part}`}`;
	return { items, where };
}

/** Writes the rows' items (with the review's redactions) and a log line in one transaction. */
export function parquetApply(opts: {
	store: ProjectStore;
	p: ParquetPreview;
	rows: ParquetRows;
	edits?: ReadonlyMap<string, TextRedaction> | undefined;
	now: number;
	me: AnnotatorId;
}): InteropResultView {
	const { store, p, now, edits } = opts;
	const rows = edits?.size
		? rowsRedact(opts.rows.rows, (i, field) => edits.get(rowKey(i, field))?.text)
		: opts.rows.rows;
	const made = itemsFromRows(rows, {
		file: p.file,
		seqStart: now * 1000,
		seen: new Set<ItemId>(),
		existing: store
	});
	let added = 0;
	store.batch(() => {
		added = store.itemsAdd(made.items, ORIGIN.IMPORT);
		store.logAppend(
			{
				at: now as EpochMs,
				who: opts.me,
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
		problems: opts.rows.problems,
		duplicates: made.duplicates,
		seqFrom: now * 1000
	};
}
