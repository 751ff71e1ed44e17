/**
 * Renders guideline markdown to sanitized HTML. marked and DOMPurify load on first use, so they
 * stay out of the first page load; once loaded, rendering is synchronous (a view derives its HTML
 * from its source). Every rendering of user-supplied markdown goes through here.
 */
export type MarkdownRender = (source: string) => string;

let loading: Promise<MarkdownRender> | undefined;
let loaded: MarkdownRender | undefined;

/** The renderer, if it has loaded. */
export function markdownRenderer(): MarkdownRender | undefined {
	return loaded;
}

/** Loads the renderer (once); markdown that cannot be parsed renders as nothing. */
export function markdownRendererLoad(): Promise<MarkdownRender> {
	loading ??= Promise.all([import('marked'), import('dompurify')]).then(
		([{ marked }, { default: DOMPurify }]) =>
			(loaded = (source) => {
				try {
					const html = marked.parse(source, { gfm: true, breaks: false, async: false });
					return DOMPurify.sanitize(html, {
						USE_PROFILES: { html: true },
						FORBID_TAGS: ['style', 'form']
					});
				} catch {
					return '';
				}
			}),
		(e: unknown) => {
			loading = undefined;
			throw e;
		}
	);
	return loading;
}
