/** Page models for the e2e specs: actions a user takes, by role and label. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export async function projectCreate(page: Page, name: string, labels: string): Promise<string> {
	await page
		.getByRole('button', { name: /New project|Create your first project/ })
		.first()
		.click();
	await page.getByLabel('Project name').fill(name);
	await page.getByLabel('Labels', { exact: true }).fill(labels);
	await page.getByRole('button', { name: 'Create project' }).click();
	await expect(page).toHaveURL(/\/p\/[0-9a-f]+\/import$/);
	return new URL(page.url()).pathname.split('/')[2] as string;
}

/**
 * Imports files (paths, or name/mimeType/buffer payloads) on the Import page; `findPersonal`
 * checks "Find personal data", so the redaction review opens instead of the import finishing.
 */
export async function importFiles(
	page: Page,
	files: Parameters<Locator['setInputFiles']>[0],
	opts: { textField?: string; policy?: 'skip' | 'abort'; findPersonal?: boolean } = {}
): Promise<void> {
	await page.getByLabel('Files to import', { exact: true }).setInputFiles(files);
	if (opts.textField) {
		for (const select of await page.getByLabel('Text to label comes from').all())
			await select.selectOption(opts.textField);
	}
	if (opts.policy === 'abort') await page.getByLabel('Stop, and import nothing').check();
	if (opts.findPersonal) await page.getByLabel(/Find personal data/).check();
	await page.getByRole('button', { name: /^Import \d+ files?$/ }).click();
}

/** Reads the labeling page's current item text. */
export async function currentText(page: Page): Promise<string> {
	return (await page.getByTestId('item-text').textContent()) ?? '';
}

/** A CSV file payload with columns id,text: one row per text, ids from 1. */
export function csvFile(
	name: string,
	texts: readonly string[]
): { name: string; mimeType: string; buffer: Buffer } {
	const rows = texts.map((t, i) => `${i + 1},"${t}"`);
	return { name, mimeType: 'text/csv', buffer: Buffer.from(['id,text', ...rows].join('\n')) };
}
