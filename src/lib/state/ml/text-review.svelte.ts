/**
 * What the Model page sends to review: likely label errors found by the text model (confident
 * learning over k-fold out-of-fold probabilities, ml/text/label-errors.ts) and items whose
 * annotators disagree; both become review flags in the doc.
 */
import type {
	AnnotatorId,
	ClassificationTask,
	EpochMs,
	ItemId,
	LabelId,
	ReviewFlag
} from '$lib/core/types';
import type { labelErrorsFind } from '$lib/ml/text/label-errors';
import type { MlSession } from './session';
import { disagreementsOf, type DisagreementRow, type TextExample } from './text-data';

export interface LabelIssueRow {
	item: ItemId;
	text: string;
	given: LabelId;
	suggested: LabelId;
	pGiven: number;
	pSuggested: number;
	score: number;
}

type Found = ReturnType<typeof labelErrorsFind>;

export class TextReview {
	#s: MlSession;
	#me: AnnotatorId;
	#task: () => ClassificationTask | undefined;
	#now: () => number;
	#issues = $state.raw<LabelIssueRow[] | undefined>(undefined);

	/** `task`: the model's task, whose labels are checked and sent to review. */
	constructor(
		session: MlSession,
		me: AnnotatorId,
		deps: { task(): ClassificationTask | undefined; now(): number }
	) {
		this.#s = session;
		this.#me = me;
		this.#task = deps.task;
		this.#now = deps.now;
	}

	/** The last check's likely label errors, most suspicious first; undefined before one. */
	get issues(): LabelIssueRow[] | undefined {
		return this.#issues;
	}

	/** Keeps a check's findings, naming each row's item, text and labels. */
	issuesSet(found: Found, examples: readonly TextExample[], task: ClassificationTask): void {
		this.#issues = found.map((f) => {
			const e = examples[f.row] as TextExample;
			return {
				item: e.item,
				text: e.text,
				given: task.labels[f.given]?.id as LabelId,
				suggested: task.labels[f.suggested]?.id as LabelId,
				pGiven: f.pGiven,
				pSuggested: f.pSuggested,
				score: f.score
			};
		});
	}

	/** Items of the task whose annotators chose different labels, least agreement first. */
	get disagreements(): DisagreementRow[] {
		this.#s.track('items', 'annotations');
		const task = this.#task();
		if (!task) return [];
		const members = this.#s.collab?.members() ?? [];
		return disagreementsOf(this.#s.store, task, new Map(members.map((m) => [m.id, m.name])));
	}

	/** Items of the task already sent to review (any reason, anyone). */
	get flagged(): ReadonlySet<ItemId> {
		this.#s.track('reviews');
		const task = this.#task();
		const flags = this.#s.store.flags().filter((f) => f.task === task?.id);
		return new Set(flags.map((f) => f.item));
	}

	/** Sends the item's task to review with the reason and what the model or annotators said. */
	send(item: ItemId, reason: ReviewFlag['reason'], detail: string, score?: number): void {
		const task = this.#task();
		if (!task) return;
		this.#s.store.flag({
			item,
			task: task.id,
			reason,
			by: this.#me,
			at: this.#now() as EpochMs,
			score,
			detail
		});
	}

	/** A label's name in the task, for the lists. */
	labelName(id: string | undefined): string {
		return this.#task()?.labels.find((l) => l.id === id)?.name ?? '(removed label)';
	}
}
