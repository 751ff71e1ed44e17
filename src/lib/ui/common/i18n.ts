/**
 * The UI's translator, in the browser's language (navigator.languages) when the catalog has it
 * (core/i18n/catalog.ts). Chosen on first use, not at import. Translated parts carry
 * `lang={t.locale}` so that screen readers read them in their language.
 */
import { localeFrom, translator, type Translate } from '$lib/core/i18n/catalog';

let current: Translate | undefined;

export function tr(): Translate {
	if (current) return current;
	const langs =
		typeof navigator === 'undefined'
			? []
			: navigator.languages?.length
				? navigator.languages
				: [navigator.language];
	return (current = translator(localeFrom(langs)));
}
