import { expectAxeClean } from '../e2e/fixtures';
import {
	csv,
	expect,
	expectStat,
	fullViewChoose,
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
	const synced = Date.now() - t0;
	await fullViewChoose(bo);
	console.log(`newcomer sync of the ${(rows.length / 1e6).toFixed(1)} MB project: ${synced} ms`);
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
	await join(eve, bad, false);
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

// Coming back online used to merge only about 1 run in 3: the member and the peer that saw them
// leave both announced, both started a connection, and y-webrtc's offer-glare handling left
// connections that never opened or carried nothing (sync/webrtc/ now lets only the smaller peer id
// start one). `node tests/p2p/run.mjs -g offline --repeat-each 5` guards it.
test('two and then three members label offline and merge when back; a reload loses nothing', async ({
	browser,
	servers
}) => {
	const ada = await person(browser, servers.url, 'Ada');
	const id = await projectWithItems(ada, 'Offline', csv(60));
	const link = await inviteCreate(ada, id);
	const bo = await person(browser, servers.url, 'Bo');
	await join(bo, link);
	await expect(bo.getByText(/Item \d+ of/)).toBeVisible({ timeout: 30_000 });
	const label = async (page: typeof ada, n: number) => {
		await page.locator(`a[href="/p/${id}/label"]`).first().click();
		await expect(page.getByText(/Item \d+ of/)).toBeVisible();
		for (let i = 0; i < n; i++) {
			const before = await page.getByTestId('done-count').textContent();
			await page.keyboard.press('1');
			await expect(page.getByTestId('done-count')).not.toHaveText(before ?? '');
		}
	};
	const status = (page: typeof ada) => page.getByTestId('connection-status').first();
	const offline = async (page: typeof ada) => {
		await page.context().setOffline(true);
		await expect(status(page)).toHaveAttribute('data-state', 'offline');
	};
	const all = async (pages: (typeof ada)[], n: number) => {
		for (const p of pages) await expectStat(p, id, 'Annotations', n);
	};

	// Two members label concurrently, online.
	await Promise.all([label(ada, 1), label(bo, 1)]);
	await all([ada, bo], 2);
	// Bo goes offline; both keep labeling; Bo comes back and both converge.
	await offline(bo);
	await Promise.all([label(ada, 2), label(bo, 3)]);
	await expectStat(ada, id, 'Annotations', 4);
	await expectStat(bo, id, 'Annotations', 5);
	await bo.context().setOffline(false);
	await expect(status(bo)).toContainText('Connected to 1 peer', { timeout: 30_000 });
	await all([ada, bo], 7);

	// A third member joins and gets everything; the three label concurrently.
	const cy = await person(browser, servers.url, 'Cy');
	await join(cy, link);
	await expect(cy.getByText(/Item \d+ of/)).toBeVisible({ timeout: 30_000 });
	await all([cy], 7);
	await Promise.all([label(ada, 1), label(bo, 1), label(cy, 1)]);
	await all([ada, bo, cy], 10);
	// Bo and Cy go offline together, all three label, both come back at once: all converge.
	await Promise.all([offline(bo), offline(cy)]);
	await Promise.all([label(ada, 2), label(bo, 2), label(cy, 2)]);
	await all([ada, bo, cy], 12);
	await Promise.all([bo.context().setOffline(false), cy.context().setOffline(false)]);
	for (const p of [ada, bo, cy])
		await expect(status(p)).toContainText('Connected to 2 peers', { timeout: 30_000 });
	await all([ada, bo, cy], 16);

	// A reload loses nothing.
	await Promise.all([bo.reload(), cy.reload()]);
	await all([bo, cy], 16);
});
