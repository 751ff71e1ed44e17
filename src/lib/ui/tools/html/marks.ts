/**
 * Highlights of spans in a rendered HTML document: each span's text is wrapped in `<mark>`
 * elements (one per text node it covers), so a span may cross element boundaries. Marks add no
 * text, so global offsets stay the same after drawing them.
 */
import { textNodes } from './dom-text';

export interface MarkSpec {
	id: string;
	start: number;
	end: number;
	color: string;
	selected?: boolean;
}

/** Wraps `[start, end)` of `root`'s text in marks carrying `spec`'s id and colour. */
export function markRange(root: Node, spec: MarkSpec): void {
	const doc = root.ownerDocument ?? (root as Document);
	let at = 0;
	for (const t of textNodes(root)) {
		const len = t.data.length;
		const a = Math.max(spec.start, at);
		const b = Math.min(spec.end, at + len);
		at += len;
		if (a >= b) continue;
		let node = t;
		if (a > at - len) node = node.splitText(a - (at - len));
		if (b - a < node.data.length) node.splitText(b - a);
		const mark = doc.createElement('mark');
		mark.dataset.span = spec.id;
		mark.style.setProperty('--c', spec.color);
		if (spec.selected) mark.classList.add('sel');
		node.replaceWith(mark);
		mark.append(node);
	}
}
