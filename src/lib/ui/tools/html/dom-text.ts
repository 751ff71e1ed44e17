/**
 * Text positions in a rendered HTML document: global offsets (UTF-16 code units in the whole text
 * content, text nodes in document order) and Label Studio's XPath + offset form (the XPath of a
 * text node from the root, e.g. `/div[1]/p[2]/text()[1]`). Both are read from the sanitized
 * document before any highlight is drawn, so they do not depend on our marks.
 */
import type { SpanXPath } from '$lib/core/types';

/** The text nodes under `root`, in document order. */
export function textNodes(root: Node): Text[] {
	const out: Text[] = [];
	const w = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n as Text);
	return out;
}

/**
 * The global offset of a DOM position (a text node and an offset in it, or an element and a child
 * index): the length of the text from the root's start to it, which a Range measures directly.
 */
export function globalOffset(root: Node, node: Node, offset: number): number {
	const r = (root.ownerDocument ?? (root as Document)).createRange();
	r.setStart(root, 0);
	r.setEnd(node, offset);
	return r.toString().length;
}

/** The text node and offset of global offset `g` (the end of a node when `g` falls between two). */
export function pointAt(
	root: Node,
	g: number,
	preferEnd = false
): { node: Text; offset: number } | undefined {
	let at = 0;
	let last: Text | undefined;
	for (const t of textNodes(root)) {
		const len = t.data.length;
		if (g < at + len || (preferEnd && g === at + len)) return { node: t, offset: g - at };
		at += len;
		last = t;
	}
	return last && g === at ? { node: last, offset: last.data.length } : undefined;
}

/** The XPath of `node` from `root`: element steps by tag and position, then `text()[k]`. */
export function xpathOf(root: Node, node: Node): string {
	const steps: string[] = [];
	for (let n: Node | null = node; n && n !== root; n = n.parentNode) {
		const parent: Node | null = n.parentNode;
		if (!parent) break;
		const same = [...parent.childNodes].filter((c) =>
			n?.nodeType === Node.TEXT_NODE ? c.nodeType === Node.TEXT_NODE : c.nodeName === n?.nodeName
		);
		const name = n.nodeType === Node.TEXT_NODE ? 'text()' : n.nodeName.toLowerCase();
		steps.unshift(`${name}[${same.indexOf(n as ChildNode) + 1}]`);
	}
	return `/${steps.join('/')}`;
}

/** The node an XPath of `xpathOf` names, or undefined. */
export function nodeAtXPath(root: Node, path: string): Node | undefined {
	let n: Node | undefined = root;
	for (const step of path.split('/').filter(Boolean)) {
		const m = /^([a-z0-9-]+|text\(\))\[(\d+)\]$/i.exec(step);
		if (!m || !n) return undefined;
		const [, name, k] = m as unknown as [string, string, string];
		const text = name === 'text()';
		const same: ChildNode[] = [...n.childNodes].filter((c) =>
			text ? c.nodeType === Node.TEXT_NODE : c.nodeName.toLowerCase() === name.toLowerCase()
		);
		n = same[Number(k) - 1];
	}
	return n;
}

/** The XPath form of the global range `[start, end)` in `root`. */
export function spanXPath(root: Node, start: number, end: number): SpanXPath | undefined {
	const a = pointAt(root, start);
	const b = pointAt(root, end, true);
	if (!a || !b) return undefined;
	return {
		start: xpathOf(root, a.node),
		startOffset: a.offset,
		end: xpathOf(root, b.node),
		endOffset: b.offset
	};
}

/** The global range of an XPath form, or undefined when a path names no text node. */
export function spanFromXPath(
	root: Node,
	x: SpanXPath
): { start: number; end: number } | undefined {
	const a = nodeAtXPath(root, x.start);
	const b = nodeAtXPath(root, x.end);
	if (!a || !b || a.nodeType !== Node.TEXT_NODE || b.nodeType !== Node.TEXT_NODE) return undefined;
	return { start: globalOffset(root, a, x.startOffset), end: globalOffset(root, b, x.endOffset) };
}
