import { describe, expect, it } from 'vitest';
import { CATALOGS, localeFrom, translator } from './catalog';

describe('UI catalog', () => {
	it('picks the first browser language it has, by base language, else English', () => {
		expect(localeFrom(['es-MX', 'en-US'])).toBe('es');
		expect(localeFrom(['fr-FR', 'ES'])).toBe('es');
		expect(localeFrom(['fr-FR', 'de'])).toBe('en');
		expect(localeFrom([])).toBe('en');
	});

	it('every language has every key, with the same parameters as English', () => {
		const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const [name, cat] of Object.entries(CATALOGS)) {
			expect(Object.keys(cat).sort(), name).toEqual(Object.keys(CATALOGS.en).sort());
			for (const [k, v] of Object.entries(cat)) {
				expect(v.trim(), `${name} ${k}`).not.toBe('');
				expect(params(v), `${name} ${k}`).toEqual(
					params(CATALOGS.en[k as keyof typeof CATALOGS.en])
				);
			}
		}
	});

	it('fills parameters with local number formats and chooses plural forms', () => {
		const es = translator('es');
		expect(es('annot.position', { pos: 3, total: 12345 })).toBe('Elemento 3 de 12.345 · hechos');
		expect(es.plural('comments.threads', 1)).toBe('1 hilo');
		expect(es.plural('comments.threads', 2)).toBe('2 hilos');
		const en = translator('en');
		expect(en('annot.position', { pos: 3, total: 12345 })).toBe('Item 3 of 12,345 · done');
		expect(en.plural('comments.threads', 1)).toBe('1 thread');
	});
});
