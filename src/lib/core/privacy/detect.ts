/**
 * Finds personal data in text: e-mail addresses, phone numbers, payment card numbers (Luhn),
 * IBANs (mod 97), IPv4 and IPv6 addresses, and person names (a bundled name list and courtesy
 * titles, read in context for names that are also places: name-find.ts; plus optional PERSON
 * spans from a NER model). Offsets are UTF-16 code units `[start, end)`. Overlaps resolve by
 * priority (the order of PII_TYPES), then by length.
 */
import { ibanValid, luhnValid } from './checksums';
import { nameFindings } from './name-find';

export type PiiType = 'email' | 'iban' | 'card' | 'ip' | 'phone' | 'name';

export const PII_TYPES: readonly PiiType[] = ['email', 'iban', 'card', 'ip', 'phone', 'name'];

export const PII_LABEL: Record<PiiType, string> = {
	email: 'E-mail',
	iban: 'IBAN',
	card: 'Card number',
	ip: 'IP address',
	phone: 'Phone',
	name: 'Person name'
};

export interface PiiFinding {
	type: PiiType;
	start: number;
	end: number;
	/** The matched text. */
	text: string;
	/**
	 * Where a person name came from: the bundled name list (default), the project's trained span
	 * model, or spans people labeled (e.g. PERSON spans of the file being imported).
	 */
	source?: PersonSource;
	/** The model's confidence in a name it found, 0–1. */
	confidence?: number;
	/**
	 * A listed name that is also a common place (Sofia, Paris, …), found without person or place
	 * context around it: it may be the place, so the review starts it unchecked (name-find.ts).
	 */
	alsoPlace?: true;
}

export type PersonSource = 'list' | 'model' | 'labels';

/** A person span from elsewhere than the name list: a NER model or labeled spans, `[start, end)`. */
export interface PersonSpan {
	start: number;
	end: number;
	source: Exclude<PersonSource, 'list'>;
	confidence?: number;
}

export interface PiiOptions {
	/** Types to look for (all by default). */
	types?: readonly PiiType[];
	/** PERSON spans from a NER model or from labeled spans, added as names. */
	personSpans?: readonly PersonSpan[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const CARD = /(?<![\d.-])\d(?:[ -]?\d){12,18}(?!\d|[.-]\d)/g;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)/g;
const IPV6 = /(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\w:])/g;
const PHONE =
	/(?<![\w+.-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,8}){1,4}(?![\w-]|[.-]\d)/g;
/** A redaction placeholder (redact.ts): a span already on one is not a name to find again. */
const PLACEHOLDER = /^\[(EMAIL|IBAN|CARD|IP|PHONE|NAME)\]$/;

function ipv4Valid(s: string): boolean {
	return s.split('.').every((p) => Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')));
}

function ipv6Valid(s: string): boolean {
	const halves = s.split('::');
	if (halves.length > 2) return false;
	const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
	if (groups.some((g) => g.length === 0 || g.length > 4)) return false;
	if (halves.length === 1 && groups.length !== 8) return false;
	if (halves.length === 2 && groups.length > 7) return false;
	// "12:30:45"-like clock times are not addresses: an address without "::" has 8 groups, and
	// one with "::" needs a hex letter or a group longer than 2 digits to look like one.
	if (halves.length === 2 && !groups.some((g) => /[a-f]/i.test(g) || g.length > 2))
		return s === '::1';
	return true;
}

/** Digits of a phone candidate: 7–15 (ITU-T E.164), not a date or a plain number. */
function phoneValid(s: string): boolean {
	const digits = s.replace(/\D/g, '');
	if (digits.length < 7 || digits.length > 15) return false;
	// Dates: 2024-01-15, 15.01.2024, 01/15/2024 (slashes are never matched).
	if (/^\d{4}[-.]\d{1,2}[-.]\d{1,2}$/.test(s) || /^\d{1,2}[-.]\d{1,2}[-.]\d{4}$/.test(s))
		return false;
	// Version strings and decimals use dots between short groups: 1.2.3, 10.0.19045.
	if (/^\d+(\.\d+)+$/.test(s) && !/^\d{3}\.\d{3}\.\d{4}$/.test(s)) return false;
	// A bare run of digits (an id, an order number) needs a + or separators to be a phone.
	if (/^\d+$/.test(s)) return false;
	return true;
}

function* matches(
	re: RegExp,
	text: string
): Generator<{ start: number; end: number; text: string }> {
	re.lastIndex = 0;
	for (let m = re.exec(text); m; m = re.exec(text))
		yield { start: m.index, end: m.index + m[0].length, text: m[0] };
}

/** Every PII finding in `text`, sorted by position, without overlaps. */
export function piiFind(text: string, opts: PiiOptions = {}): PiiFinding[] {
	const want = new Set(opts.types ?? PII_TYPES);
	const found: PiiFinding[] = [];
	const add = (type: PiiType, re: RegExp, ok: (s: string) => boolean) => {
		if (!want.has(type)) return;
		for (const m of matches(re, text)) if (ok(m.text)) found.push({ type, ...m });
	};
	add('email', EMAIL, () => true);
	add('iban', IBAN, ibanValid);
	add('card', CARD, (s) => {
		const d = s.replace(/\D/g, '');
		return d.length >= 13 && d.length <= 19 && luhnValid(d);
	});
	add('ip', IPV4, ipv4Valid);
	add('ip', IPV6, ipv6Valid);
	add('phone', PHONE, phoneValid);
	if (want.has('name')) {
		found.push(...nameFindings(text));
		for (const p of opts.personSpans ?? [])
			if (
				p.start >= 0 &&
				p.end <= text.length &&
				p.start < p.end &&
				text.slice(p.start, p.end).trim() &&
				!PLACEHOLDER.test(text.slice(p.start, p.end))
			)
				found.push({
					type: 'name',
					start: p.start,
					end: p.end,
					text: text.slice(p.start, p.end),
					source: p.source,
					...(p.confidence !== undefined ? { confidence: p.confidence } : {})
				});
	}
	found.sort(
		(a, b) =>
			PII_TYPES.indexOf(a.type) - PII_TYPES.indexOf(b.type) ||
			b.end - b.start - (a.end - a.start) ||
			(b.source ? 1 : 0) - (a.source ? 1 : 0) ||
			a.start - b.start
	);
	const kept: PiiFinding[] = [];
	for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
	return kept.sort((a, b) => a.start - b.start);
}
