/** Replaces findings in a text with placeholders such as `[EMAIL]`; pure. */
import type { PiiFinding, PiiType } from './detect';

export const REDACTION_TOKEN: Record<PiiType, string> = {
	email: '[EMAIL]',
	iban: '[IBAN]',
	card: '[CARD]',
	ip: '[IP]',
	phone: '[PHONE]',
	name: '[NAME]'
};

/** One replaced range: `[start, end)` of the original text became `[to, toEnd)` of the new one. */
export interface RedactionEdit {
	start: number;
	end: number;
	to: number;
	toEnd: number;
}

/**
 * The text with each finding's range replaced by its type's token, and where each replacement
 * went (to move character offsets such as spans, see shift.ts). Findings may come in any order;
 * one that overlaps an earlier-starting one is skipped, and one whose text no longer matches the
 * range (a stale finding) is left alone, so redaction never garbles unrelated text.
 */
export function redactEdits(
	text: string,
	findings: readonly Pick<PiiFinding, 'type' | 'start' | 'end' | 'text'>[]
): { text: string; edits: RedactionEdit[] } {
	const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
	let out = '';
	let at = 0;
	const edits: RedactionEdit[] = [];
	for (const f of sorted) {
		if (f.start < at || f.end > text.length || text.slice(f.start, f.end) !== f.text) continue;
		out += text.slice(at, f.start);
		const token = REDACTION_TOKEN[f.type];
		edits.push({ start: f.start, end: f.end, to: out.length, toEnd: out.length + token.length });
		out += token;
		at = f.end;
	}
	return { text: out + text.slice(at), edits };
}

/** The text with the findings replaced by placeholders (see `redactEdits`). */
export function redactText(
	text: string,
	findings: readonly Pick<PiiFinding, 'type' | 'start' | 'end' | 'text'>[]
): string {
	return redactEdits(text, findings).text;
}
