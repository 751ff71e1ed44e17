/**
 * What reviewers do to the selected classification task, each one transaction with its line in
 * the project log: a final answer, a gold answer set or cleared, a flag, a guidelines entry.
 */
import type { AnnotatorId, EpochMs, ItemId, LabelId, LogEvent, TaskId } from '$lib/core/types';
import type { ProjectStore } from '$lib/sync/project-store';
import { guidelinesEntry, type GuidelinesKind } from './guidelines-entry';
import { answerKey } from './keys';

export interface ReviewContext {
	store: ProjectStore;
	me: AnnotatorId;
	now: () => number;
	task: TaskId | undefined;
	canReview: boolean;
	labelName: (key: string) => string;
}

function logged(
	ctx: ReviewContext,
	what: LogEvent['what'],
	item: ItemId,
	detail: string,
	write: () => void
): void {
	ctx.store.batch(() => {
		write();
		ctx.store.logAppend({ at: ctx.now() as EpochMs, who: ctx.me, what, item, detail });
	});
}

function reviewTask(ctx: ReviewContext, what: string): TaskId {
	if (!ctx.canReview || !ctx.task) throw new Error(`Only owners and reviewers can ${what}.`);
	return ctx.task;
}

export class ReviewCommands {
	readonly #ctx: () => ReviewContext;

	/** `ctx` gives the task, my role and the names in force when a command runs. */
	constructor(ctx: () => ReviewContext) {
		this.#ctx = ctx;
	}

	/** A reviewer's final answer: accept one annotator's answer (`from`) or set labels directly. */
	decide(item: ItemId, labels: readonly LabelId[], from?: AnnotatorId): void {
		const ctx = this.#ctx();
		const task = reviewTask(ctx, 'review');
		const detail = `${ctx.labelName(answerKey(labels))}${from ? ' (accepted)' : ''}`;
		logged(ctx, 'review', item, detail, () =>
			ctx.store.decide({
				item,
				task,
				value: { type: 'classification', labels: [...labels] },
				by: ctx.me,
				at: ctx.now() as EpochMs,
				...(from ? { from } : {})
			})
		);
	}

	goldSet(item: ItemId, labels: readonly LabelId[]): void {
		const ctx = this.#ctx();
		const task = reviewTask(ctx, 'set gold');
		logged(ctx, 'gold', item, ctx.labelName(answerKey(labels)), () =>
			ctx.store.goldSet({
				item,
				task,
				value: { type: 'classification', labels: [...labels] },
				by: ctx.me,
				at: ctx.now() as EpochMs
			})
		);
	}

	goldClear(item: ItemId): void {
		const ctx = this.#ctx();
		const task = ctx.task;
		if (!ctx.canReview || !task) return;
		logged(ctx, 'gold', item, 'cleared', () => ctx.store.goldUnset({ item, task }));
	}

	/** Sends an item to review by hand. */
	flag(item: ItemId, detail = 'flagged by hand'): void {
		const ctx = this.#ctx();
		const task = ctx.task;
		if (!task) return;
		logged(ctx, 'flag', item, detail, () =>
			ctx.store.flag({ item, task, reason: 'manual', by: ctx.me, at: ctx.now() as EpochMs, detail })
		);
	}

	/** Appends a disputed item to the guidelines as an example or an edge case. */
	guidelinesAdd(item: ItemId, label: string, kind: GuidelinesKind): void {
		const ctx = this.#ctx();
		const it = ctx.store.item(item);
		const name = ctx.labelName(label);
		const entry = guidelinesEntry(ctx.store.guidelines, {
			text: it?.text ?? it?.media?.name ?? item,
			label: name,
			kind
		});
		logged(ctx, 'guidelines', item, `${kind}: ${name}`, () =>
			ctx.store.guidelinesInsert(entry.index, entry.text)
		);
	}
}
