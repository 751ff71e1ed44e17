/**
 * Person names for the redaction review beyond the bundled name list: the project's trained span
 * model, when a spans task has a person label (PERSON, PER, NAME, …) and its model is saved on
 * this device (read with the media store's `spanModelLoad`, the weights the Model page trained).
 * Loaded lazily: TF.js's model store is imported only when such a task exists.
 */
import type { PersonSpan } from '$lib/core/privacy/detect';
import { personLabels } from '$lib/core/privacy/persons';
import { itemTexts } from '$lib/core/privacy/redact-items';
import type { Item, LabelSchema } from '$lib/core/types';
import type { SpanModel } from '$lib/ml/media/spans/suggest';
import type { ModelIO } from '$lib/ml/model-io';
import type { RedactionEntry } from './redaction.svelte';

export interface PersonModel {
	/** Names of the tasks whose models are used. */
	tasks: string[];
	/** Person spans the models find in `text`, with their confidence. */
	find(text: string): PersonSpan[];
	/** Which task field each model reads (undefined: the item's text). */
	fields: (string | undefined)[];
}

/** Models of the project's person-labeled spans tasks saved on this device, or undefined. */
export async function personModelLoad(
	project: string,
	schema: LabelSchema,
	io?: ModelIO
): Promise<PersonModel | undefined> {
	const tasks = personLabels(schema);
	if (tasks.length === 0) return undefined;
	const [{ spanModelLoad, mediaModelUrl }, { spanSuggest }, store] = await Promise.all([
		import('$lib/ml/media/store'),
		import('$lib/ml/media/spans/suggest'),
		io ? Promise.resolve({ tfModelIO: io }) : import('$lib/ml/model-io')
	]);
	const models: {
		t: ReturnType<typeof personLabels>[number];
		model: SpanModel;
	}[] = [];
	for (const t of tasks) {
		const got = await spanModelLoad(
			store.tfModelIO,
			mediaModelUrl('span-model', `${project}:${t.task}`)
		).catch(() => undefined);
		if (got) models.push({ t, model: got.model });
	}
	if (models.length === 0) return undefined;
	return {
		tasks: models.map((m) => m.t.name),
		fields: models.map((m) => m.t.field),
		find(text) {
			const out: PersonSpan[] = [];
			for (const { t, model } of models) {
				const s = spanSuggest(model, text);
				s.value.spans.forEach((sp, i) => {
					if (t.labels.has(sp.label))
						out.push({
							start: sp.start,
							end: sp.end,
							source: 'model',
							confidence: Math.round((s.spanConfidence[i] ?? 0) * 100) / 100
						});
				});
			}
			return out;
		}
	};
}

const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Review entries for items: each text, text field and metadata value, with the person spans
 * labeled on it (`labeled`, by redaction key) and those the model finds in the texts it reads.
 * Yields to the page every 200 items while the model runs.
 */
export async function reviewEntries(
	items: readonly Item[],
	labeled: ReadonlyMap<string, readonly PersonSpan[]>,
	model: PersonModel | undefined,
	where: (it: Item, part: string) => string
): Promise<RedactionEntry[]> {
	const entries: RedactionEntry[] = [];
	let n = 0;
	for (const it of items) {
		for (const t of itemTexts(it)) {
			const persons: PersonSpan[] = [...(labeled.get(t.key) ?? [])];
			if (model && !t.key.includes('#m:')) {
				const field = t.key.includes('#f:') ? t.key.split('#f:')[1] : undefined;
				if (model.fields.includes(field)) persons.push(...model.find(t.text));
			}
			entries.push({
				key: t.key,
				where: where(it, t.part),
				text: t.text,
				...(persons.length ? { persons } : {})
			});
		}
		if (model && ++n % 200 === 0) await yieldToPage();
	}
	return entries;
}
