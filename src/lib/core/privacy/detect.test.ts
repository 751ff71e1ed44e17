import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid } from './checksums';
import { piiFind, type PiiType } from './detect';
import { redactText } from './redact';
import type { Annotation, LabelSchema } from '../types';

const found = (text: string, type?: PiiType) =>
	piiFind(text)
		.filter((f) => !type || f.type === type)
		.map((f) => (type ? f.text : `${f.type}:${f.text}`));

describe('checksums', () => {
	it('checks Luhn digits', () => {
		expect(luhnValid('4111 1111 1111 1111')).toBe(true);
		expect(luhnValid('4111 1111 1111 1112')).toBe(false);
		expect(luhnValid('79927398713')).toBe(true);
	});

	it('checks IBANs by country length and mod 97', () => {
		expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
		expect(ibanValid('GB82WEST12345698765432')).toBe(true);
		expect(ibanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
		expect(ibanValid('XX89370400440532013000')).toBe(false);
	});
});

describe('piiFind positives', () => {
	it('finds e-mail addresses, also with plus tags and subdomains', () => {
		expect(found('Write to jane.doe+news@mail.example.co.uk or ops@x.io.', 'email')).toEqual([
			'jane.doe+news@mail.example.co.uk',
			'ops@x.io'
		]);
	});

	it('finds phone numbers in common layouts', () => {
		expect(
			found(
				'Call +49 30 1234567, (555) 123-4567, 555-123-4567, +1-202-555-0143 or 020 7946 0958.',
				'phone'
			)
		).toEqual([
			'+49 30 1234567',
			'(555) 123-4567',
			'555-123-4567',
			'+1-202-555-0143',
			'020 7946 0958'
		]);
	});

	it('finds card numbers that pass Luhn, with or without separators', () => {
		expect(
			found('Card 4111 1111 1111 1111 and 5500-0000-0000-0004, or 378282246310005.', 'card')
		).toEqual(['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005']);
	});

	it('finds valid IBANs', () => {
		expect(found('Pay to DE89 3704 0044 0532 0130 00 by Friday.', 'iban')).toEqual([
			'DE89 3704 0044 0532 0130 00'
		]);
		expect(found('IBAN: GB82WEST12345698765432', 'iban')).toEqual(['GB82WEST12345698765432']);
	});

	it('finds IPv4 and IPv6 addresses', () => {
		expect(
			found('From 192.168.0.12 and 2001:db8::8a2e:370:7334 and fe80::1, then ::1.', 'ip')
		).toEqual(['192.168.0.12', '2001:db8::8a2e:370:7334', 'fe80::1', '::1']);
	});

	it('finds person names from the name list and after titles', () => {
		expect(found('Yesterday Maria Garcia met Dr. Okonkwo and Hannah.', 'name')).toEqual([
			'Maria Garcia',
			'Okonkwo',
			'Hannah'
		]);
	});

	it('adds PERSON spans from a NER model, with their source and confidence', () => {
		const f = piiFind('Ask Zhivko about it', {
			personSpans: [{ start: 4, end: 10, source: 'model', confidence: 0.83 }]
		});
		expect(f.map((x) => [x.type, x.text, x.source, x.confidence])).toEqual([
			['name', 'Zhivko', 'model', 0.83]
		]);
	});

	it('keeps the model or labeled span over the name list when they cover the same name', () => {
		const f = piiFind('Ask Maria Garcia now', {
			personSpans: [{ start: 4, end: 16, source: 'labels' }]
		});
		expect(f).toEqual([
			{ type: 'name', start: 4, end: 16, text: 'Maria Garcia', source: 'labels' }
		]);
		// A span on a placeholder (the text was redacted before) is not a name to find again.
		expect(
			piiFind('Ask [NAME] now', { personSpans: [{ start: 4, end: 10, source: 'labels' }] })
		).toEqual([]);
		// Without spans the name list finds it alone.
		expect(piiFind('Ask Maria Garcia now')[0]?.source).toBeUndefined();
	});
});

describe('piiFind tricky negatives', () => {
	it('ignores order numbers that fail Luhn and bare ids', () => {
		expect(found('Order 4111111111111112 shipped; ticket 20240115093011; ref 12345678.')).toEqual(
			[]
		);
	});

	it('ignores dates, times, versions and amounts', () => {
		expect(
			found(
				'On 2024-01-15 at 10:30:00 we shipped v1.2.3 (build 10.0.19045) for 1,299.00 EUR; see 15.01.2024.'
			)
		).toEqual([]);
	});

	it('ignores IBAN-shaped strings with a bad check and IPs out of range', () => {
		expect(found('Code DE00 1234 5678 9012 3456 78 and host 300.1.2.999.')).toEqual([]);
	});

	it('ignores capitalised common words and unknown capitalised words', () => {
		expect(found('The Big Apple is Great in May, said the Report.')).toEqual([]);
	});

	it('reports an e-mail once, not its parts as names', () => {
		expect(found('Mail maria.garcia@example.com')).toEqual(['email:maria.garcia@example.com']);
	});
});

describe('redactText', () => {
	it('replaces each finding with its token', () => {
		const text = 'Maria Garcia (maria@example.com, +49 30 1234567) paid with 4111 1111 1111 1111.';
		expect(redactText(text, piiFind(text))).toBe('[NAME] ([EMAIL], [PHONE]) paid with [CARD].');
	});

	it('applies only the findings given, and skips stale ones', () => {
		const text = 'mail a@b.io or c@d.io';
		const f = piiFind(text);
		expect(redactText(text, [f[1]!])).toBe('mail a@b.io or [EMAIL]');
		expect(redactText('changed text', f)).toBe('changed text');
	});
});

describe('person labels', () => {
	it('knows person-like span labels and collects their spans by text', async () => {
		const { isPersonLabel, personSpansLabeled } = await import('./persons');
		expect(['PERSON', 'per', 'Name', 'full name', 'PER'].every(isPersonLabel)).toBe(true);
		expect(['LOC', 'ORG', 'namespace', 'personal'].some(isPersonLabel)).toBe(false);
		const schema = {
			tasks: [
				{
					id: 't',
					type: 'spans',
					name: 'NER',
					labels: [
						{ id: 'p', name: 'PER', color: '#000', hotkey: '1' },
						{ id: 'l', name: 'LOC', color: '#000', hotkey: '2' }
					],
					allowOverlap: false,
					snap: true
				}
			]
		} as unknown as LabelSchema;
		const ann = {
			item: 'i1',
			task: 't',
			annotator: 'a',
			value: {
				type: 'spans',
				spans: [
					{ id: 's1', start: 0, end: 5, label: 'p' },
					{ id: 's2', start: 9, end: 15, label: 'l' }
				]
			}
		} as unknown as Annotation;
		const got = personSpansLabeled(
			schema,
			[ann, { ...ann, annotator: 'b' } as typeof ann],
			(i) => `${i}#`
		);
		expect([...got]).toEqual([['i1#', [{ start: 0, end: 5, source: 'labels' }]]]);
	});
});
