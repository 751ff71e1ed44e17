/**
 * The texts a redaction review covers: every text, text field and metadata value of some items,
 * with the person names labeled on them and those the project's span model finds.
 */
import type { PersonSpan } from '$lib/core/privacy/detect';
import { itemTexts } from '$lib/core/privacy/redact-items';
import type { Item } from '$lib/core/types';
import type { PersonModel } from './person-model';
import type { RedactionEntry } from './redaction-review';

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
