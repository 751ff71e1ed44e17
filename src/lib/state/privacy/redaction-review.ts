/**
 * A review of redactions before they apply: finds personal data in a set of texts (import rows or
 * export values), lets the user apply or skip each finding and each type, and then gives back the
 * redacted texts (with where each replacement went, to move spans). Person names come from the
 * bundled name list, and also from labeled PERSON spans and the project's span model when the
 * caller passes them (`persons`); the model's names below `MODEL_PRESELECT` start unchecked, and
 * so do listed names that are also places (Sofia, Paris, …) found without person context.
 * Nothing changes until `redacted()` or `edits()` is called with the user's choices.
 */
import { SvelteSet } from 'svelte/reactivity';
import {
	piiFind,
	PII_TYPES,
	type PersonSpan,
	type PiiFinding,
	type PiiType
} from '$lib/core/privacy/detect';
import { redactEdits } from '$lib/core/privacy/redact';
import type { TextRedaction } from '$lib/core/privacy/redact-items';

export interface RedactionEntry {
	/** Caller's key for the text (e.g. `row 12` or `item/field`). */
	key: string;
	/** Where the text is, in words, shown with the finding (e.g. "line 3, column email"). */
	where: string;
	text: string;
	/** Person spans of this text from a model or from labels. */
	persons?: readonly PersonSpan[];
}

export interface ReviewFinding extends PiiFinding {
	/** Unique id: entry key and offset. */
	id: string;
	entry: string;
	where: string;
	/** Up to 30 characters each side of the match, for the review. */
	before: string;
	after: string;
}

const CONTEXT = 30;
/** Names the model finds with less confidence than this start unchecked. */
export const MODEL_PRESELECT = 0.6;

export class RedactionReview {
	readonly findings: readonly ReviewFinding[];
	/** Ids of findings the user chose to skip (everything else applies). */
	readonly #skipped = new SvelteSet<string>();
	#texts: Map<string, string>;

	constructor(entries: readonly RedactionEntry[], types: readonly PiiType[] = PII_TYPES) {
		this.#texts = new Map(entries.map((e) => [e.key, e.text]));
		const out: ReviewFinding[] = [];
		for (const e of entries)
			for (const f of piiFind(e.text, {
				types,
				...(e.persons ? { personSpans: e.persons } : {})
			})) {
				const id = `${e.key}@${f.start}`;
				out.push({
					...f,
					id,
					entry: e.key,
					where: e.where,
					before: e.text.slice(Math.max(0, f.start - CONTEXT), f.start),
					after: e.text.slice(f.end, f.end + CONTEXT)
				});
				if (f.source === 'model' && (f.confidence ?? 0) < MODEL_PRESELECT) this.#skipped.add(id);
				// A name that is also a place, with no person context: may be the place.
				if (f.alsoPlace) this.#skipped.add(id);
			}
		this.findings = out;
	}

	/** Finding counts per type, in PII_TYPES order, with how many are applied. */
	get byType(): { type: PiiType; total: number; applied: number }[] {
		return PII_TYPES.map((type) => {
			const of = this.findings.filter((f) => f.type === type);
			return { type, total: of.length, applied: of.filter((f) => !this.#skipped.has(f.id)).length };
		}).filter((t) => t.total > 0);
	}

	/** How many person names came from the model and from labeled spans, and are also places. */
	get personSources(): { model: number; labels: number; alsoPlace: number } {
		let model = 0;
		let labels = 0;
		let alsoPlace = 0;
		for (const f of this.findings)
			if (f.source === 'model') model++;
			else if (f.source === 'labels') labels++;
			else if (f.alsoPlace) alsoPlace++;
		return { model, labels, alsoPlace };
	}

	get appliedCount(): number {
		return this.findings.length - this.#skipped.size;
	}

	isApplied(id: string): boolean {
		return !this.#skipped.has(id);
	}

	toggle(id: string, apply: boolean): void {
		if (apply) this.#skipped.delete(id);
		else this.#skipped.add(id);
	}

	typeSet(type: PiiType, apply: boolean): void {
		for (const f of this.findings) if (f.type === type) this.toggle(f.id, apply);
	}

	/** Entry key → redacted text and where its replacements went, for entries with an applied finding. */
	edits(): Map<string, TextRedaction> {
		const per = new Map<string, PiiFinding[]>();
		for (const f of this.findings) {
			if (this.#skipped.has(f.id)) continue;
			const list = per.get(f.entry);
			if (list) list.push(f);
			else per.set(f.entry, [f]);
		}
		const out = new Map<string, TextRedaction>();
		for (const [key, list] of per) out.set(key, redactEdits(this.#texts.get(key) ?? '', list));
		return out;
	}

	/** Entry key → redacted text, for the entries with at least one applied finding. */
	redacted(): Map<string, string> {
		return new Map([...this.edits()].map(([k, r]) => [k, r.text]));
	}
}
