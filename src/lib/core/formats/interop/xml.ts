/**
 * A tiny, safe XML reader for annotation files (Pascal VOC): elements, attributes and text, no
 * DTDs, no entity expansion beyond the five predefined ones and character references, bounded
 * depth. Not a validating parser; enough for flat, machine-written XML. Errors are FormatErrors
 * with the line.
 */
import { FormatError } from '../../errors';
import { lineAt } from './common';

export interface XmlElement {
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	text: string;
	line: number;
}

const MAX_DEPTH = 64;
const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(s: string, file: string, text: string, at: number): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);?/gi, (m, e: string) => {
		if (e[0] === '#') {
			const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			if (!Number.isFinite(n) || n > 0x10ffff)
				throw new FormatError(file, lineAt(text, at), `bad character reference ${m}`);
			return String.fromCodePoint(n);
		}
		const v = ENT[e];
		if (v === undefined) throw new FormatError(file, lineAt(text, at), `unknown entity ${m}`);
		return v;
	});
}

const NAME = /^[A-Za-z_:][\w:.-]*/;

export function xmlParse(text: string, file: string): XmlElement {
	const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '', line: 1 };
	const stack: XmlElement[] = [root];
	let i = 0;
	const fail = (why: string, at = i): never => {
		throw new FormatError(file, lineAt(text, at), why);
	};
	while (i < text.length) {
		const lt = text.indexOf('<', i);
		const top = stack[stack.length - 1] as XmlElement;
		const chunk = text.slice(i, lt < 0 ? text.length : lt);
		if (chunk.trim()) {
			if (stack.length === 1) fail('text outside the root element');
			top.text += unescape(chunk, file, text, i);
		}
		if (lt < 0) break;
		i = lt;
		if (text.startsWith('<?', i)) {
			const e = text.indexOf('?>', i);
			if (e < 0) fail('unclosed <?');
			i = e + 2;
		} else if (text.startsWith('<!--', i)) {
			const e = text.indexOf('-->', i);
			if (e < 0) fail('unclosed comment');
			i = e + 3;
		} else if (text.startsWith('<![CDATA[', i)) {
			const e = text.indexOf(']]>', i);
			if (e < 0) fail('unclosed CDATA');
			top.text += text.slice(i + 9, e);
			i = e + 3;
		} else if (text.startsWith('<!', i)) {
			fail('DTDs and declarations are not read');
		} else if (text.startsWith('</', i)) {
			const e = text.indexOf('>', i);
			if (e < 0) fail('unclosed end tag');
			const name = text.slice(i + 2, e).trim();
			if (stack.length === 1 || top.name !== name)
				fail(`</${name}> does not close <${stack.length > 1 ? top.name : ''}>`);
			stack.pop();
			i = e + 1;
		} else {
			const name = NAME.exec(text.slice(i + 1, i + 200))?.[0];
			if (!name) fail('a tag without a name');
			const el: XmlElement = {
				name: name as string,
				attrs: {},
				children: [],
				text: '',
				line: lineAt(text, i)
			};
			let j = i + 1 + (name as string).length;
			const ATTR = /\s*([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')|\s*(\/?>)/y;
			let closed: boolean;
			for (;;) {
				ATTR.lastIndex = j;
				const m = ATTR.exec(text);
				if (!m) fail(`malformed tag <${name}>`, j);
				const mm = m as RegExpExecArray;
				j = ATTR.lastIndex;
				if (mm[5]) {
					closed = mm[5] === '/>';
					break;
				}
				el.attrs[mm[1] as string] = unescape(mm[3] ?? mm[4] ?? '', file, text, j);
			}
			if (stack.length === 1 && root.children.length > 0) fail('more than one root element');
			top.children.push(el);
			if (!closed) {
				if (stack.length > MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`);
				stack.push(el);
			}
			i = j;
		}
	}
	if (stack.length > 1)
		fail(
			`<${(stack[stack.length - 1] as XmlElement).name}> is not closed (truncated file?)`,
			text.length
		);
	const doc = root.children[0];
	if (!doc) fail('no XML element', 0);
	return doc as XmlElement;
}

export const child = (el: XmlElement, name: string): XmlElement | undefined =>
	el.children.find((c) => c.name === name);

export const childText = (el: XmlElement, name: string): string | undefined =>
	child(el, name)?.text.trim();

export const xmlEscape = (s: string): string =>
	s.replace(
		/[&<>"']/g,
		(c) =>
			`&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`
	);
