/**
 * Redaction at export: when on, the first click on Download opens a review of the personal data in
 * the project's item texts and metadata (names also from PERSON spans people labeled and from the
 * project's span model, when trained); confirming it makes the export with the checked findings
 * replaced, and the spans of spans tasks moved so they still cover the same words (a span cut by
 * a redaction is widened to the placeholder, and counted). The project itself is not changed
 * (items are immutable and shared).
 */
import { personSpansLabeled } from '$lib/core/privacy/persons';
import {
	annotationRedact,
	itemRedact,
	redactionKey,
	type SpanShiftCount,
	type TextRedaction
} from '$lib/core/privacy/redact-items';
import type { Annotation, Item, LabelSchema } from '$lib/core/types';
import type { ModelIO } from '$lib/ml/model-io';
import { personModelLoad } from '../privacy/person-model';
import { RedactionReview } from '../privacy/redaction-review';
import { reviewEntries } from '../privacy/review-entries';
import type { ProjectSession } from '../project-session.svelte';
import { itemsInOrder } from './project-items';

export class ExportRedaction {
	#enabled = $state(false);
	#review = $state.raw<RedactionReview | undefined>();
	#busy = $state(false);
	#modelTasks = $state.raw<string[]>([]);
	#edits: Map<string, TextRedaction> | undefined;
	#schema: LabelSchema = { tasks: [] };
	/** Spans moved and widened by the last export's redactions. */
	#shifted: SpanShiftCount = { moved: 0, widened: 0 };
	/** Annotations counted in `#shifted` (an export may ask for one twice: raw and accepted). */
	#counted = new Set<string>();
	#io: ModelIO | undefined;

	constructor(opts: { io?: ModelIO } = {}) {
		this.#io = opts.io;
	}

	/** Whether the export redacts personal data (after a review). */
	get enabled(): boolean {
		return this.#enabled;
	}

	set enabled(on: boolean) {
		this.#enabled = on;
	}

	get review(): RedactionReview | undefined {
		return this.#review;
	}

	/** Looking for personal data (the model runs over every text). */
	get busy(): boolean {
		return this.#busy;
	}

	/** Names of the tasks whose span model found names in the open review. */
	get modelTasks(): readonly string[] {
		return this.#modelTasks;
	}

	/** Opens the review over every item text, text field and metadata value. */
	async open(session: ProjectSession): Promise<void> {
		this.#busy = true;
		try {
			const store = session.store;
			this.#schema = store.schema;
			const items = itemsInOrder(store);
			const pos = new Map(items.map((it, i) => [it.id, i]));
			const labeled = personSpansLabeled(
				this.#schema,
				items.flatMap((it) => store.annotationsOf(it.id)),
				(item, field) => redactionKey(item, field ? `f:${field}` : '')
			);
			const model = await personModelLoad(session.id, this.#schema, this.#io).catch(
				() => undefined
			);
			const entries = await reviewEntries(
				items,
				labeled,
				model,
				(it, part) => `item ${(pos.get(it.id) ?? 0) + 1}${part === 'text' ? '' : `, ${part}`}`
			);
			this.#edits = undefined;
			const review = new RedactionReview(entries);
			this.#review = review;
			this.#modelTasks = model && review.personSources.model > 0 ? model.tasks : [];
		} finally {
			this.#busy = false;
		}
	}

	/** Confirms the review: the next export uses the checked redactions. */
	apply(): void {
		this.#edits = this.#review?.edits() ?? new Map();
		this.#shifted = { moved: 0, widened: 0 };
		this.#counted.clear();
		this.#review = undefined;
	}

	cancel(): void {
		this.#review = undefined;
		this.#edits = undefined;
	}

	/** Whether an export may run now (redaction off, or its review confirmed). */
	get ready(): boolean {
		return !this.#enabled || this.#edits !== undefined;
	}

	/** The item as exported: texts and metadata with the confirmed redactions. */
	itemMap = (it: Item): Item => {
		const e = this.#edits;
		return this.#enabled && e ? itemRedact(it, e) : it;
	};

	/** An annotation as exported: its spans moved to the redacted text. */
	annotationMap = (a: Annotation): Annotation => {
		const e = this.#edits;
		if (!this.#enabled || !e) return a;
		// Count each annotation once, however often the export asks (raw and accepted).
		const key = `${a.item}/${a.task}/${a.annotator}`;
		const count = this.#counted.has(key) ? undefined : this.#shifted;
		this.#counted.add(key);
		return annotationRedact(a, this.#schema, e, count);
	};

	/** Spans moved and widened by the last export's redactions. */
	get shifted(): SpanShiftCount {
		return this.#shifted;
	}

	/** What the redactions did to spans, in words ('' when nothing moved). */
	get shiftedText(): string {
		const { moved, widened } = this.#shifted;
		if (moved === 0 && widened === 0) return '';
		return (
			`${moved.toLocaleString('en')} span${moved === 1 ? '' : 's'} moved to stay on the same words` +
			(widened
				? `; ${widened.toLocaleString('en')} partly covered a redacted value and now cover its whole placeholder`
				: '')
		);
	}

	/** After an export: the next one reviews again (the project may have changed). */
	done(): void {
		this.#edits = undefined;
	}
}
