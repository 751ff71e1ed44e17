/**
 * A Parquet import of a table with personal data (written by hyparquet-writer in the test), in
 * Chromium: the review lists every finding with its row and column before anything is written;
 * redacting stores placeholders and changes nothing else; skipped findings and an import without
 * the review keep the text; snappy pages, several row groups and a cut-off file.
 */
import { describe, expect, it } from 'vitest';
import { itemIdFromText } from '$lib/core/ids';
import type { AnnotatorId, Item } from '$lib/core/types';
import {
	PII_AMOUNTS,
	PII_CITIES,
	PII_CONTACTS,
	PII_MESSAGES,
	piiParquet,
	type PiiParquetOptions
} from '$tests/helpers/parquet-pii';
import { FormatError } from '$lib/core/errors';
import { InteropImportJob } from './job.svelte';
import { parquetRecordsWatched } from './parquet-read';
import type { ProjectSession } from '../project-session.svelte';
import { destroyedAfterEach, noBlobs, sessionWithSchema } from '$tests/helpers/session';

const destroyed = destroyedAfterEach();

async function setup() {
	const s = destroyed(await sessionWithSchema([], { now: () => 5000 }));
	const job = new InteropImportJob(s, 'me' as AnnotatorId, { blobs: noBlobs, now: () => 5000 });
	return { s, job };
}

async function opened(opts: PiiParquetOptions = {}) {
	const t = await setup();
	await t.job.take([new File([piiParquet(opts) as Uint8Array<ArrayBuffer>], 'people.parquet')]);
	expect(t.job.error).toBe('');
	expect(t.job.preview?.type).toBe('parquet');
	return t;
}

const items = (s: ProjectSession): Item[] => s.store.order.map((id) => s.store.item(id) as Item);

/** What the review should find: [type, text, where]. */
const FINDINGS = [
	['name', 'Maria Garcia', 'people.parquet, row 1'],
	['phone', '+49 30 1234567', 'people.parquet, row 1'],
	['email', 'maria.garcia@example.com', 'people.parquet, row 1, contact'],
	['card', '4111 1111 1111 1111', 'people.parquet, row 2'],
	['iban', 'DE89 3704 0044 0532 0130 00', 'people.parquet, row 3'],
	['name', 'Peter Jones', 'people.parquet, row 3, contact'],
	['ip', '192.168.10.24', 'people.parquet, row 4'],
	['phone', '+44 20 7946 0958', 'people.parquet, row 5, contact'],
	['email', 'john.smith@example.org', 'people.parquet, row 7'],
	['email', 'ops@example.net', 'people.parquet, row 7, contact']
];

/** The rows as the import keeps them: message → text, other non-null cells → metadata. */
function expected(redact: (s: string) => string): { text: string; meta: Record<string, string> }[] {
	const out: { text: string; meta: Record<string, string> }[] = [];
	PII_MESSAGES.forEach((m, i) => {
		if (m === null) return;
		const meta: Record<string, string> = { id: String(i + 1) };
		const c = PII_CONTACTS[i];
		if (c !== null && c !== undefined) meta.contact = redact(c);
		const a = PII_AMOUNTS[i];
		if (a !== null && a !== undefined) meta.amount = String(a);
		const city = PII_CITIES[i];
		if (city !== null && city !== undefined) meta.city = city;
		out.push({ text: redact(m), meta });
	});
	return out;
}

const PLACEHOLDERS: [string, string][] = [
	['Maria Garcia', '[NAME]'],
	['+49 30 1234567', '[PHONE]'],
	['maria.garcia@example.com', '[EMAIL]'],
	['4111 1111 1111 1111', '[CARD]'],
	['DE89 3704 0044 0532 0130 00', '[IBAN]'],
	['Peter Jones', '[NAME]'],
	['192.168.10.24', '[IP]'],
	['+44 20 7946 0958', '[PHONE]'],
	['john.smith@example.org', '[EMAIL]'],
	['ops@example.net', '[EMAIL]']
];
const redactAll = (s: string) => PLACEHOLDERS.reduce((t, [a, b]) => t.split(a).join(b), s);

describe('Parquet import of a table with personal data', () => {
	it('the review lists each finding with its row and column; nothing is written before it', async () => {
		const { s, job } = await opened();
		expect(job.choices.textField).toBe('message');
		expect(job.choices.metaFields).toEqual(['id', 'contact', 'amount', 'city']);
		job.choices.redact = true;
		expect(await job.apply()).toBeUndefined();
		const review = job.review;
		expect(review).toBeDefined();
		expect(s.store.size).toBe(0);
		expect(review!.findings.map((f) => [f.type, f.text, f.where])).toEqual(FINDINGS);
		// The order number fails Luhn; amounts, ids and cities are not personal data.
		expect(review!.findings.some((f) => f.text.includes('4111111111111112'))).toBe(false);
		expect(review!.byType).toEqual([
			{ type: 'email', total: 3, applied: 3 },
			{ type: 'iban', total: 1, applied: 1 },
			{ type: 'card', total: 1, applied: 1 },
			{ type: 'ip', total: 1, applied: 1 },
			{ type: 'phone', total: 2, applied: 2 },
			{ type: 'name', total: 2, applied: 2 }
		]);
	});

	it('redacting stores placeholders and changes nothing else', async () => {
		const { s, job } = await opened();
		job.choices.redact = true;
		await job.apply();
		const r = await job.reviewDone(true);
		expect(r).toMatchObject({ added: 6, duplicates: 0, redacted: { texts: 9, findings: 10 } });
		expect(r?.problems).toEqual([
			{ file: 'people.parquet', line: 6, reason: 'row 6: "message" is empty' }
		]);
		const got = items(s).map((it) => ({ text: it.text, meta: it.meta }));
		expect(got).toEqual(expected(redactAll));
		expect(got[0]?.text).toBe('Please call [NAME] on [PHONE] about the refund.');
		expect(got[5]?.text).toBe('Order 4111111111111112 shipped; write to [EMAIL] for the invoice.');
		// Ids are hashes of the stored (redacted) texts: nothing personal is left in them either.
		for (const it of items(s)) expect(it.id).toBe(itemIdFromText(it.text as string));
		const all = JSON.stringify(items(s));
		for (const [pii] of PLACEHOLDERS) expect(all).not.toContain(pii);
		expect(s.store.size).toBe(6);
	});

	it('skipped findings keep their text; an import without the review keeps everything', async () => {
		const a = await opened();
		a.job.choices.redact = true;
		await a.job.apply();
		a.job.review!.typeSet('name', false);
		const card = a.job.review!.findings.find((f) => f.type === 'card')!;
		a.job.review!.toggle(card.id, false);
		const r = await a.job.reviewDone(true);
		expect(r?.redacted).toMatchObject({ findings: 7 });
		const keep = (x: string) =>
			PLACEHOLDERS.filter(
				([p]) => !['Maria Garcia', 'Peter Jones', '4111 1111 1111 1111'].includes(p)
			).reduce((t, [p, ph]) => t.split(p).join(ph), x);
		expect(items(a.s).map((it) => ({ text: it.text, meta: it.meta }))).toEqual(expected(keep));

		// Declining the review (Cancel) goes back to the preview and writes nothing.
		const b = await opened();
		b.job.choices.redact = true;
		await b.job.apply();
		await b.job.reviewDone(false);
		expect(b.job.preview?.type).toBe('parquet');
		expect(b.s.store.size).toBe(0);
		b.job.choices.redact = false;
		const plain = await b.job.apply();
		expect(plain?.redacted).toBeUndefined();
		expect(items(b.s).map((it) => ({ text: it.text, meta: it.meta }))).toEqual(expected((x) => x));
	});

	it('uncompressed pages and several row groups import the same rows', async () => {
		for (const opts of [{ codec: 'UNCOMPRESSED' as const }, { rowGroupSize: 2 }]) {
			const { s, job } = await opened(opts);
			job.choices.redact = true;
			await job.apply();
			expect(job.review!.findings.map((f) => [f.type, f.text, f.where])).toEqual(FINDINGS);
			await job.reviewDone(true);
			expect(items(s).map((it) => ({ text: it.text, meta: it.meta }))).toEqual(expected(redactAll));
		}
	});

	it('a cut-off file says so and imports nothing', async () => {
		const { s, job } = await setup();
		const bytes = piiParquet({ rowGroupSize: 2 });
		const cut = bytes.slice(0, Math.floor(bytes.length * 0.6));
		await job.take([new File([cut], 'people.parquet')]);
		expect(job.preview).toBeUndefined();
		expect(job.error).toBe(
			'Nothing was imported. people.parquet: the Parquet file is truncated (no footer)'
		);
		expect(s.store.size).toBe(0);
	});

	it('a damaged page header that sends the decoder into a loop: stopped, named, nothing imported', async () => {
		const { s } = await setup();
		const job = new InteropImportJob(s, 'me' as AnnotatorId, {
			blobs: noBlobs,
			now: () => 5000,
			parquetStallMs: 1500
		});
		// One bit of the first page header (a field type of the data page header) flipped: the
		// reader of hyparquet 1.31 never returns on this file.
		const bytes = piiParquet();
		bytes[11] = (bytes[11] as number) ^ 0x10;
		let ticks = 0;
		const tick = setInterval(() => ticks++, 100);
		const t0 = performance.now();
		await job.take([new File([bytes as Uint8Array<ArrayBuffer>], 'people.parquet')]);
		clearInterval(tick);
		expect(job.error).toBe(
			'Nothing was imported. people.parquet: the Parquet data cannot be read: the reader was stuck for 2 s after 0 rows (the file looks damaged)'
		);
		expect(job.preview).toBeUndefined();
		expect(s.store.size).toBe(0);
		expect(performance.now() - t0).toBeLessThan(10_000);
		// The page kept running meanwhile.
		expect(ticks).toBeGreaterThan(5);
	});

	it('one bit flipped in any of the first 36 header bytes: rows or a FormatError, never a stuck page', async () => {
		const bytes = piiParquet({ rowGroupSize: 2 });
		const outcome: Record<string, number> = {};
		for (let i = 4; i < 40; i++) {
			const c = bytes.slice();
			c[i] = (c[i] as number) ^ 0x10;
			const got = await parquetRecordsWatched(c, 'p.parquet', undefined, 1000).then(
				(r) => `rows ${r.length}`,
				(e: unknown) => {
					expect(e, `byte ${i}`).toBeInstanceOf(FormatError);
					return /stuck/.test((e as FormatError).reason) ? 'stuck' : 'error';
				}
			);
			outcome[got] = (outcome[got] ?? 0) + 1;
		}
		// Every read ends; a damaged file never gives other than the footer's 7 rows.
		expect(Object.keys(outcome).filter((k) => k.startsWith('rows') && k !== 'rows 7')).toEqual([]);
		expect(outcome.stuck).toBeGreaterThan(0);
		expect(outcome.error).toBeGreaterThan(0);
		console.log('Parquet bit flips, bytes 4–39:', JSON.stringify(outcome));
	});
});
