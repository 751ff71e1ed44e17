/**
 * Redaction at export: when on, the first click on Download opens a review of the personal data in
 * the project's item texts; confirming it makes the export with the checked findings replaced.
 * The project itself is not changed (items are immutable and shared).
 */
import type { Item } from '$lib/core/types';
import type { ProjectSession } from './project-session.svelte';
import { RedactionReview } from './redaction.svelte';

export class ExportRedaction {
	enabled = $state(false);
	review = $state.raw<RedactionReview | undefined>();
	#edits: Map<string, string> | undefined;

	/** Opens the review over every item text (and text field); the export waits for `apply`. */
	open(session: ProjectSession): void {
		const entries = [];
		for (const id of session.index.order) {
			const it = session.index.item(id);
			if (!it) continue;
			if (it.text) entries.push({ key: `${id}#`, where: `item ${it.seq % 1e6}`, text: it.text });
			for (const [k, f] of Object.entries(it.fields ?? {}))
				if (f.kind === 'text')
					entries.push({ key: `${id}#${k}`, where: `item field ${k}`, text: f.text });
		}
		this.#edits = undefined;
		this.review = new RedactionReview(entries);
	}

	/** Confirms the review: the next export uses the checked redactions. */
	apply(): void {
		this.#edits = this.review?.redacted() ?? new Map();
		this.review = undefined;
	}

	cancel(): void {
		this.review = undefined;
		this.#edits = undefined;
	}

	/** Whether an export may run now (redaction off, or its review confirmed). */
	get ready(): boolean {
		return !this.enabled || this.#edits !== undefined;
	}

	/** The item as exported: texts with the confirmed redactions. */
	itemMap = (it: Item): Item => {
		const e = this.#edits;
		if (!this.enabled || !e) return it;
		const text = e.get(`${it.id}#`);
		const fieldEdits = Object.keys(it.fields ?? {}).filter((k) => e.has(`${it.id}#${k}`));
		if (text === undefined && fieldEdits.length === 0) return it;
		const out: Item = { ...it, ...(text !== undefined ? { text } : {}) };
		if (fieldEdits.length && it.fields) {
			out.fields = { ...it.fields };
			for (const k of fieldEdits)
				out.fields[k] = { kind: 'text', text: e.get(`${it.id}#${k}`) as string };
		}
		return out;
	};

	/** After an export: the next one reviews again (the project may have changed). */
	done(): void {
		this.#edits = undefined;
	}
}
