/**
 * Rows on their way into the project: hashed into items (duplicates of the project or of earlier
 * rows skipped and counted), gold answers taken out of their metadata, and held in memory until
 * the whole import is committed in one transaction.
 */
import { itemsFromRows } from '$lib/core/formats/import-items';
import type { ImportRow } from '$lib/core/formats/import-types';
import type { AnnotatorId, EpochMs, Item, ItemId } from '$lib/core/types';
import { ORIGIN, type ProjectStore } from '$lib/sync/project-store';
import { GoldAnswers } from './rows-gold';
import type { ImportFile } from './rows-types';

export class RowStager {
	readonly items: Item[] = [];
	readonly gold: GoldAnswers;
	duplicates = 0;
	readonly #seen = new Set<ItemId>();
	readonly #store: ProjectStore;

	constructor(store: ProjectStore) {
		this.#store = store;
		this.gold = new GoldAnswers(store.schema);
	}

	/** The file's gold column, when the project has a task for its answers. */
	goldFieldOf(f: ImportFile): string | undefined {
		return this.gold.task && f.goldField ? f.goldField : undefined;
	}

	/** Hashes rows of `f` into items numbered from `seq` (skipping duplicates) and stages them. */
	stage(rows: ImportRow[], f: ImportFile, seq: number): void {
		const goldField = this.goldFieldOf(f);
		const made = itemsFromRows(rows, {
			file: f.file.name,
			seqStart: seq,
			seen: this.#seen,
			existing: this.#store
		});
		this.duplicates += made.duplicates;
		for (const it of made.items) {
			if (goldField) this.gold.take(it, goldField, !f.metaFields.includes(goldField));
			this.items.push(it);
		}
	}

	/** Writes the staged items, gold answers and a log line in one transaction; returns how many items were new. */
	commit(me: AnnotatorId, now: () => number): number {
		const store = this.#store;
		const task = this.gold.task;
		let added = 0;
		store.batch(() => {
			added = store.itemsAdd(this.items, ORIGIN.IMPORT);
			if (task)
				for (const [item, label] of this.gold.answers)
					store.goldSet(
						{
							item,
							task,
							value: { type: 'classification', labels: [label] },
							by: me,
							at: now() as EpochMs
						},
						ORIGIN.IMPORT
					);
			store.logAppend(
				{ at: now() as EpochMs, who: me, what: 'import', detail: `${added} items` },
				ORIGIN.IMPORT
			);
		}, ORIGIN.IMPORT);
		return added;
	}
}
