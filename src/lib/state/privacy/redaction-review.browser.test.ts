import { describe, expect, it } from 'vitest';
import { RedactionReview } from './redaction-review';

describe('RedactionReview', () => {
	it('starts names that are also places unchecked when nothing says a person', () => {
		const r = new RedactionReview([
			{ key: 'a', where: 'row 1', text: 'Chelsea won the match, wrote ann@example.com.' },
			{ key: 'b', where: 'row 2', text: 'Dear Sofia, we flew to Paris.' }
		]);
		expect(r.findings.map((f) => [f.text, r.isApplied(f.id)])).toEqual([
			['Chelsea', false],
			['ann@example.com', true],
			['Sofia', true]
		]);
		expect(r.personSources).toEqual({ model: 0, labels: 0, alsoPlace: 1 });
		expect([...r.edits().values()].map((e) => e.text)).toEqual([
			'Chelsea won the match, wrote [EMAIL].',
			'Dear [NAME], we flew to Paris.'
		]);
		// The user can still redact it.
		r.toggle(r.findings[0]!.id, true);
		expect(r.edits().get('a')?.text).toBe('[NAME] won the match, wrote [EMAIL].');
	});
});
