/**
 * What the user chooses in an interop preview before pressing Import: what each file label
 * becomes, which Parquet columns are the text and the metadata, and whether to review personal
 * data first.
 */
import type { LabelTarget } from '$lib/core/formats/interop/plan';
import type { ParquetMapping } from './parquet';

export class InteropChoices {
	#targets = $state<Record<string, LabelTarget>>({});
	#textField = $state('');
	#metaFields = $state.raw<string[]>([]);
	#redact = $state(false);

	/** The choice per file label (plan label id); absent: keep. */
	get targets(): Record<string, LabelTarget> {
		return this.#targets;
	}

	set targets(t: Record<string, LabelTarget>) {
		this.#targets = t;
	}

	/** Parquet: which column is the text. */
	get textField(): string {
		return this.#textField;
	}

	set textField(f: string) {
		this.#textField = f;
	}

	/** Parquet: which columns are kept as metadata. */
	get metaFields(): readonly string[] {
		return this.#metaFields;
	}

	metaFieldSet(field: string, keep: boolean): void {
		this.#metaFields = keep
			? [...this.#metaFields, field]
			: this.#metaFields.filter((m) => m !== field);
	}

	/** Find personal data in what the import adds, and review its redaction before writing. */
	get redact(): boolean {
		return this.#redact;
	}

	set redact(on: boolean) {
		this.#redact = on;
	}

	get mapping(): ParquetMapping {
		return { textField: this.#textField, metaFields: [...this.#metaFields] };
	}

	set mapping(m: ParquetMapping) {
		this.#textField = m.textField;
		this.#metaFields = m.metaFields;
	}
}
