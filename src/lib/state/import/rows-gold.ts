/**
 * Gold answers from a column of known answers (label names of the first classification task):
 * each item's value is moved out of its metadata, so annotators never see it, and kept for the
 * commit. Values that name no label are counted (the first 20 are named to the user).
 */
import type { Item, ItemId, LabelId, LabelSchema, TaskId } from '$lib/core/types';

const UNKNOWN_KEPT = 20;

export class GoldAnswers {
	readonly task: TaskId | undefined;
	readonly answers = new Map<ItemId, LabelId>();
	readonly unknown = new Set<string>();
	readonly #byName: Map<string, LabelId>;

	constructor(schema: LabelSchema) {
		const task = schema.tasks.find((t) => t.type === 'classification');
		this.task = task?.id;
		this.#byName = new Map(task?.labels.map((l) => [l.name.trim().toLowerCase(), l.id]) ?? []);
	}

	/** Takes `it`'s value of `field` as its gold answer; `strip` removes it from the metadata. */
	take(it: Item, field: string, strip: boolean): void {
		const v = it.meta?.[field]?.trim();
		if (strip && it.meta) {
			delete it.meta[field];
			if (Object.keys(it.meta).length === 0) delete it.meta;
		}
		if (!v) return;
		const label = this.#byName.get(v.toLowerCase());
		if (label) this.answers.set(it.id, label);
		else if (this.unknown.size < UNKNOWN_KEPT) this.unknown.add(v);
	}
}
