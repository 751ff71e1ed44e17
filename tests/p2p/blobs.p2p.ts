import { mediaImport, pngMake, projectNew } from '../e2e/tools';
import { expect, inviteCreate, join, person, test } from './fixtures';

test('a newcomer gets the project’s images from a peer, checked against their SHA-256', async ({
	browser,
	servers
}) => {
	const ada = await person(browser, servers.url, 'Ada');
	const id = await projectNew(ada, 'Pictures', 'Cat, Dog');
	// Distinct (each its own blob); the first two take several 60 KiB chunks, the last one.
	const pngs = [
		await pngMake(ada, 500, 400, 1),
		await pngMake(ada, 300, 200, 2),
		await pngMake(ada, 120, 90, 3)
	];
	expect(pngs[0]?.length).toBeGreaterThan(3 * 60 * 1024);
	await mediaImport(
		ada,
		pngs.map((buffer, i) => ({ name: `pic-${i}.png`, mimeType: 'image/png', buffer }))
	);
	// Two annotators per item: with one, all three items go to Ada one time in eight, and Bo's
	// Label page says "Nothing assigned to you" (a local run met that).
	await ada.goto(`${servers.url}/p/${id}/team`);
	await ada.getByLabel('Annotators per item (overlap)').fill('2');
	await ada.getByRole('button', { name: 'Save', exact: true }).click();
	const link = await inviteCreate(ada, id);

	const bo = await person(browser, servers.url, 'Bo');
	await join(bo, link);
	await expect(bo.getByText(/Item \d+ of/)).toBeVisible({ timeout: 30_000 });
	// The item's image arrives from Ada and decodes.
	const img = bo.getByTestId('item-image');
	await expect(img).toBeVisible({ timeout: 30_000 });
	await expect
		.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth))
		.toBeGreaterThan(0);

	// Every image of the project, in the data view's grid.
	// In-app navigation: the same session counts what it fetched.
	await bo.locator(`a[href="/p/${id}/data"]`).first().click();
	const thumbs = bo.getByRole('list', { name: 'Item thumbnails' }).locator('img');
	await expect(thumbs).toHaveCount(3, { timeout: 30_000 });
	const widths = async () =>
		(await thumbs.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth))).sort(
			(a, b) => a - b
		);
	await expect.poll(widths, { timeout: 30_000 }).toEqual([120, 300, 500]);

	// Stored on Bo's device byte for byte, so they survive Ada leaving.
	const stored = await bo.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const r = indexedDB.open('quorum');
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error);
		});
		const rows = await new Promise<{ sha256: string; blob: Blob }[]>((resolve) => {
			const all = db.transaction('blobs').objectStore('blobs').getAll();
			all.onsuccess = () => resolve(all.result as { sha256: string; blob: Blob }[]);
		});
		const out: { sha: string; real: string; size: number }[] = [];
		for (const r of rows) {
			const d = await crypto.subtle.digest('SHA-256', await r.blob.arrayBuffer());
			const real = [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
			out.push({ sha: r.sha256, real, size: r.blob.size });
		}
		return out;
	});
	expect(stored).toHaveLength(3);
	for (const s of stored) expect(s.real).toBe(s.sha);
	expect(stored.map((s) => s.size).sort((a, b) => a - b)).toEqual(
		pngs.map((p) => p.length).sort((a, b) => a - b)
	);

	await bo.locator(`a[href="/p/${id}/team"]`).first().click();
	await expect(bo.getByTestId('blobs-fetched')).toContainText('3 media files received');
	await expect(bo.getByTestId('blobs-rejected')).toHaveCount(0);
});
