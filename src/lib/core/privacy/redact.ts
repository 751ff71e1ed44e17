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

/**
 * The text with each finding's range replaced by its type's token. Findings may come in any order;
 * one that overlaps an earlier-starting one is skipped, and one whose text no longer matches the
 * range (a stale finding) is left alone, so redaction never garbles unrelated text.
 */
export function redactText(
	text: string,
	findings: readonly Pick<PiiFinding, 'type' | 'start' | 'end' | 'text'>[]
): string {
	const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
	let out = '';
	let at = 0;
	for (const f of sorted) {
		if (f.start < at || f.end > text.length || text.slice(f.start, f.end) !== f.text) continue;
		out += text.slice(at, f.start) + REDACTION_TOKEN[f.type];
		at = f.end;
	}
	return out + text.slice(at);
}
