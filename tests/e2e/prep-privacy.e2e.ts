/**
 * Data preparation and privacy as a user meets them: import a CSV with an exact duplicate, a
 * near-duplicate, an empty row, an outlier and personal data; review the redactions (skipping the
 * phones) before anything is written; act on the data report (drop a copy, mark the outlier, a
 * labeled item cannot be dropped); export with the phones redacted after a second review; and read
 * what leaves the device on the settings page. axe on every screen; screenshots at 1280×800 and
 * 375×667.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import type { Page } from '@playwright/test';
import { piiParquet } from '../helpers/parquet-pii';
import { csvFile, importFiles, projectCreate } from './pages';
import { shot, taskAdd } from './tools';

const NORMAL = [
	'Please refund my order, the parcel arrived broken and the box was wet',
	'Great service, the courier was early and very friendly to my neighbour',
	'The app crashes every time I open the settings page on my phone',
	'I would like to change the delivery address for my next subscription box',
	'Why was I charged twice for the same month, please check my account',
	'Your newsletter is too frequent, please send it once a month instead',
	'Loved the new recipe booklet, the pasta one was delicious and quick',
	'Can I pause my plan while I am travelling abroad in the summer months'
];
const NEAR = 'Please refund my order, the parcel arrived broken and the box was soaking wet';
const LONG = `Long complaint: ${'the delivery was late again and nobody answered the phone. '.repeat(60)}`;
const PII = [
	'Contact Maria Garcia at maria.garcia@example.com or +49 30 1234567 about the refund',
	'The card 4111 1111 1111 1111 was charged twice for the same box last week',
	'Order 4111111111111112 shipped on 2024-01-15 with app version 1.2.3 installed',
	'Please pay the refund to DE89 3704 0044 0532 0130 00 before the end of the month'
];

function csv(): string {
	const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
	const rows = [
		...NORMAL,
		NORMAL[1] as string, // exact duplicate: skipped by the importer
		NEAR,
		'',
		LONG,
		...PII
	];
	return ['text,channel', ...rows.map((r, i) => `${q(r)},${i % 2 ? 'mail' : 'web'}`)].join('\n');
}

test.use({ viewport: { width: 1280, height: 800 } });

test('import with redaction review, act on the data report, export redacted', async ({
	page,
	app
}) => {
	test.setTimeout(400_000);
	const dir = mkdtempSync(join(tmpdir(), 'quorum-prep-'));
	const file = join(dir, 'support.csv');
	writeFileSync(file, csv());
	try {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectCreate(page, 'Support', 'complaint, praise, question');

		// Import with the personal-data review.
		await importFiles(page, [file], { textField: 'text', findPersonal: true });
		const review = page.getByRole('region', { name: 'Review personal data before it is redacted' });
		await expect(review).toBeVisible();
		await expect(review.getByText('E-mail: redact 1 of 1')).toBeVisible();
		await expect(review.getByText('Card number: redact 1 of 1')).toBeVisible();
		await expect(review.getByText('IBAN: redact 1 of 1')).toBeVisible();
		await expect(review.getByText('Phone: redact 1 of 1')).toBeVisible();
		await expect(review.getByText('Person name: redact 1 of 1')).toBeVisible();
		// The order number fails Luhn, the date and the version are not phones.
		await expect(review.locator('mark', { hasText: '4111111111111112' })).toHaveCount(0);
		await expect(review.locator('mark', { hasText: '2024-01-15' })).toHaveCount(0);
		await expectAxeClean(page, 'redaction review at import');
		await shot(page, 'prep-redaction-review-1280');
		// Skip the phones (type switch), keep the rest.
		await review.getByLabel('Phone: redact 1 of 1').uncheck();
		await expect(review.getByText('Phone: redact 0 of 1')).toBeVisible();
		await review.getByRole('button', { name: 'Redact and import (4)' }).click();
		await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: 'items added' })).toContainText(
			'14 items added · 1 duplicates skipped · 1 malformed rows skipped'
		);

		// The import's own report: what the importer skipped, and what it found.
		await page.getByRole('link', { name: 'Check the imported data' }).click();
		await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
		await expect(page.getByText(/14 items scanned/)).toContainText(
			'1 duplicate rows skipped at import'
		);
		await expect(page.getByText(/14 items scanned/)).toContainText(
			'1 empty rows (missing text) skipped at import'
		);

		// Label the first item, so dropping it must be refused.
		await page.getByRole('link', { name: 'Label', exact: true }).click();
		await expect(page.getByTestId('item-text')).toHaveText(NORMAL[0] as string);
		await page.keyboard.press('1');
		await expect(page.getByTestId('item-text')).not.toHaveText(NORMAL[0] as string);

		// The whole project's report.
		await page.getByRole('link', { name: 'Prepare', exact: true }).click();
		await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
		const near = page.getByRole('region', { name: /Near-duplicate texts/ });
		await expect(near).toContainText('2 texts alike');
		await expect(near).toContainText(NEAR);
		const outliers = page.getByRole('region', { name: /Outliers/ });
		await expect(outliers).toContainText('Unusually long text');
		await expect(page.getByRole('region', { name: 'Class balance' })).toContainText('complaint');
		await expectAxeClean(page, 'prepare');
		await shot(page, 'prep-report-1280');

		// The labeled original cannot be dropped; the unlabeled copy can.
		await near.getByRole('button', { name: `Drop “${NORMAL[0]}”` }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Not dropped' })).toContainText(
			'this item has work by you'
		);
		await near.getByRole('button', { name: `Drop “${NEAR}”` }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Dropped' })).toBeVisible();
		await expect(near.getByText('Dropped', { exact: true })).toBeVisible();
		await outliers.getByRole('button', { name: /^Mark/ }).click();
		await expect(outliers.getByRole('button', { name: /^Mark/ })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(outliers.getByText('Marked', { exact: true })).toBeVisible();

		// Decisions are in the shared doc: a reload shows them; the dropped item is gone.
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
		await expect(page.getByRole('region', { name: /Near-duplicate texts/ })).toHaveCount(0);
		await expect(page.getByRole('region', { name: /Outliers/ }).getByText('Marked')).toBeVisible();
		await expect(page.getByText('14 items scanned')).toHaveCount(0);
		await expect(page.getByText('13 items scanned')).toBeVisible();

		// Phone layout.
		await page.setViewportSize({ width: 375, height: 667 });
		await expectAxeClean(page, 'prepare on a phone');
		await shot(page, 'prep-report-375');
		await page.setViewportSize({ width: 1280, height: 800 });

		// Export with redaction: a second review, now the phone (skipped at import) is redacted.
		await page.getByRole('link', { name: 'Export', exact: true }).click();
		await page.getByLabel(/Redact personal data in item texts/).check();
		await page.getByRole('button', { name: 'Download JSONL' }).click();
		const exportReview = page.getByRole('region', {
			name: 'Review personal data before it is redacted'
		});
		await expect(exportReview.getByText('Phone: redact 1 of 1')).toBeVisible();
		await expect(exportReview.getByText('E-mail')).toHaveCount(0);
		await expectAxeClean(page, 'redaction review at export');
		await page.setViewportSize({ width: 375, height: 667 });
		await shot(page, 'prep-export-review-375');
		await page.setViewportSize({ width: 1280, height: 800 });
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			exportReview.getByRole('button', { name: /^Redact and download/ }).click()
		]);
		const rows = readFileSync((await download.path()) as string, 'utf8')
			.trim()
			.split('\n')
			.map((l) => (JSON.parse(l) as { text: string }).text);
		expect(rows).toHaveLength(13);
		const joined = rows.join('\n');
		expect(joined).toContain('Contact [NAME] at [EMAIL] or [PHONE] about the refund');
		expect(joined).toContain('The card [CARD] was charged twice');
		expect(joined).toContain('Please pay the refund to [IBAN] before');
		expect(joined).toContain('Order 4111111111111112 shipped on 2024-01-15');
		expect(joined).not.toContain('maria.garcia@example.com');
		expect(joined).not.toContain('+49 30 1234567');
		expect(joined).not.toContain(NEAR);

		// What leaves this device.
		await page.goto(`${app.url}/settings`);
		const leaves = page.getByRole('region', { name: 'What leaves this device, and to whom' });
		await expect(leaves).toContainText('Signaling relay');
		await expect(leaves).toContainText('ws://127.0.0.1:4444');
		await expect(leaves).toContainText('no project on this device is shared');
		await expectAxeClean(page, 'settings');
		await shot(page, 'prep-settings-1280');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

/** spaCy JSONL with PER spans on people's names, an e-mail and a phone number. */
const PEOPLE = [
	'Write to maria.garcia@example.com, said Maria Garcia in Berlin.',
	'Zhivko Petrov called +49 30 1234567 from Plovdiv.',
	'The parcel arrived in Lisbon on Monday.'
];
function spacyPeople(): string {
	const span = (text: string, word: string, label: string) => {
		const start = text.indexOf(word);
		return { start, end: start + word.length, label };
	};
	const [a, b, c] = PEOPLE as [string, string, string];
	return [
		{ text: a, spans: [span(a, 'Maria Garcia', 'PER'), span(a, 'Berlin', 'LOC')] },
		{ text: b, spans: [span(b, 'Zhivko Petrov', 'PER'), span(b, 'Plovdiv', 'LOC')] },
		{ text: c, spans: [span(c, 'Lisbon', 'LOC')] }
	]
		.map((r) => JSON.stringify(r))
		.join('\n');
}

/** Exports `format` with redaction on; `review` acts on the review before it downloads. */
async function exportRedacted(
	page: Page,
	format: RegExp,
	review: (r: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}
): Promise<{ text: string; status: string }> {
	await page.getByRole('link', { name: 'Export', exact: true }).click();
	await page.getByRole('radio', { name: format }).check();
	const redact = page.getByLabel(/Redact personal data in item texts/);
	if (!(await redact.isChecked())) await redact.check();
	await page.getByRole('button', { name: /^Download / }).click();
	const r = page.getByRole('region', { name: 'Review personal data before it is redacted' });
	await expect(r).toBeVisible();
	await review(r);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		r.getByRole('button', { name: /^Redact and download/ }).click()
	]);
	const status = page.getByText(/^Exported \d+ items to /);
	await expect(status).toBeVisible();
	return {
		text: readFileSync((await download.path()) as string, 'utf8'),
		status: (await status.textContent()) ?? ''
	};
}

test('interop and Parquet imports review personal data first; redacted exports keep spans on their words', async ({
	page,
	app
}) => {
	test.setTimeout(400_000);
	const dir = mkdtempSync(join(tmpdir(), 'quorum-prep-interop-'));
	const file = join(dir, 'people.jsonl');
	writeFileSync(file, spacyPeople());
	try {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectCreate(page, 'People', 'ok, spam');

		// A spaCy file: the preview, then the review of what it adds, before anything is written.
		await page.getByLabel('Files to import', { exact: true }).setInputFiles(file);
		const preview = page.getByRole('region', { name: 'Preview: people.jsonl' });
		await expect(preview).toBeVisible();
		await preview.getByLabel(/Find personal data/).check();
		await preview.getByRole('button', { name: 'Import', exact: true }).click();
		const review = page.getByRole('region', { name: 'Review personal data before it is redacted' });
		await expect(review).toBeVisible();
		await expect(review.getByText('E-mail: redact 1 of 1')).toBeVisible();
		await expect(review.getByText('Phone: redact 1 of 1')).toBeVisible();
		await expect(review.getByText('Person name: redact 2 of 2')).toBeVisible();
		// Zhivko is on no name list: the file's PER span marks him.
		await expect(
			review.getByLabel(
				'Redact Person name “Zhivko Petrov” in people.jsonl, text 2 (labeled as a person in the file)'
			)
		).toBeChecked();
		await expectAxeClean(page, 'redaction review of an interop import');
		await shot(page, 'prep-interop-review-1280');
		await page.setViewportSize({ width: 375, height: 667 });
		await expectAxeClean(page, 'redaction review of an interop import on a phone');
		await shot(page, 'prep-interop-review-375');
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto(page.url()); // nothing was written: the project is still empty
		await expect(page.getByRole('link', { name: 'Label', exact: true })).toBeVisible();
		await page.getByRole('link', { name: 'Prepare', exact: true }).click();
		await expect(page.getByText(/^\s*0 items scanned/)).toBeVisible();
		await page.getByRole('link', { name: 'Import', exact: true }).click();

		await page.getByLabel('Files to import', { exact: true }).setInputFiles(file);
		await preview.getByLabel(/Find personal data/).check();
		await preview.getByRole('button', { name: 'Import', exact: true }).click();
		await review.getByRole('button', { name: 'Redact and import (4)' }).click();
		const done = page.getByRole('region', { name: 'Imported people.jsonl' });
		await expect(done.getByRole('status')).toContainText('3 items added');
		await expect(done.getByTestId('interop-redacted')).toHaveText(
			'Personal data redacted: 4 findings in 2 texts; 4 spans moved to stay on the same words.'
		);
		await expectAxeClean(page, 'interop import result');

		// The report of this import.
		await done.getByRole('link', { name: 'Check the imported data' }).click();
		await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
		await expect(page.getByText(/^\s*3 items scanned/)).toBeVisible();

		// What was written: redacted texts, PER spans on the placeholders, LOC on their cities.
		const jsonl = await exportRedacted(page, /^JSONL/, async (r) => {
			await expect(r.getByText('No personal data found.')).toBeVisible();
		});
		const rows = jsonl.text
			.trim()
			.split('\n')
			.map(
				(l) =>
					JSON.parse(l) as {
						text: string;
						annotations: { value?: { spans: { start: number; end: number }[] } }[];
					}
			);
		const covered = rows.map((r) =>
			(r.annotations[0]?.value?.spans ?? []).map((s) => r.text.slice(s.start, s.end))
		);
		expect(rows.map((r) => r.text)).toEqual([
			'Write to [EMAIL], said [NAME] in Berlin.',
			'[NAME] called [PHONE] from Plovdiv.',
			PEOPLE[2]
		]);
		expect(covered).toEqual([['[NAME]', 'Berlin'], ['[NAME]', 'Plovdiv'], ['Lisbon']]);

		// Parquet: the review first (nothing personal in these reviews), then the report.
		await page.getByRole('link', { name: 'Import', exact: true }).click();
		await page
			.getByLabel('Files to import', { exact: true })
			.setInputFiles('tests/fixtures/parquet/reviews.parquet');
		const pq = page.getByRole('region', { name: 'Preview: reviews.parquet' });
		await pq.getByLabel(/Find personal data/).check();
		await pq.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(review.getByText('No personal data found.')).toBeVisible();
		await review.getByRole('button', { name: 'Redact and import (0)' }).click();
		const pdone = page.getByRole('region', { name: 'Imported reviews.parquet' });
		await expect(pdone.getByRole('status')).toContainText('4 items added');
		await pdone.getByRole('link', { name: 'Check the imported data' }).click();
		await expect(page.getByText(/^\s*4 items scanned/)).toContainText(
			'1 duplicate rows skipped at import'
		);

		// A second project, imported as it is; its exports are redacted and the spans move.
		await page.goto(app.url);
		await projectCreate(page, 'People raw', 'ok, spam');
		await page.getByLabel('Files to import', { exact: true }).setInputFiles(file);
		await preview.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(done.getByRole('status')).toContainText('3 items added');

		const spacy = await exportRedacted(page, /spaCy JSONL/, async (r) => {
			await expect(r.getByText('Person name: redact 2 of 2')).toBeVisible();
			await expect(r.getByLabel(/Zhivko Petrov.*\(labeled as a person\)/)).toBeChecked();
		});
		expect(spacy.status).toContain('Redaction: 4 spans moved to stay on the same words');
		const recs = spacy.text
			.trim()
			.split('\n')
			.map(
				(l) =>
					JSON.parse(l) as { text: string; spans: { start: number; end: number; label: string }[] }
			);
		expect(recs.map((r) => r.spans.map((s) => [r.text.slice(s.start, s.end), s.label]))).toEqual([
			[
				['[NAME]', 'PER'],
				['Berlin', 'LOC']
			],
			[
				['[NAME]', 'PER'],
				['Plovdiv', 'LOC']
			],
			[['Lisbon', 'LOC']]
		]);

		// CoNLL with the names kept: their tags stay on their tokens after [EMAIL] and [PHONE].
		const conll = await exportRedacted(page, /CoNLL IOB2/, async (r) => {
			await r.getByLabel('Person name: redact 2 of 2').uncheck();
		});
		expect(conll.text).toContain('# text = Write to [EMAIL], said Maria Garcia in Berlin.');
		expect(conll.text).toMatch(/^Maria\tB-PER\nGarcia\tI-PER$/m);
		expect(conll.text).toMatch(/^Berlin\tB-LOC$/m);
		expect(conll.text).toMatch(
			/^Zhivko\tB-PER\nPetrov\tI-PER\ncalled\tO\n\[PHONE\]\tO\nfrom\tO\nPlovdiv\tB-LOC$/m
		);
		expect(conll.text).not.toContain('1234567');
		expect(conll.text).not.toContain('maria.garcia@');

		// JSONL with everything redacted: value spans on the same words.
		const all = await exportRedacted(page, /^JSONL/);
		const r0 = JSON.parse(all.text.split('\n')[0] as string) as {
			text: string;
			annotations: { value?: { spans: { start: number; end: number }[] } }[];
		};
		expect(r0.text).toBe('Write to [EMAIL], said [NAME] in Berlin.');
		expect(
			(r0.annotations[0]?.value?.spans ?? []).map((s) => r0.text.slice(s.start, s.end))
		).toEqual(['[NAME]', 'Berlin']);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

/** Items with a person's name at token `nameAt` (labeled PER), then items where names come back. */
const LABELED: [text: string, nameAt: number][] = [
	['Alice Moreau joined the team today.', 0],
	['Today Bruno Okafor sent the report.', 1],
	['The office called Chloe Tanaka twice.', 3],
	['Yesterday Dmitri Okonjo signed the contract.', 1]
];
const UNLABELED = [
	'Yesterday Bruno Okafor met Dmitri Okonjo at noon.',
	'The budget was approved without questions.'
];

test('the trained span model offers its PER names in the redaction review, marked with confidence', async ({
	page,
	app
}) => {
	test.setTimeout(300_000);
	const nav = (name: string) =>
		page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name, exact: true });
	await page.goto(app.url);
	await welcome(page, 'Ada');
	await projectCreate(page, 'Staff', 'ok, spam');
	await importFiles(page, [csvFile('staff.csv', [...LABELED.map((x) => x[0]), ...UNLABELED])], {
		textField: 'text'
	});
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await taskAdd(page, 'Text spans (NER, keywords)', 'Entities', ['PER']);

	// Label each name as PER by keyboard, then train the span model on the Model page.
	await nav('Label').click();
	for (const [text, at] of LABELED) {
		await expect(page.getByTestId('span-text')).toHaveText(text);
		await page.getByTestId('span-text').focus();
		for (let k = 0; k <= at; k++) await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Shift+ArrowRight');
		await page.keyboard.press('1');
		await expect(page.getByRole('status').filter({ hasText: 'Labeled “' })).toContainText('as PER');
		await page.getByRole('button', { name: /^Next/ }).click();
	}
	await nav('Model').click();
	const entities = page.getByRole('region', { name: /^Entities/ });
	await entities.getByRole('button', { name: 'Train and suggest' }).click();
	await expect(entities.getByTestId('media-message')).toContainText(/Trained on 4 items/, {
		timeout: 60_000
	});

	// The export review reads the saved model: names it finds are marked, with its confidence.
	await nav('Export').click();
	await page.getByLabel(/Redact personal data in item texts/).check();
	await page.getByRole('button', { name: /^Download / }).click();
	const review = page.getByRole('region', { name: 'Review personal data before it is redacted' });
	await expect(review).toBeVisible({ timeout: 30_000 });
	await expect(review.getByTestId('model-names')).toContainText(
		'found by the span model of “Entities”'
	);
	const fromModel = review.getByRole('checkbox', {
		name: /Okafor.*in item 5 \(from the model, \d+% sure\)/
	});
	await expect(fromModel).toBeVisible();
	// Names people labeled are marked as such.
	await expect(
		review.getByRole('checkbox', { name: /“Alice Moreau” in item 1 \(labeled as a person\)/ })
	).toBeChecked();
	await expectAxeClean(page, 'redaction review with model names');
	await shot(page, 'prep-model-names-1280');
	await page.setViewportSize({ width: 375, height: 667 });
	await shot(page, 'prep-model-names-375');
});

test('a Parquet file with personal data: reviewed by row and column, redacted, nothing else changed', async ({
	page,
	app
}) => {
	test.setTimeout(300_000);
	// Written by hyparquet-writer: snappy pages, two rows per row group (4 groups), nulls.
	const buffer = Buffer.from(piiParquet({ rowGroupSize: 2 }));
	await page.goto(app.url);
	await welcome(page, 'Ada');
	await projectCreate(page, 'Parquet people', 'complaint, praise');

	// A cut-off copy first: a clear error, nothing imported.
	const files = page.getByLabel('Files to import', { exact: true });
	await files.setInputFiles({
		name: 'people.parquet',
		mimeType: 'application/octet-stream',
		buffer: buffer.subarray(0, Math.floor(buffer.length * 0.6))
	});
	await expect(page.getByRole('alert')).toHaveText(
		'Nothing was imported. people.parquet: the Parquet file is truncated (no footer)'
	);
	await expectAxeClean(page, 'cut-off Parquet file');
	// One bit flipped in the first page header: hyparquet's decoder loops for ever on it. The page
	// stays responsive; after 20 s without a row group the read is stopped, nothing imported.
	const damaged = Buffer.from(buffer);
	damaged[11] = (damaged[11] as number) ^ 0x10;
	await files.setInputFiles({
		name: 'people.parquet',
		mimeType: 'application/octet-stream',
		buffer: damaged
	});
	const t0 = Date.now();
	await page.evaluate(() => new Promise((r) => setTimeout(r, 2000)));
	expect(Date.now() - t0).toBeLessThan(5000);
	await expect(page.getByRole('alert')).toHaveText(
		'Nothing was imported. people.parquet: the Parquet data cannot be read: the reader was stuck for 20 s after 0 rows (the file looks damaged)',
		{ timeout: 40_000 }
	);

	await files.setInputFiles({
		name: 'people.parquet',
		mimeType: 'application/octet-stream',
		buffer
	});
	const preview = page.getByRole('region', { name: 'Preview: people.parquet' });
	await expect(preview).toContainText('7 rows, 5 columns');
	await expect(preview.getByLabel('Text to label comes from')).toHaveValue('message');
	await preview.getByLabel(/Find personal data/).check();
	await preview.getByRole('button', { name: 'Import', exact: true }).click();

	const review = page.getByRole('region', { name: 'Review personal data before it is redacted' });
	for (const t of [
		'E-mail: redact 3 of 3',
		'IBAN: redact 1 of 1',
		'Card number: redact 1 of 1',
		'IP address: redact 1 of 1',
		'Phone: redact 2 of 2',
		'Person name: redact 2 of 2'
	])
		await expect(review.getByText(t)).toBeVisible();
	const finding = (what: string, where: string) =>
		review.getByLabel(new RegExp(`^Redact ${what} in people\\.parquet, ${where}`));
	await expect(finding('E-mail “maria.garcia@example.com”', 'row 1, contact$')).toBeChecked();
	await expect(finding('Phone “\\+44 20 7946 0958”', 'row 5, contact$')).toBeChecked();
	await expect(finding('IP address “192.168.10.24”', 'row 4$')).toBeChecked();
	await expect(finding('Card number “4111 1111 1111 1111”', 'row 2$')).toBeChecked();
	// The order number fails Luhn; amounts and ids are not personal data.
	await expect(review.locator('mark', { hasText: '4111111111111112' })).toHaveCount(0);
	await expectAxeClean(page, 'Parquet redaction review');
	await shot(page, 'prep-parquet-review-1280');
	await page.setViewportSize({ width: 375, height: 667 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
	await expectAxeClean(page, 'Parquet redaction review on a phone');
	await shot(page, 'prep-parquet-review-375');

	// Peter Jones (row 3, contact) is declined: his name stays; the rest is redacted.
	await finding('Person name “Peter Jones”', 'row 3, contact').uncheck();
	await review.getByRole('button', { name: 'Redact and import (9)' }).click();
	const done = page.getByRole('region', { name: 'Imported people.parquet' });
	await expect(done.getByRole('status')).toContainText('6 items added');
	await expect(done.getByTestId('interop-redacted')).toHaveText(
		'Personal data redacted: 9 findings in 8 texts.'
	);
	await expect(done).toContainText('row 6: "message" is empty');
	await expectAxeClean(page, 'Parquet import result on a phone');
	await shot(page, 'prep-parquet-done-375');
	await page.setViewportSize({ width: 1280, height: 800 });

	// The Data page shows the placeholders.
	await page.getByRole('link', { name: 'Data', exact: true }).click();
	await expect(page.getByText('Please call [NAME] on [PHONE] about the refund.')).toBeVisible();
	await expect(page.getByText('Login from [IP] failed three times this morning.')).toBeVisible();
	await expect(page.getByText(/Maria Garcia|192\.168\.10\.24/)).toHaveCount(0);
	await expectAxeClean(page, 'data page after a redacted Parquet import');

	// The plain export: redacted texts and metadata, the declined name, numbers and nulls as read.
	await page.getByRole('link', { name: 'Export', exact: true }).click();
	await page.getByRole('radio', { name: /^JSONL/ }).check();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download JSONL' }).click()
	]);
	const rows = readFileSync((await download.path()) as string, 'utf8')
		.trim()
		.split('\n')
		.map((l) => JSON.parse(l) as { text: string; meta: Record<string, string> });
	expect(rows.map((r) => [r.text, r.meta])).toEqual([
		[
			'Please call [NAME] on [PHONE] about the refund.',
			{ id: '1', contact: '[EMAIL]', amount: '12.5', city: 'Berlin' }
		],
		['The card [CARD] was charged twice for one box.', { id: '2', city: 'Oslo' }],
		[
			'Refund to [IBAN] before the end of the month.',
			{ id: '3', contact: 'Peter Jones', amount: '99' }
		],
		['Login from [IP] failed three times this morning.', { id: '4', amount: '0', city: 'Lisbon' }],
		[
			'Great food and friendly staff, will order again.',
			{ id: '5', contact: '[PHONE]', amount: '3.25', city: 'Oslo' }
		],
		[
			'Order 4111111111111112 shipped; write to [EMAIL] for the invoice.',
			{ id: '7', contact: '[EMAIL]', amount: '7', city: 'Berlin' }
		]
	]);
});
