import { describe, expect, it } from 'vitest';
import { guidelinesEntry } from './guidelines-entry';

const apply = (cur: string, e: { index: number; text: string }) =>
	cur.slice(0, e.index) + e.text + cur.slice(e.index);

describe('guidelinesEntry', () => {
	it('starts the section at the end when the guidelines have none', () => {
		const cur = '# Sentiment\n\nLabel the tone.';
		const e = guidelinesEntry(cur, { text: 'ok  I guess', label: 'neutral', kind: 'example' });
		expect(apply(cur, e)).toBe(
			'# Sentiment\n\nLabel the tone.\n\n## Examples\n\n- “ok I guess” → **neutral**'
		);
	});

	it('adds to the end of its section, before the next heading', () => {
		const cur = '## Edge cases\n\n- “a” → **x**\n## Examples\n\n- “b” → **y**';
		const e = guidelinesEntry(cur, { text: 'c', label: 'z', kind: 'edge case' });
		expect(apply(cur, e)).toBe(
			'## Edge cases\n\n- “a” → **x**\n- “c” → **z**\n## Examples\n\n- “b” → **y**'
		);
		const f = guidelinesEntry(cur, { text: 'd', label: 'w', kind: 'example' });
		expect(apply(cur, f).endsWith('- “b” → **y**\n- “d” → **w**')).toBe(true);
	});

	it('keeps an entry to one line of at most 500 characters', () => {
		const e = guidelinesEntry('', { text: 'x\n'.repeat(400), label: 'l', kind: 'example' });
		const line = e.text.split('\n').at(-1) as string;
		expect(line.length).toBe('- “” → **l**'.length + 500);
	});
});
