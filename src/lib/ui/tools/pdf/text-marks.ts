/**
 * Highlights on a pdf.js text layer: each run's span (one per text item, `data-run`) is rebuilt
 * from its text with `<mark>`s for the parts that spans cover, and DOM positions read back as
 * offsets in the page's text (core/pdf/page-text.ts).
 */
import { pageRunRanges, type PageText } from '$lib/core/pdf/page-text';

export interface TextMark {
	id: string;
	start: number;
	end: number;
	color: string;
	cls?: string;
}

/** Rewrites the runs' spans with marks for `marks` (later marks lose where they overlap). */
export function textMarksDraw(
	divs: readonly HTMLElement[],
	p: PageText,
	runs: readonly string[],
	marks: readonly TextMark[]
): void {
	const per = new Map<number, { from: number; to: number; m: TextMark }[]>();
	for (const m of marks)
		for (const r of pageRunRanges(p, runs, m.start, m.end)) {
			const list = per.get(r.run) ?? [];
			list.push({ from: r.from, to: r.to, m });
			per.set(r.run, list);
		}
	divs.forEach((div, i) => {
		const str = runs[i] ?? '';
		const parts = (per.get(i) ?? []).sort((a, b) => a.from - b.from);
		if (!parts.length) {
			if (div.childElementCount || div.textContent !== str) div.textContent = str;
			return;
		}
		const doc = div.ownerDocument;
		const out: Node[] = [];
		let at = 0;
		for (const { from, to, m } of parts) {
			const a = Math.max(from, at);
			if (a >= to) continue;
			if (a > at) out.push(doc.createTextNode(str.slice(at, a)));
			const mark = doc.createElement('mark');
			mark.dataset.span = m.id;
			mark.style.setProperty('--c', m.color);
			if (m.cls) mark.className = m.cls;
			mark.textContent = str.slice(a, to);
			out.push(mark);
			at = to;
		}
		if (at < str.length) out.push(doc.createTextNode(str.slice(at)));
		div.replaceChildren(...out);
	});
}

/** The page offset of a DOM position inside (or around) the runs' spans. */
export function textOffsetAt(
	divs: readonly HTMLElement[],
	p: PageText,
	node: Node,
	offset: number
): number {
	const i = divs.findIndex((d) => d === node || d.contains(node));
	const div = divs[i];
	if (div) {
		const r = div.ownerDocument.createRange();
		r.setStart(div, 0);
		r.setEnd(node, offset);
		return (p.starts[i] as number) + r.toString().length;
	}
	// Between runs (e.g. on a line break): the start of the first run after the position.
	const r = (node.ownerDocument ?? (node as Document)).createRange();
	r.setStart(node, offset);
	for (const [k, d] of divs.entries()) if (r.comparePoint(d, 0) > 0) return p.starts[k] as number;
	return p.text.length;
}
