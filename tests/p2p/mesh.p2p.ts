import { expectAxeClean } from '../e2e/fixtures';
import {
	csv,
	expect,
	expectStat,
	inviteCreate,
	join,
	person,
	projectWithItems,
	test
} from './fixtures';

test('a newcomer joins by invite link and receives a project of more than 5 MB', async ({
	browser,
	servers
}) => {
	const ada = await person(browser, servers.url, 'Ada');
	const rows = csv(25_000, 220); // ≈ 5.5 MB of item text
	const id = await projectWithItems(ada, 'Big', rows);
	const link = await inviteCreate(ada, id);
	expect(link).toMatch(/\/join#p=[0-9a-f]+&room=.+&key=.+/);
	await expect(ada.getByRole('img', { name: 'QR code of the invite link' })).toBeVisible();
	await expectAxeClean(ada, 'team page');

	const bo = await person(browser, servers.url, 'Bo');
	await bo.goto(link);
	await expect(bo.getByRole('heading', { name: /Join “Big”/ })).toBeVisible();
	await expectAxeClean(bo, 'join page');
	const t0 = Date.now();
	await bo.getByRole('button', { name: 'Join project' }).click();
	await expect(bo.getByText(/Item \d+ of/)).toBeVisible({ timeout: 60_000 });
	console.log(
		`newcomer sync of the ${(rows.length / 1e6).toFixed(1)} MB project: ${Date.now() - t0} ms`
	);
	await expectStat(bo, id, 'Items', 25_000);
	const bytes = await bo.evaluate(async (pid) => {
		const u = new URL(location.href);
		void u;
		return new Promise<number>((resolve) => {
			const req = indexedDB.open(`quorum-doc-${pid}`);
			req.onsuccess = () => {
				const tx = req.result.transaction('updates');
				const all = tx.objectStore('updates').getAll();
				all.onsuccess = () =>
					resolve((all.result as Uint8Array[]).reduce((n, u) => n + u.byteLength, 0));
			};
		});
	}, id);
	expect(bytes).toBeGreaterThan(5 * 1024 * 1024);

	// Both see each other on the team page.
	await bo.goto(`${servers.url}/p/${id}/team`);
	await expect(bo.getByTestId('connection-status').first()).toContainText('Connected to 1 peer');
	await expect(bo.getByTestId('member')).toHaveCount(2);
	await expect(bo.getByTestId('member').filter({ hasText: 'Ada' })).toContainText('owner');
	await expect(bo.getByTestId('member').filter({ hasText: 'Ada' })).toContainText('online');
});

test('a wrong room key says it cannot join', async ({ browser, servers }) => {
	const ada = await person(browser, servers.url, 'Ada');
	const id = await projectWithItems(ada, 'Secret', csv(20));
	const link = await inviteCreate(ada, id);
	const bad = link.replace(/key=[^&]+/, 'key=0000000000000000000000000000000000000000');
	const eve = await person(browser, servers.url, 'Eve');
	await join(eve, bad);
	await expect(eve.getByRole('alert')).toContainText('Cannot join', { timeout: 30_000 });
	await expect(eve.getByTestId('connection-status').first()).toHaveAttribute(
		'data-state',
		'cannot-join'
	);
	await expectAxeClean(eve, 'cannot join');
});

test('three people join by invite, get their share, label concurrently and converge', async ({
	browser,
	servers
}) => {
	const ada = await person(browser, servers.url, 'Ada');
	const id = await projectWithItems(ada, 'Trio', csv(60));
	const link = await inviteCreate(ada, id);
	const bo = await person(browser, servers.url, 'Bo');
	await join(bo, link);
	await expect(bo.getByText(/Item \d+ of/)).toBeVisible({ timeout: 30_000 });
	const cy = await person(browser, servers.url, 'Cy');
	await join(cy, link);
	await expect(cy.getByText(/Item \d+ of/)).toBeVisible({ timeout: 30_000 });
	await expect(ada.getByTestId('connection-status').first()).toContainText('Connected to 2 peers');

	const label = async (page: typeof ada, n: number) => {
		await page.locator(`a[href="/p/${id}/label"]`).first().click();
		await expect(page.getByText(/Item \d+ of/)).toBeVisible();
		for (let i = 0; i < n; i++) {
			const before = await page.getByTestId('done-count').textContent();
			await page.keyboard.press('1');
			await expect(page.getByTestId('done-count')).not.toHaveText(before ?? '');
		}
	};
	// Each member's queue is their share: with overlap 1 and 3 members, about a third each.
	const share = async (page: typeof ada) => {
		await page.locator(`a[href="/p/${id}/label"]`).first().click();
		const t = (await page.getByText(/Item \d+ of/).textContent()) ?? '';
		return Number(/of ([\d,]+)/.exec(t)?.[1]?.replace(/,/g, ''));
	};
	await expect.poll(() => share(ada)).toBeLessThan(60);
	const shares = [await share(ada), await share(bo), await share(cy)];
	expect(shares.reduce((a, b) => a + b, 0)).toBe(60);

	await Promise.all([label(ada, 3), label(bo, 3), label(cy, 3)]);
	for (const p of [ada, bo, cy]) await expectStat(p, id, 'Annotations', 9);

	// A reload loses nothing.
	await bo.reload();
	await expectStat(bo, id, 'Annotations', 9);
});

// KNOWN BUG (issue 5, open): a member who comes back online does not always get their offline
// labels to the others over WebRTC. Framing every simple-peer from birth (webrtc.ts) fixed one
// cause (an unframed sync step 1 after an offer glare), but the test still passes only about 1
// run in 3 here (`node tests/p2p/run.mjs -g offline --repeat-each 3`). A flaky test cannot guard
// main, so it is marked fixme until the remaining cause is found; offline edits do merge through
// a sync file (p2p-bundle.e2e.ts).
test.fixme('a member who was offline merges their labels when back', async ({
	browser,
	servers
}) => {
	const ada = await person(browser, servers.url, 'Ada');
	const id = await projectWithItems(ada, 'Offline', csv(40));
	const link = await inviteCreate(ada, id);
	const cy = await person(browser, servers.url, 'Cy');
	await join(cy, link);
	await expect(cy.getByText(/Item \d+ of/)).toBeVisible({ timeout: 30_000 });
	const label = async (page: typeof ada, n: number) => {
		await page.locator(`a[href="/p/${id}/label"]`).first().click();
		await expect(page.getByText(/Item \d+ of/)).toBeVisible();
		for (let i = 0; i < n; i++) {
			const before = await page.getByTestId('done-count').textContent();
			await page.keyboard.press('1');
			await expect(page.getByTestId('done-count')).not.toHaveText(before ?? '');
		}
	};
	await label(ada, 1);
	await label(cy, 1);
	await expectStat(ada, id, 'Annotations', 2);
	await expectStat(cy, id, 'Annotations', 2);
	// Cy goes offline, everyone keeps labeling, Cy comes back: all converge.
	await cy.context().setOffline(true);
	await expect(cy.getByTestId('connection-status').first()).toHaveAttribute(
		'data-state',
		'offline'
	);
	await Promise.all([label(ada, 2), label(cy, 4)]);
	await expectStat(ada, id, 'Annotations', 4);
	await expectStat(cy, id, 'Annotations', 6);
	await cy.context().setOffline(false);
	await expect(cy.getByTestId('connection-status').first()).toContainText('Connected to 1 peer', {
		timeout: 30_000
	});
	for (const p of [ada, cy]) await expectStat(p, id, 'Annotations', 8);

	// A reload loses nothing.
	await cy.reload();
	await expectStat(cy, id, 'Annotations', 8);
});
