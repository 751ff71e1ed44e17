/**
 * Names that are also places at import: "Dear Sofia" is redacted, "Chelsea won the match" is
 * offered unchecked as maybe a place, and "flew to Paris" is not offered at all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { importFiles, projectCreate } from './pages';

test('the redaction review starts a name that may be a place unchecked', async ({ page, app }) => {
	const dir = mkdtempSync(join(tmpdir(), 'quorum-names-'));
	const file = join(dir, 'notes.csv');
	writeFileSync(
		file,
		[
			'text',
			'"Dear Sofia, the refund is on its way."',
			'"Chelsea won the match on Sunday."',
			'"We flew to Paris on Monday."'
		].join('\n')
	);
	try {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectCreate(page, 'Notes', 'travel, sport, refund');
		await importFiles(page, [file], { textField: 'text', findPersonal: true });
		const review = page.getByRole('region', { name: 'Review personal data before it is redacted' });
		await expect(review.getByText('Person name: redact 1 of 2')).toBeVisible();
		await expect(review.getByTestId('place-names')).toContainText(
			'1 name is also a place (such as Sofia or Paris)'
		);
		await expect(review.getByLabel(/Redact Person name “Sofia”/)).toBeChecked();
		const chelsea = review.getByLabel(/Redact Person name “Chelsea” .*\(maybe a place\)/);
		await expect(chelsea).not.toBeChecked();
		await expect(review.locator('mark', { hasText: 'Paris' })).toHaveCount(0);
		await expectAxeClean(page, 'redaction review with a name that may be a place');
		await page.screenshot({ path: 'test-results/names-places-1280.png', fullPage: true });
		await page.setViewportSize({ width: 375, height: 667 });
		await review.scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'test-results/names-places-375.png', fullPage: true });
		await expectAxeClean(page, 'redaction review with a name that may be a place, phone');
		// The user decides: by keyboard, Chelsea is a person here after all.
		await chelsea.focus();
		await page.keyboard.press('Space');
		await expect(chelsea).toBeChecked();
		await expect(review.getByText('Person name: redact 2 of 2')).toBeVisible();
		await review.getByRole('button', { name: /^Redact and import \(2\)$/ }).click();
		await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
