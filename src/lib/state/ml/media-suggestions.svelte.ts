/**
 * Every model's suggestions for one item in the labeling view, by task: media models' (image
 * labels, boxes, spans, audio segments) and the text model's, each naming its model. Several
 * models may suggest for the same task (e.g. on an item with an image and a caption); Accept takes
 * the most confident, or the one chosen. Text-model suggestions below `textThreshold` are left out
 * (media suggestions were filtered by their own threshold when they were stored).
 */
import type {
	AnnotationValue,
	AnnotatorId,
	Item,
	ItemId,
	Label,
	Task,
	TaskId
} from '$lib/core/types';
import { textModelIs } from '$lib/ml/text/protocol';
import type { PredictionRow } from '$lib/storage/db';
import { mediaKindOf, type MediaJobKind } from './media-fields';
import type { MlMediaDeps } from './media-run';
import { modelName } from './model-names';
import { suggestionAccept, type MlSession } from './session';
import { suggestionSummary } from './summary';

/** A suggestion shown in the labeling view: one model's answer for one task of the item. */
export interface ShownSuggestion {
	task: Task & { labels: Label[] };
	/** The media model's kind; undefined for the text model. */
	kind?: MediaJobKind;
	row: PredictionRow;
	value: AnnotationValue;
	summary: string;
	/** Which model made it, e.g. `Image model trained on 4 images, 29 Nov 2026, 12:10`. */
	from: string;
}

export type SuggestionsDeps = Pick<MlMediaDeps, 'predictions' | 'now'>;

export class MediaSuggestions {
	#s: MlSession;
	#me: AnnotatorId;
	#deps: SuggestionsDeps;
	#textThreshold: () => number;
	/** The last read asked for, by `shownFor`: a read of other keys or deps starts a new one. */
	#asked: { key: string; deps: readonly unknown[] } | undefined;
	/** Only the latest read may show its result (an older one may finish after it). */
	#reads = 0;

	#shown = $state.raw<ShownSuggestion[]>([]);
	#shownItem = $state<ItemId | undefined>(undefined);
	#status = $state('');
	#error = $state('');

	constructor(
		session: MlSession,
		me: AnnotatorId,
		deps: SuggestionsDeps,
		opts: { textThreshold?: () => number } = {}
	) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
		this.#textThreshold = opts.textThreshold ?? (() => 0);
	}

	/** The suggestions read last: most confident first within each task; tasks in schema order. */
	get shown(): ShownSuggestion[] {
		return this.#shown;
	}
	/** What the last accept or dismiss did, for a polite status line. */
	get status(): string {
		return this.#status;
	}
	get error(): string {
		return this.#error;
	}

	/**
	 * The suggestions of `item` for the tasks of `tasks` I have not answered: a view's read. They
	 * are read from this device again when the item, the tasks, my answers on the item or one of
	 * `deps` (compared by identity) change; until then (or while another item's are read) the
	 * list is empty.
	 */
	shownFor(item: Item, tasks: readonly Task[], deps: readonly unknown[] = []): ShownSuggestion[] {
		this.#s.trackItem(item.id);
		const key = `${item.id}|${tasks.map((t) => t.id).join(',')}|${this.#answered(item, tasks)}`;
		const a = this.#asked;
		if (a?.key !== key || a.deps.length !== deps.length || a.deps.some((d, i) => d !== deps[i])) {
			this.#asked = { key, deps };
			void this.#read(item, tasks);
		}
		return this.#shownItem === item.id ? this.#shown : [];
	}

	/** Which of `tasks` I have answered on `item`, one character each. */
	#answered(item: Item, tasks: readonly Task[]): string {
		let out = '';
		for (const t of tasks) out += this.#s.store.annotation(item.id, t.id, this.#me) ? '1' : '0';
		return out;
	}

	/** Reads the stored suggestions of `item` for the tasks I have not answered. */
	async load(item: Item, tasks: readonly Task[] = this.#s.store.schema.tasks): Promise<void> {
		this.#asked = undefined;
		await this.#read(item, tasks);
	}

	async #read(item: Item, tasks: readonly Task[]): Promise<void> {
		const read = ++this.#reads;
		const out: ShownSuggestion[] = [];
		let error = '';
		try {
			await this.#rows(item, tasks, out);
		} catch (e) {
			error = `Suggestions could not be read: ${e instanceof Error ? e.message : String(e)}`;
		}
		if (read !== this.#reads) return;
		this.#error = error;
		this.#shown = out;
		this.#shownItem = item.id;
	}

	/** Adds the suggestions to `out` as they are read (a failed read keeps those before it). */
	async #rows(item: Item, tasks: readonly Task[], out: ShownSuggestion[]): Promise<void> {
		const store = this.#s.store;
		for (const t of tasks) {
			if (!('labels' in t)) continue;
			if (store.annotation(item.id, t.id, this.#me)) continue;
			const kind = mediaKindOf(t, item);
			const labelIds = new Set(t.labels.map((l) => l.id as string));
			for (const row of await this.#deps.predictions.ofItem(this.#s.id, t.id, item.id)) {
				const value = row.value as AnnotationValue | undefined;
				if (value?.type !== t.type) continue;
				const text = textModelIs(row.model);
				if (text) {
					// The text model's: calibrated, at or above its threshold, with labels the task
					// still has.
					if (!row.calibrated || row.confidence < this.#textThreshold()) continue;
					if (value.type !== 'classification' || !value.labels.every((l) => labelIds.has(l)))
						continue;
				} else if (!kind) continue;
				const scores =
					value.type === 'boxes'
						? row.probs
						: value.type === 'classification'
							? [row.confidence]
							: [];
				out.push({
					task: t,
					kind: text ? undefined : kind,
					row,
					value,
					summary: suggestionSummary(value, t.labels, scores),
					from: modelName(row.model)
				});
			}
		}
	}

	#find(item: ItemId, task: TaskId, source?: string): ShownSuggestion | undefined {
		return this.#shown.find(
			(x) => x.task.id === task && x.row.item === item && (!source || x.row.source === source)
		);
	}

	/**
	 * Writes a suggestion as my annotation (one undoable step) and hides the task's suggestions:
	 * the one of model `source`, or the most confident.
	 */
	accept(item: ItemId, task: TaskId, source?: string): ShownSuggestion | undefined {
		const s = this.#find(item, task, source);
		if (!s) return undefined;
		const { value, row } = s;
		suggestionAccept(
			this.#s.store,
			this.#me,
			{ item, task, value, model: row.model, confidence: row.confidence },
			this.#deps.now()
		);
		this.#shown = this.#shown.filter((x) => x.task.id !== task);
		this.#status = `Accepted: ${s.summary} (${s.from})`;
		return s;
	}

	/** Forgets one model's suggestion (the most confident when `source` is not given) on this device. */
	async dismiss(item: ItemId, task: TaskId, source?: string): Promise<void> {
		const s = this.#find(item, task, source);
		if (!s) return;
		this.#shown = this.#shown.filter((x) => x !== s);
		this.#status = `Dismissed the suggestion of ${s.from} for ${s.task.name}`;
		try {
			await this.#deps.predictions.delete(this.#s.id, task, item, s.row.source);
		} catch (e) {
			this.#error = `The suggestion could not be removed: ${e instanceof Error ? e.message : String(e)}`;
		}
	}
}
