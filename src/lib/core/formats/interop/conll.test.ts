import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SpansValue } from '../../types';
import { exportConll, exportSpacy, importConll, importSpacy } from './conll';
import { comparable } from '$tests/helpers/interop';

const conll = readFileSync('tests/fixtures/interop/ner.conll', 'utf8');
const jsonl = readFileSync('tests/fixtures/interop/spans.jsonl', 'utf8');

describe('CoNLL IOB2', () => {
	it('turns tokens and tags into text and character spans', () => {
		const r = importConll(conll, 'ner.conll');
		expect(r.problems).toEqual([]);
		expect(r.items.map((i) => i.text)).toEqual([
			'EU rejects German call to boycott British lamb .',
			'Peter Blackburn',
			'BRUSSELS 1996-08-22',
			'The European Commission said on Thursday it disagreed with German advice .'
		]);
		const [, second] = r.annotations;
		const t = r.items[1]?.text as string;
		const s = (second?.value as SpansValue).spans[0];
		expect(t.slice(s?.start, s?.end)).toBe('Peter Blackburn');
		const task = r.schema.tasks[0];
		expect(task?.type === 'spans' && task.labels.map((l) => l.name)).toEqual([
			'ORG',
			'MISC',
			'PER',
			'LOC'
		]);
	});

	it('round-trips, and exports spans of any text at token boundaries', () => {
		const a = importConll(conll, 'ner.conll');
		const b = importConll(exportConll(a.items, a.annotations, a.schema, { which: 'raw' }), 'o');
		expect(b.problems).toEqual([]);
		expect(b.items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
		expect(comparable(b.annotations, b.schema)).toEqual(comparable(a.annotations, a.schema));
		// spaCy → CoNLL → spans: offsets in the original text survive (via "# text").
		const s = importSpacy(jsonl, 'spans.jsonl');
		const out = exportConll(s.items, s.annotations, s.schema, { which: 'raw' });
		expect(out).toContain('U.K.\tB-GPE');
		const c = importConll(out, 'x.conll');
		expect(c.items.map((i) => i.text)).toEqual(s.items.map((i) => i.text));
		const strip = (x: typeof c) =>
			comparable(
				x.annotations.map((y) => ({ ...y, annotator: 'x' as never })),
				{ tasks: x.schema.tasks.map((t) => ({ ...t, name: 'spans' })) }
			);
		expect(strip(c)).toEqual(strip(s));
	});

	it('lists bad tags and stray I- tags with their line', () => {
		const r = importConll('a B-X\nb I-Y\nc Q\n', 'bad.conll');
		expect(r.problems.map((p) => p.where)).toEqual(['line 2', 'line 3']);
		expect((r.annotations[0]?.value as SpansValue).spans).toHaveLength(2);
	});
});

describe('spaCy JSONL', () => {
	it('round-trips spans and metadata', () => {
		const a = importSpacy(jsonl, 'spans.jsonl');
		expect(a.problems).toEqual([]);
		expect(a.items[1]?.meta).toEqual({ source: 'wiki' });
		const b = importSpacy(exportSpacy(a.items, a.annotations, a.schema, { which: 'raw' }), 'o');
		expect(comparable(b.annotations, b.schema)).toEqual(comparable(a.annotations, a.schema));
		expect(b.items).toEqual(a.items.map((i) => ({ ...i, source: 'o' })));
	});

	it('lists bad lines and spans outside the text', () => {
		const bad = [
			'\uFEFF{"text": "abc", "spans": [{"start": 0, "end": 9, "label": "X"}]}',
			'{"text": "abc", "spans": [{"start": "0"}]',
			'[1, 2]',
			'{"text": "ok", "spans": [[0, 2, "Y"]]}'
		].join('\n');
		const r = importSpacy(bad, 'b.jsonl');
		expect(r.problems.map((p) => p.where)).toEqual(['line 1, spans[0]', 'line 2', 'line 3']);
		expect(r.items.map((i) => i.text)).toEqual(['abc', 'ok']);
	});

	it('counts offsets in code points, as Python and spaCy do, around emoji', () => {
		// Python: text = "Ich 👩‍👩‍👧 mag Köln 🇩🇪"; text[14:18] == "Köln" (code points).
		const text = 'Ich 👩‍👩‍👧 mag Köln 🇩🇪';
		const line = JSON.stringify({ text, spans: [{ start: 14, end: 18, label: 'LOC' }] });
		const r = importSpacy(line, 'e.jsonl');
		expect(r.problems).toEqual([]);
		const span = (r.annotations[0]?.value as SpansValue).spans[0];
		expect(text.slice(span?.start, span?.end)).toBe('Köln');
		const out = JSON.parse(exportSpacy(r.items, r.annotations, r.schema, { which: 'raw' }));
		expect(out.spans).toEqual([{ start: 14, end: 18, label: 'LOC' }]);
		expect([...text].slice(14, 18).join('')).toBe('Köln');
	});
});
