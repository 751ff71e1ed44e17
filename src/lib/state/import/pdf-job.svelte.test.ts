/**
 * The PDF importer through the door, with real pdf.js (loaded as the app loads it) on a PDF from Debian: one
 * item per document or per page, the bytes stored once as a blob; a damaged file, a protected
 * file and a file that is not a PDF are listed with the reason and nothing of them is added.
 */
import { describe, expect, it } from 'vitest';
import type { AnnotatorId } from '$lib/core/types';
import type { StoredBlob } from '$lib/storage/blobs-repo';
import { destroyedAfterEach, sessionWithSchema } from '$tests/helpers/session';
import { pdfFixture, pdfWithPassword } from '$tests/helpers/pdf';
import { PdfImportJob } from './pdf-job.svelte';

const destroyed = destroyedAfterEach();

async function setup() {
	const s = destroyed(await sessionWithSchema([]));
	const stored: StoredBlob[] = [];
	const job = new PdfImportJob(s, 'me' as AnnotatorId, {
		blobs: { putMany: async (b) => void stored.push(...b) },
		now: () => 7000
	});
	return { s, stored, job };
}

const file = (bytes: Uint8Array, name: string) =>
	new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' });

describe('PdfImportJob', () => {
	it('adds one item per document, its bytes in a blob, and nothing twice', async () => {
		const { s, stored, job } = await setup();
		const pdf = await pdfFixture();
		expect(await job.run([file(pdf, 'spec.pdf')])).toEqual({
			added: 1,
			duplicates: 0,
			problems: []
		});
		const [item] = [...s.store.itemsAll()];
		expect(item?.kind).toBe('pdf');
		expect(item?.pdf).toEqual({ pages: 17 });
		expect(item?.text).toBeUndefined();
		expect(stored).toHaveLength(1);
		expect(stored[0]?.size).toBe(pdf.byteLength);
		expect(item?.media).toMatchObject({ blob: stored[0]?.sha256, mime: 'application/pdf' });
		expect(await job.run([file(pdf, 'again.pdf')])).toMatchObject({ added: 0, duplicates: 1 });
	});

	it('adds one item per page when asked, all pointing at the one blob', async () => {
		const { s, stored, job } = await setup();
		job.per = 'page';
		expect((await job.run([file(await pdfFixture(), 'spec.pdf')])).added).toBe(17);
		const items = [...s.store.itemsAll()];
		expect(items.map((i) => i.pdf?.page)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
		expect(new Set(items.map((i) => (i.media as { blob: string }).blob)).size).toBe(1);
		expect(items[2]?.source).toBe('spec.pdf p. 3');
		expect(stored).toHaveLength(1);
	});

	it('lists damaged, protected and non-PDF files with what to do, and adds the rest', async () => {
		const { s, stored, job } = await setup();
		const pdf = await pdfFixture();
		const r = await job.run([
			file(pdf.slice(0, 2000), 'cut.pdf'),
			file(pdfWithPassword(), 'locked.pdf'),
			file(new TextEncoder().encode('hello'), 'notes.pdf'),
			file(new Uint8Array(), 'empty.pdf'),
			file(pdf, 'spec.pdf')
		]);
		expect(r.added).toBe(1);
		expect(r.problems).toEqual([
			{ file: 'cut.pdf', reason: expect.stringMatching(/not a readable PDF/) },
			{ file: 'locked.pdf', reason: expect.stringMatching(/password.*unprotected copy/) },
			{ file: 'notes.pdf', reason: expect.stringMatching(/not a PDF/) },
			{ file: 'empty.pdf', reason: 'the file is empty' }
		]);
		expect(s.store.size).toBe(1);
		expect(stored).toHaveLength(1);
	});
});
