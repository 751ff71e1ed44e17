/**
 * Text spans as CoNLL IOB2 (one token a line, the tag in the last column: `O`, `B-LABEL`,
 * `I-LABEL`; a blank line ends a sentence; `-DOCSTART-` lines are skipped) and as spaCy-style JSONL
 * (`{"text": …, "spans": [{"start", "end", "label"}]}`, offsets in code points, as Python's
 * strings and spaCy's `char_span` count them; Quorum's own spans count UTF-16 units). Each
 * sentence or line is one text item. Quorum writes `# text = …` (the original text, as CoNLL-U
 * does) and `# annotator = …` comments before each sentence, and reads them back; without
 * `# text`, the text is the tokens joined by spaces.
 */
import { FormatError } from '../../errors';
import { fromCodePoints, toCodePoints } from '../../text/graphemes';
import { itemIdFromText } from '../../ids';
import type {
	Annotation,
	AnnotatorId,
	Item,
	LabelSchema,
	Span,
	SpansValue,
	TaskId
} from '../../types';
import {
	AnnotationBag,
	byItem,
	exportSelection,
	isNum,
	isObj,
	isStr,
	jsonParse,
	Problems,
	resultOf,
	SchemaBuilder,
	textOf,
	type InteropExportOptions,
	type InteropImportOptions,
	type InteropResult,
	type Who
} from './common';

export const CONLL_ANNOTATOR = 'import:conll' as AnnotatorId;
export const SPACY_ANNOTATOR = 'import:spacy' as AnnotatorId;

class TextItems {
	private readonly map = new Map<string, Item>();
	private readonly existing = new Map<string, Item>();
	constructor(
		items: readonly Item[] | undefined,
		private readonly file: string,
		private readonly seq0: number
	) {
		for (const it of items ?? []) if (it.kind === 'text') this.existing.set(it.id, it);
	}
	get(text: string, meta?: Record<string, string>): Item {
		const id = itemIdFromText(text);
		let it = this.map.get(id) ?? this.existing.get(id);
		if (!it) {
			it = { id, kind: 'text', text, seq: this.seq0 + this.map.size, source: this.file };
			if (meta && Object.keys(meta).length) it.meta = meta;
		}
		this.map.set(id, it);
		return it;
	}
	all(): Item[] {
		return [...this.map.values()];
	}
}

interface Sentence {
	line: number;
	tokens: { text: string; tag: string; line: number }[];
	comments: Record<string, string>;
}

function sentencesOf(text: string): Sentence[] {
	const out: Sentence[] = [];
	let cur: Sentence | undefined;
	text.split(/\r?\n/).forEach((raw, i) => {
		const line = raw.trim();
		if (!line || line.startsWith('-DOCSTART-')) {
			if (cur?.tokens.length) out.push(cur);
			if (cur?.tokens.length || !line) cur = undefined;
			return;
		}
		cur ??= { line: i + 1, tokens: [], comments: {} };
		const c = /^#\s*([\w-]+)\s*=\s?(.*)$/.exec(raw);
		if (c && cur.tokens.length === 0) {
			cur.comments[c[1] as string] = c[2] as string;
			return;
		}
		if (line.startsWith('#') && cur.tokens.length === 0) return;
		const cols = line.split(/\s+/);
		cur.tokens.push({
			text: cols[0] as string,
			tag: cols.length > 1 ? (cols[cols.length - 1] as string) : '',
			line: i + 1
		});
	});
	if (cur?.tokens.length) out.push(cur);
	return out;
}

export function importConll(
	input: string | Uint8Array,
	file: string,
	schema?: LabelSchema,
	opts: InteropImportOptions = {}
): InteropResult {
	const text = textOf(input, file);
	const problems = new Problems(file);
	const sb = new SchemaBuilder(schema, 'conll');
	const task = sb.task('spans');
	const bag = new AnnotationBag(opts.now ?? 0);
	const items = new TextItems(opts.items, file, opts.now ?? 0);
	const sentences = sentencesOf(text);
	if (sentences.length === 0 && text.trim()) throw new FormatError(file, 1, 'no tokens');
	for (const s of sentences) {
		// Token offsets: in `# text` when every token is found in order, else tokens joined by spaces.
		let sentText = s.comments.text;
		let offsets: number[] | undefined;
		if (sentText !== undefined) {
			offsets = [];
			let at = 0;
			for (const t of s.tokens) {
				const k = sentText.indexOf(t.text, at);
				if (k < 0) {
					offsets = undefined;
					problems.add(`line ${t.line}`, `token "${t.text}" is not in "# text": using the tokens`);
					break;
				}
				offsets.push(k);
				at = k + t.text.length;
			}
		}
		if (!offsets || sentText === undefined) {
			offsets = [];
			let at = 0;
			for (const t of s.tokens) {
				offsets.push(at);
				at += t.text.length + 1;
			}
			sentText = s.tokens.map((t) => t.text).join(' ');
		}
		const spans: Span[] = [];
		let open: Span | undefined;
		let openName = '';
		s.tokens.forEach((t, j) => {
			const start = offsets?.[j] as number;
			const end = start + t.text.length;
			const m = /^([BI])-(.+)$/.exec(t.tag);
			if (t.tag === 'O' || !m) {
				if (t.tag !== 'O') problems.add(`line ${t.line}`, `tag "${t.tag}" is not O, B-… or I-…`);
				open = undefined;
				return;
			}
			const [, bi, name] = m as unknown as [string, string, string];
			if (bi === 'I' && open && openName === name) {
				open.end = end;
				return;
			}
			if (bi === 'I')
				problems.add(`line ${t.line}`, `I-${name} without B-${name} before it: read as B-${name}`);
			const label = sb.label(task.id, name);
			if (!label) {
				problems.add(`line ${t.line}`, `label "${name}" is not in the schema`);
				open = undefined;
				return;
			}
			open = { id: `s${spans.length}`, start, end, label };
			openName = name;
			spans.push(open);
		});
		const item = items.get(sentText);
		const who: Who = {
			annotator: (s.comments.annotator || CONLL_ANNOTATOR) as AnnotatorId,
			source: 'human'
		};
		const conf = Number(s.comments.confidence);
		if (s.comments.confidence && Number.isFinite(conf)) who.confidence = conf;
		if (bag.has(item.id, task.id, who.annotator)) {
			problems.add(`line ${s.line}`, 'the same sentence again by the same annotator: left out');
			continue;
		}
		const ann = bag.get(item.id, task.id, who, () => ({ type: 'spans', spans: [] }));
		(ann.value as SpansValue).spans.push(...spans);
	}
	return resultOf(items.all(), bag, sb, problems);
}

/** Whitespace tokens, split further at span boundaries that fall inside them. */
function tokensOf(text: string, cuts: Set<number>): [number, number][] {
	const out: [number, number][] = [];
	for (const m of text.matchAll(/\S+/g)) {
		let s = m.index;
		const e = s + m[0].length;
		for (let k = s + 1; k < e; k++)
			if (cuts.has(k)) {
				out.push([s, k]);
				s = k;
			}
		out.push([s, e]);
	}
	return out;
}

function nameLookup(schema: LabelSchema): (task: TaskId, id: string) => string | undefined {
	const m = new Map<string, string>();
	for (const t of schema.tasks)
		if ('labels' in t) for (const l of t.labels) m.set(`${t.id}\n${l.id}`, l.name);
	return (task, id) => m.get(`${task}\n${id}`);
}

/** CoNLL IOB2 of text items' spans; overlapping spans keep the first. */
export function exportConll(
	items: readonly Item[],
	annotations: readonly Annotation[],
	schema: LabelSchema,
	opts: InteropExportOptions
): string {
	const name = nameLookup(schema);
	const chosen = byItem(exportSelection(annotations, opts));
	const blocks: string[] = [];
	for (const item of items) {
		const text = item.text ?? '';
		for (const a of chosen.get(item.id) ?? []) {
			if (a.value.type !== 'spans') continue;
			const spans = [...a.value.spans].sort((x, y) => x.start - y.start || y.end - x.end);
			const cuts = new Set(spans.flatMap((s) => [s.start, s.end]));
			const tokens = tokensOf(text, cuts);
			if (tokens.length === 0) continue;
			const tags = tokens.map(() => 'O');
			for (const s of spans) {
				const n = name(a.task, s.label);
				if (n === undefined) continue;
				const idx = tokens.flatMap(([ts, te], k) => (ts >= s.start && te <= s.end ? [k] : []));
				if (idx.length === 0 || idx.some((k) => tags[k] !== 'O')) continue;
				idx.forEach((k, j) => (tags[k] = `${j === 0 ? 'B' : 'I'}-${n}`));
			}
			const head = [`# text = ${text.replace(/\r?\n/g, ' ')}`, `# annotator = ${a.annotator}`];
			if (a.confidence !== undefined) head.push(`# confidence = ${a.confidence}`);
			blocks.push(
				[...head, ...tokens.map(([s, e], k) => `${text.slice(s, e)}\t${tags[k]}`)].join('\n')
			);
		}
	}
	return blocks.join('\n\n') + '\n';
}

export function importSpacy(
	input: string | Uint8Array,
	file: string,
	schema?: LabelSchema,
	opts: InteropImportOptions = {}
): InteropResult {
	const text = textOf(input, file);
	const problems = new Problems(file);
	const sb = new SchemaBuilder(schema, 'spacy');
	const task = sb.task('spans');
	const bag = new AnnotationBag(opts.now ?? 0);
	const items = new TextItems(opts.items, file, opts.now ?? 0);
	const lines = text.split(/\r?\n/);
	lines.forEach((raw, i) => {
		if (!raw.trim()) return;
		const line = i + 1;
		let rec: unknown;
		try {
			rec = jsonParse(raw, file, i);
		} catch (e) {
			return problems.add(`line ${line}`, (e as FormatError).reason);
		}
		if (!isObj(rec) || !isStr(rec.text))
			return problems.add(`line ${line}`, 'each line is an object with "text"');
		const t = rec.text;
		const list = rec.spans ?? rec.entities ?? [];
		if (!Array.isArray(list)) return problems.add(`line ${line}`, '"spans" is not a list');
		const spans: Span[] = [];
		const points = [...t].length;
		list.forEach((s, j) => {
			const at = `line ${line}, spans[${j}]`;
			const [start, end, label] = Array.isArray(s)
				? s
				: isObj(s)
					? [s.start, s.end, s.label]
					: [undefined, undefined, undefined];
			if (
				!isNum(start) ||
				!isNum(end) ||
				!Number.isInteger(start) ||
				!Number.isInteger(end) ||
				!isStr(label)
			)
				return problems.add(at, 'a span is {"start", "end", "label"} with whole numbers');
			if (start < 0 || end > points || start >= end)
				return problems.add(at, `[${start}, ${end}) is not inside the text (length ${points})`);
			const id = sb.label(task.id, label);
			if (!id) return problems.add(at, `label "${label}" is not in the schema`);
			const [s16, e16] = fromCodePoints(t, [start, end]) as [number, number];
			spans.push({ id: `s${j}`, start: s16, end: e16, label: id });
		});
		const meta: Record<string, string> = {};
		if (isObj(rec.meta))
			for (const [k, v] of Object.entries(rec.meta)) meta[k] = isStr(v) ? v : JSON.stringify(v);
		const item = items.get(t, meta);
		const who: Who = {
			annotator: (isStr(rec.annotator) && rec.annotator
				? rec.annotator
				: SPACY_ANNOTATOR) as AnnotatorId,
			source: 'human'
		};
		if (isNum(rec.confidence)) who.confidence = rec.confidence;
		if (bag.has(item.id, task.id, who.annotator))
			return problems.add(`line ${line}`, 'the same text again by the same annotator: left out');
		const ann = bag.get(item.id, task.id, who, () => ({ type: 'spans', spans: [] }));
		(ann.value as SpansValue).spans.push(...spans);
	});
	return resultOf(items.all(), bag, sb, problems);
}

/** spaCy-style JSONL: one line per text item and annotator. */
export function exportSpacy(
	items: readonly Item[],
	annotations: readonly Annotation[],
	schema: LabelSchema,
	opts: InteropExportOptions
): string {
	const name = nameLookup(schema);
	const chosen = byItem(exportSelection(annotations, opts));
	const out: string[] = [];
	for (const item of items)
		for (const a of chosen.get(item.id) ?? []) {
			if (a.value.type !== 'spans') continue;
			const text = item.text ?? '';
			const list = a.value.spans;
			const cp = toCodePoints(
				text,
				list.flatMap((s) => [s.start, s.end])
			);
			const spans = list.flatMap((s, k) => {
				const n = name(a.task, s.label);
				return n === undefined ? [] : [{ start: cp[2 * k], end: cp[2 * k + 1], label: n }];
			});
			out.push(
				JSON.stringify({
					text,
					spans,
					annotator: a.annotator,
					...(a.confidence !== undefined ? { confidence: a.confidence } : {}),
					...(item.meta ? { meta: item.meta } : {})
				}) + '\n'
			);
		}
	return out.join('');
}
