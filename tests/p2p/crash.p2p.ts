/**
 * Issue 9 over real WebRTC: a newcomer's page is closed (like a crashed tab) while a project of
 * more than 5 MB is arriving, at different moments; reopened, the project is consistent (not there
 * yet, or whole items with their annotations), then the rest arrives and the newcomer's labels
 * reach the owner. And the other way: the owner's page closes while a newcomer receives.
 */
import type { BrowserContext, Page } from '@playwright/test';
import * as Y from 'yjs';
import {
	csv,
	expect,
	expectStat,
	fullViewChoose,
	inviteCreate,
	person,
	projectWithItems,
	stat,
	test
} from './fixtures';

const ITEMS = 25_000;

/** What a device holds of a project in IndexedDB (the y-indexeddb updates), read back with Yjs. */
interface Stored {
	exists: boolean;
	bytes: number;
	/** Stored updates (y-indexeddb rows). */
	rows: number;
	items: number;
	annotations: number;
	/** Annotations whose item is not on the device, or that are not whole objects. */
	orphans: number;
	/** Item lines that are not whole (no id, no seq or no JSON data). */
	broken: number;
	labels: string[];
}

async function stored(page: Page, id: string): Promise<Stored> {
	const chunks = await page.evaluate(async (name) => {
		const dbs = await indexedDB.databases();
		// Opening a database that is not there would create it empty: only read an existing one.
		if (!dbs.some((d) => d.name === name)) return undefined;
		return new Promise<string[]>((resolve, reject) => {
			const req = indexedDB.open(name);
			req.onerror = () => reject(req.error);
			req.onsuccess = () => {
				const db = req.result;
				if (!db.objectStoreNames.contains('updates')) {
					db.close();
					resolve([]);
					return;
				}
				const all = db.transaction('updates').objectStore('updates').getAll();
				all.onsuccess = () => {
					db.close();
					resolve(
						(all.result as Uint8Array[]).map((u) => {
							let s = '';
							for (let i = 0; i < u.length; i += 0x8000)
								s += String.fromCharCode(...u.subarray(i, i + 0x8000));
							return btoa(s);
						})
					);
				};
				all.onerror = () => reject(all.error);
			};
		});
	}, `quorum-doc-${id}`);
	const none: Stored = {
		exists: false,
		bytes: 0,
		rows: 0,
		items: 0,
		annotations: 0,
		orphans: 0,
		broken: 0,
		labels: []
	};
	if (!chunks) return none;
	const doc = new Y.Doc();
	let bytes = 0;
	for (const c of chunks) {
		const u = new Uint8Array(Buffer.from(c, 'base64'));
		bytes += u.byteLength;
		Y.applyUpdate(doc, u);
	}
	const items = doc.getMap('items');
	const annotations = doc.getMap('annotations');
	// Items are stored in batches, one line each: `<id>\t<seq>\t<json>` (sync/doc.ts).
	const ids = new Set<string>();
	let broken = 0;
	for (const raw of items.values()) {
		if (typeof raw !== 'string') {
			broken++;
			continue;
		}
		for (const line of raw.split('\n')) {
			if (!line) continue;
			const [itemId, seq, json] = line.split('\t');
			try {
				if (!itemId || !Number.isFinite(Number(seq)) || typeof JSON.parse(json ?? '') !== 'object')
					throw new Error('bad line');
				ids.add(itemId);
			} catch {
				broken++;
			}
		}
	}
	let orphans = 0;
	const labels: string[] = [];
	for (const [key, v] of annotations.entries()) {
		const a = v as { item?: string; value?: { labels?: string[] } } | null;
		if (!a || typeof a.item !== 'string' || !ids.has(a.item)) orphans++;
		labels.push(`${key}=${JSON.stringify(a?.value?.labels ?? null)}`);
	}
	labels.sort();
	return {
		exists: true,
		bytes,
		rows: chunks.length,
		items: ids.size,
		annotations: annotations.size,
		orphans,
		broken,
		labels
	};
}

async function label(page: Page, id: string, n: number): Promise<void> {
	await page.locator(`a[href="/p/${id}/label"]`).first().click();
	await expect(page.getByText(/Item \d+ of/)).toBeVisible();
	for (let i = 0; i < n; i++) {
		const before = await page.getByTestId('done-count').textContent();
		await page.keyboard.press(i % 2 ? '2' : '1');
		await expect(page.getByTestId('done-count')).not.toHaveText(before ?? '');
	}
}

/**
 * Reopens a closed page's project in the same browser profile and checks what survived: nothing
 * of the project, or whole items with intact annotations; and that the page is no error page.
 */
async function reopen(
	ctx: BrowserContext,
	url: string,
	id: string,
	who: string
): Promise<{ page: Page; kept: Stored }> {
	const page = await ctx.newPage();
	// The projects page first: the stored doc is read before the project is opened again.
	await page.goto(url);
	await expect(page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
	const kept = await stored(page, id);
	console.log(
		`${who} after the crash: ${kept.exists ? `${kept.items} items, ${kept.annotations} annotations, ${(kept.bytes / 1e6).toFixed(1)} MB stored in ${kept.rows} rows` : 'no project database'}`
	);
	expect(kept.broken, `${who}: half-written items`).toBe(0);
	expect(kept.orphans, `${who}: annotations without their item`).toBe(0);
	// The doc arrives as one update (framed, reassembled, applied at once): all items or none.
	expect([0, ITEMS], `${who}: items kept`).toContain(kept.items);
	await page.goto(`${url}/p/${id}`);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(
		page
			.getByRole('heading', { name: 'Joining the project…' })
			.or(page.getByRole('heading', { name: 'Big', exact: true }))
			.or(page.locator('dt', { hasText: /^Items$/ }))
			.first()
	).toBeVisible({ timeout: 30_000 });
	if (kept.items === ITEMS) expect(await stat(page, id, 'Items')).toBe(ITEMS);
	return { page, kept };
}

test('a newcomer whose page closes while a 5 MB project arrives gets it whole when reopened, at two moments; and the owner’s page closing while one receives', async ({
	browser,
	servers
}) => {
	test.setTimeout(240_000);
	const tStart = Date.now();
	const ada = await person(browser, servers.url, 'Ada');
	const id = await projectWithItems(ada, 'Big', csv(ITEMS, 220));
	await label(ada, id, 4);
	await expectStat(ada, id, 'Annotations', 4);
	const link = await inviteCreate(ada, id);
	const adaHas = async () => {
		await ada.goto(servers.url);
		await expect(ada.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
		const s = await stored(ada, id);
		await ada.goto(`${servers.url}/p/${id}/team`);
		return s;
	};
	const adaBefore = await adaHas();
	expect(adaBefore.annotations).toBe(4);
	console.log(`Ada stores ${(adaBefore.bytes / 1e6).toFixed(1)} MB in ${adaBefore.rows} rows`);
	expect(adaBefore.bytes).toBeGreaterThan(5 * 1024 * 1024);

	/** When each newcomer's page is closed, after it clicked Join. */
	const moments: { who: string; when: (p: Page, t0: number) => Promise<string> }[] = [
		{
			who: 'Bo',
			// Early: half a second after the joining page shows it reached Ada (the doc is on its way).
			when: async (p, t0) => {
				await expect(p.getByTestId('connection-status').first()).toContainText(
					'Connected to 1 peer',
					{ timeout: 60_000 }
				);
				const t1 = Date.now();
				await p.waitForTimeout(500);
				const shown = await p.getByText(/Item \d+ of/).isVisible();
				return `0.5 s after connecting to Ada (${t1 - t0} ms after Join), project ${shown ? 'already shown' : 'not shown yet'}`;
			}
		},
		{
			who: 'Cy',
			// Late: the project has just been shown (the doc is applied; its write may be under way).
			when: async (p, t0) => {
				await expect(p.getByText(/Item \d+ of/)).toBeVisible({ timeout: 60_000 });
				return `project shown, ${Date.now() - t0} ms after Join`;
			}
		}
	];

	console.log(`Ada's project ready: ${Date.now() - tStart} ms`);
	let annotations = 4;
	for (const m of moments) {
		const page = await person(browser, servers.url, m.who);
		const ctx = page.context();
		await page.goto(link);
		const t0 = Date.now();
		await page.getByRole('button', { name: 'Join project' }).click();
		const at = await m.when(page, t0);
		await page.close();
		console.log(`${m.who}'s page closed: ${at}`);

		const t1 = Date.now();
		const { page: again } = await reopen(ctx, servers.url, id, m.who);
		// The rest arrives from Ada: every item and every one of Ada's labels.
		await expect(again.locator('dt', { hasText: /^Items$/ })).toBeVisible({ timeout: 60_000 });
		await expectStat(again, id, 'Items', ITEMS);
		await expectStat(again, id, 'Annotations', annotations);
		console.log(`${m.who} whole again ${Date.now() - t1} ms after reopening`);
		// …and it is stored: read back from IndexedDB, with Ada's labels as she made them.
		const mine = await stored(again, id);
		expect(mine.items).toBe(ITEMS);
		expect(mine.orphans).toBe(0);
		expect(mine.broken).toBe(0);
		expect(mine.annotations).toBe(annotations);
		for (const l of adaBefore.labels) expect(mine.labels).toContain(l);

		// A label made afterwards reaches Ada.
		await again.goto(`${servers.url}/p/${id}`);
		await label(again, id, 1);
		annotations++;
		await expectStat(again, id, 'Annotations', annotations);
		await expectStat(ada, id, 'Annotations', annotations);
		// Only Ada serves the next newcomer.
		await ctx.close();
		await ada.goto(`${servers.url}/p/${id}/team`);
		console.log(`${m.who} done ${Date.now() - t0} ms after Join`);
	}
	// The other way: Ada's page closes while Eve receives. Eve keeps what arrived (the doc is one
	// update: nothing or all of it), and gets the rest once Ada is back.
	const eve = await person(browser, servers.url, 'Eve');
	await eve.goto(link);
	const t0 = Date.now();
	await eve.getByRole('button', { name: 'Join project' }).click();
	await expect(eve.getByTestId('connection-status').first()).toContainText('Connected to 1 peer', {
		timeout: 60_000
	});
	await eve.waitForTimeout(500);
	const adaCtx = ada.context();
	await ada.close();
	console.log(`Ada's page closed 0.5 s after Eve connected, ${Date.now() - t0} ms after Join`);
	const kept = await stored(eve, id);
	console.log(
		`Eve while Ada is away: ${kept.items} items, ${kept.annotations} annotations stored; page: ${(await eve.getByRole('heading').first().textContent()) ?? ''}`
	);
	expect(kept.broken).toBe(0);
	expect(kept.orphans).toBe(0);
	expect([0, ITEMS]).toContain(kept.items);
	await expect(eve.getByRole('alert')).toHaveCount(0);
	// Ada's own project is whole after her page closed mid-send.
	const ada2 = await adaCtx.newPage();
	await ada2.goto(servers.url);
	const adaKept = await stored(ada2, id);
	expect(adaKept.items).toBe(ITEMS);
	expect(adaKept.annotations).toBe(annotations);
	const t1 = Date.now();
	await ada2.goto(`${servers.url}/p/${id}/team`);
	await expect(eve.getByText(/Item \d+ of/)).toBeVisible({ timeout: 60_000 });
	await fullViewChoose(eve);
	await expectStat(eve, id, 'Items', ITEMS);
	await expectStat(eve, id, 'Annotations', annotations);
	console.log(`Eve whole ${Date.now() - t1} ms after Ada's page was back`);
	const eveHas = await stored(eve, id);
	expect(eveHas.items).toBe(ITEMS);
	expect(eveHas.orphans).toBe(0);
	for (const l of adaBefore.labels) expect(eveHas.labels).toContain(l);
	await label(eve, id, 1);
	annotations++;
	await expectStat(ada2, id, 'Annotations', annotations);
});
