/**
 * Text positions in a sanitized Debian documentation page (libffi's manual, saved from the package): global
 * offsets and Label Studio XPaths agree for spans that cross element boundaries; nothing that
 * runs or loads survives sanitizing; marks keep the offsets.
 */
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { globalOffset, pointAt, spanFromXPath, spanXPath, textNodes } from './dom-text';
import { markRange } from './marks';
import { htmlSanitize } from './sanitize';

// Saved from Debian's libffi8 package (/usr/share/doc/libffi8/html/Introduction.html).
const PAGE = 'tests/fixtures/html/libffi-introduction.html';

describe('HTML text positions', () => {
	it('maps global offsets to XPaths and back across element boundaries', async () => {
		const html = await commands.readFile(PAGE);
		const frag = await htmlSanitize(
			`${html}<script>alert(1)</script><img src="https://example.com/x.png" onerror="alert(2)">`
		);
		expect(frag.querySelector('script, style, link, [onerror]')).toBeNull();
		expect(frag.querySelector('img')?.hasAttribute('src')).toBe(false);
		const text = frag.textContent ?? '';
		const start = text.indexOf('the calling');
		const end = start + 'the calling'.length;
		const x = spanXPath(frag, start, end);
		expect(x?.start).toMatch(/\/p\[\d+\]\/text\(\)\[1\]$/);
		expect(x?.end).toMatch(/\/p\[\d+\]\/em\[1\]\/text\(\)\[1\]$/);
		expect(x?.endOffset).toBe('calling'.length);
		expect(spanFromXPath(frag, x as NonNullable<typeof x>)).toEqual({ start, end });

		const doc = document.createElement('div');
		doc.append(frag.cloneNode(true));
		markRange(doc, { id: 's', start, end, color: '#f00' });
		expect([...doc.querySelectorAll('mark')].map((m) => m.textContent).join('')).toBe(
			'the calling'
		);
		expect(doc.textContent).toBe(text);
		const p = pointAt(doc, end, true);
		expect(p && globalOffset(doc, p.node, p.offset)).toBe(end);
		expect(textNodes(doc).length).toBeGreaterThan(textNodes(frag).length);
	});
});
