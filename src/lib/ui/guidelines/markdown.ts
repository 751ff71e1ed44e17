/**
 * Renders guideline markdown to sanitized HTML. marked and DOMPurify load on first use, so they
 * stay out of the first page load. Every rendering of user-supplied markdown goes through here.
 */
export async function markdownRender(source: string): Promise<string> {
	const [{ marked }, { default: DOMPurify }] = await Promise.all([
		import('marked'),
		import('dompurify')
	]);
	const html = await marked.parse(source, { gfm: true, breaks: false, async: true });
	return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form'] });
}
