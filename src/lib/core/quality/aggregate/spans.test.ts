import { describe, expect, it } from 'vitest';
import { tokenBounds } from '../../geometry/spans';
import { rngFrom } from '../rng';
import type { Span } from '../rules/types';
import { bioSpans, bioTags, spansAggregate, type SpanText } from './spans';

const TEXT = 'Ada Lovelace met Charles Babbage in London .';
const at = (word: string, label: string): Span => {
	const s = TEXT.indexOf(word);
	return [s, s + word.length, label];
};

describe('span consensus by token-level Dawid–Skene over BIO tags', () => {
	it('tags tokens B/I/O and reads the tags back into spans (worked example)', () => {
		const tokens = tokenBounds(TEXT);
		const spans = [at('Ada Lovelace', 'PER'), at('London', 'LOC')];
		const tags = bioTags(tokens, spans);
		expect(tags).toEqual(['B-PER', 'I-PER', 'O', 'O', 'O', 'O', 'B-LOC', 'O']);
		expect(bioSpans(tokens, tags)).toEqual(spans);
		// A stray I- starts a span; an I- of another label ends the open one.
		expect(bioSpans(tokens, ['I-PER', 'I-PER', 'O', 'B-PER', 'I-LOC', 'O', 'O', 'O'])).toEqual([
			at('Ada Lovelace', 'PER'),
			at('Charles', 'PER'),
			at('Babbage', 'LOC')
		]);
	});

	it('learns who confuses which label over many texts, where a vote per token ties', () => {
		const rng = rngFrom(5);
		const names = [
			'Ada Lovelace',
			'Charles Babbage',
			'Grace Hopper',
			'Alan Turing',
			'Emmy Noether'
		];
		const places = ['London', 'Paris', 'Vienna', 'Boston', 'Berlin'];
		const truth = new Map<string, Span[]>();
		const texts = new Map<string, SpanText>();
		for (let i = 0; i < 60; i++) {
			const who = names[Math.floor(rng() * names.length)] as string;
			const where = places[Math.floor(rng() * places.length)] as string;
			const text = `Yesterday ${who} spoke in ${where} about engines .`;
			const per: Span = [text.indexOf(who), text.indexOf(who) + who.length, 'PER'];
			const loc: Span = [text.indexOf(where), text.indexOf(where) + where.length, 'LOC'];
			truth.set(`t${i}`, [per, loc]);
			const spans = new Map<string, Span[]>([
				// Two careful annotators; two who call every place a person.
				['careful1', [per, loc]],
				['careful2', rng() < 0.9 ? [per, loc] : [per]],
				['confused1', [per, [loc[0], loc[1], 'PER']]],
				['confused2', [per, [loc[0], loc[1], 'PER']]]
			]);
			texts.set(`t${i}`, { text, spans });
		}
		const f1 = (got: Map<string, Span[]>) => {
			let hit = 0;
			let n = 0;
			let m = 0;
			for (const [id, spans] of truth) {
				const g = got.get(id) ?? [];
				hit += g.filter((s) => spans.some((t) => t.join() === s.join())).length;
				n += g.length;
				m += spans.length;
			}
			return (2 * hit) / (n + m);
		};
		const ds = f1(spansAggregate(texts));
		const mv = f1(spansAggregate(texts, { method: 'mv' }));
		expect(ds).toBe(1);
		expect(mv).toBeLessThan(0.9);
	});
});
