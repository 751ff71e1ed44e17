/**
 * HTML documents made safe to show: DOMPurify (loaded on first use) removes scripts, event
 * handlers, forms, frames and style sheets, and we drop every attribute that would load something
 * from elsewhere (src, srcset, poster, background, inline styles with url()), so a document shows
 * nothing remote and cannot restyle the app (it is also drawn in a shadow root). Relative links,
 * which would point into the app, lose their target; absolute ones open in a new tab.
 */
import type { DOMPurify } from 'dompurify';

let purify: Promise<DOMPurify> | undefined;

const FORBID_TAGS = [
	'style',
	'link',
	'meta',
	'base',
	'iframe',
	'frame',
	'object',
	'embed',
	'form',
	'input',
	'button',
	'select',
	'textarea'
];
const FORBID_ATTR = ['style', 'srcset', 'background', 'poster', 'action', 'formaction', 'ping'];

/** The body of `html` as a sanitized fragment; images keep only `data:` sources. */
export async function htmlSanitize(html: string): Promise<DocumentFragment> {
	purify ??= import('dompurify').then((m) => m.default);
	const p = await purify;
	const frag = p.sanitize(html, {
		FORBID_TAGS,
		FORBID_ATTR,
		RETURN_DOM_FRAGMENT: true
	});
	for (const el of frag.querySelectorAll('[src]'))
		if (!/^data:/i.test(el.getAttribute('src') ?? '')) el.removeAttribute('src');
	for (const a of frag.querySelectorAll('a[href]')) {
		// A relative link would resolve against the app's own address: keep only absolute ones.
		if (!/^https?:\/\//i.test(a.getAttribute('href') ?? '')) {
			a.removeAttribute('href');
			continue;
		}
		a.setAttribute('rel', 'noopener noreferrer');
		a.setAttribute('target', '_blank');
	}
	return frag;
}
