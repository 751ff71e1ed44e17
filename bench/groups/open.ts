/** open.first_item_100k_ms: open a 100k-item project to the first labelable item. */
import {
	csvRows,
	harnessStart,
	importCsv,
	round,
	welcomeAndCreate,
	type Figure
} from '../lib/browser';

export async function run(): Promise<Record<string, Figure>> {
	const h = await harnessStart();
	try {
		const context = await h.browser.newContext();
		const page = await context.newPage();
		const id = await welcomeAndCreate(page, h.url, 'Bench open');
		await importCsv(page, csvRows(100_000));
		await page.goto(`${h.url}/`);
		const times: number[] = [];
		for (let i = 0; i < 3; i++) {
			const p = await context.newPage();
			const t0 = Date.now();
			await p.goto(`${h.url}/p/${id}/label`);
			await p.getByTestId('item-text').waitFor();
			times.push(Date.now() - t0);
			await p.close();
		}
		// Reference: the same page load of an empty route, so the figure's noise can be judged.
		const ref: number[] = [];
		for (let i = 0; i < 3; i++) {
			const p = await context.newPage();
			const t0 = Date.now();
			await p.goto(`${h.url}/settings`);
			await p.getByRole('heading', { name: 'Settings' }).waitFor();
			ref.push(Date.now() - t0);
			await p.close();
		}
		const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] as number;
		return {
			first_item_100k_ms: {
				value: med(times),
				unit: 'ms',
				reference: med(ref),
				ratio: round(med(times) / med(ref), 2)
			}
		};
	} finally {
		await h.close();
	}
}
