/**
 * Projects made through the app's UI from Label Studio exports: a way to give a bench project
 * items and other people's labels (by `completed_by`) without reaching into the app's internals.
 */
import type { Page } from 'playwright';

export interface LabeledText {
	text: string;
	/** Who labeled it (Label Studio user ids) and with which choice. */
	labels: { who: number; choice: string }[];
}

/**
 * A Label Studio JSON export: one task per text, one `choices` annotation per label given, under
 * `task` (its `from_name`; the default is the name of a new project's classification task, so
 * the labels land there).
 */
export function labelStudioExport(texts: readonly LabeledText[], task = 'Label'): string {
	let id = 0;
	const parts = texts.map((t, i) =>
		JSON.stringify({
			id: i + 1,
			data: { text: t.text },
			annotations: t.labels.map((l) => ({
				id: ++id,
				completed_by: l.who,
				result: [
					{ from_name: task, to_name: 'text', type: 'choices', value: { choices: [l.choice] } }
				]
			}))
		})
	);
	return `[\n${parts.join(',\n')}\n]\n`;
}

/**
 * Imports a Label Studio file (a path) on the project's Import page: its preview, then Import.
 * Returns the items and annotations the app says it added.
 */
export async function labelStudioImport(
	page: Page,
	path: string
): Promise<{ added: number; annotations: number }> {
	const name = path.slice(path.lastIndexOf('/') + 1);
	await page.getByLabel('Files to import', { exact: true }).setInputFiles(path);
	await page
		.getByRole('region', { name: `Preview: ${name}` })
		.getByRole('button', { name: 'Import', exact: true })
		.click({ timeout: 600_000 });
	const status = page.getByRole('region', { name: `Imported ${name}` }).getByRole('status');
	await status.waitFor({ timeout: 900_000 });
	const text = (await status.textContent()) ?? '';
	const count = (re: RegExp) => Number((re.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));
	return { added: count(/([\d,]+)\s+items added/), annotations: count(/([\d,]+)\s+annotations/) };
}
