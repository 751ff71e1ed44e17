/**
 * Media by URL: a list pasted on the import page becomes items; each image is fetched on first
 * view, cached in IndexedDB, and still shows when the URL no longer answers.
 */
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { projectNew, taskAdd } from './tools';

test('media URLs are imported, fetched once and then served from the device', async ({
	page,
	app
}) => {
	await page.goto(app.url);
	await welcome(page, 'Ada');
	await projectNew(page, 'Remote images', '');
	const url = `${app.url}/icon-512.png?X-Signature=abc`;
	await page.getByLabel(/^Media URLs/).fill(`url\n${url}\nnot a link\n{"image": "${url}"}`);
	await page.getByRole('button', { name: 'Add URLs' }).click();
	await expect(page.getByTestId('media-result')).toContainText(
		'1 media item added · 1 duplicate skipped · 1 file skipped'
	);
	await expectAxeClean(page, 'import page with a URL list');
	await taskAdd(page, 'Bounding boxes', 'Objects', ['logo']);
	await page.goto(page.url().replace(/\/schema$/, '/label'));
	await expect(page.locator('[data-testid="image-stage"] image')).toBeVisible();

	// The URL stops answering: the image still shows, from the device's blob store.
	await page.route('**/icon-512.png*', (route) => route.abort());
	await page.reload();
	await expect(page.locator('[data-testid="image-stage"] image')).toBeVisible();
	const blobs = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const req = indexedDB.open('quorum');
				req.onsuccess = () => {
					const c = req.result.transaction('blobs').objectStore('blobs').count();
					c.onsuccess = () => resolve(c.result);
				};
			})
	);
	expect(blobs).toBe(1);
});
