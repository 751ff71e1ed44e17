/**
 * Person names for the redaction review beyond the bundled name list: the project's trained span
 * model, when a spans task has a person label (PERSON, PER, NAME, …) and its model is saved on
 * this device (read with the media store's `spanModelLoad`, the weights the Model page trained).
 * Loaded lazily: TF.js's model store is imported only when such a task exists.
 */
import type { PersonSpan } from '$lib/core/privacy/detect';
import { personLabels } from '$lib/core/privacy/persons';
import type { LabelSchema } from '$lib/core/types';
import type { SpanModel } from '$lib/ml/media/spans/suggest';
import type { ModelIO } from '$lib/ml/model-io';

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
