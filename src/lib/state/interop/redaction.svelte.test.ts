/**
 * Redaction at an interop import (spaCy JSONL with PER spans) and a Parquet import, in Chromium:
 * the review opens before anything is written, names come from the file's PER spans and from the
 * project's saved span model (marked, with confidence), and the written items carry the redacted
 * texts, new content ids, and spans moved to the same words.
 */
import { describe, expect, it } from 'vitest';
import { itemIdFromText } from '$lib/core/ids';
import type { AnnotatorId, LabelId, TaskId } from '$lib/core/types';
import { spanModelTrain } from '$lib/ml/media/spans/suggest';
import { mediaModelUrl, spanModelSave } from '$lib/ml/media/store';
import { memoryModelIO } from '$lib/ml/model-io';
import { InteropImportJob } from './job.svelte';
import { destroyedAfterEach, noBlobs, sessionWithSchema } from '$tests/helpers/session';
import parquetUrl from '../../../../tests/fixtures/parquet/reviews.parquet?url';

const PER = 'per' as LabelId;
const LOC = 'loc' as LabelId;
const destroyed = destroyedAfterEach();

async function setup() {
	const s = await sessionWithSchema(
		[
			{
				id: 'ner' as TaskId,
				type: 'spans',
				name: 'Entities',
				labels: [
					{ id: PER, name: 'PER', color: '#e11d48', hotkey: '1' },
					{ id: LOC, name: 'LOC', color: '#2563eb', hotkey: '2' }
				],
				allowOverlap: false,
				snap: true
			}
		],
		{ now: () => 5000 }
	);
	destroyed(s);
	const io = memoryModelIO();
	const job = new InteropImportJob(s, 'me' as AnnotatorId, {
		blobs: noBlobs,
		modelIO: io,
		now: () => 5000
	});
	return { s, job, io };
}

const LINE1 = 'Write to ada@example.com, said Ada Lovelace in London.';
const LINE2 = 'Zhivko Petrov called from Sofia about the invoice.';
const spacy = [
	{
		text: LINE1,
		spans: [
			{ start: 31, end: 43, label: 'PER' },
			{ start: 47, end: 53, label: 'LOC' }
		]
	},
	{ text: LINE2, spans: [{ start: 26, end: 31, label: 'LOC' }] }
]
	.map((r) => JSON.stringify(r))
	.join('\n');

describe('interop import with the personal-data review', () => {
	it('reviews before writing, then writes redacted texts with spans on the same words', async () => {
		const { s, job, io } = await setup();
		expect(LINE1.slice(31, 43)).toBe('Ada Lovelace');
		// The project's span model, trained on PER spans and saved as the Model page saves it.
		const model = spanModelTrain([
			{ text: 'Zhivko Petrov wrote again.', spans: [{ start: 0, end: 13, label: PER }] },
			{ text: 'We met Zhivko Petrov in Sofia.', spans: [{ start: 7, end: 20, label: PER }] },
			{ text: 'The invoice is late.', spans: [] }
		]);
		await spanModelSave(io, mediaModelUrl('span-model', 'p1:ner'), model, {
			labels: [PER],
			metrics: {},
			trainedOn: 3,
			trainedAt: 1
		});
		await job.take([new File([spacy], 'people.jsonl')]);
		expect(job.preview?.type).toBe('labels');
		job.choices.redact = true;
		expect(await job.apply()).toBeUndefined();
		const review = job.review;
		expect(review).toBeDefined();
		expect(s.store.order).toHaveLength(0); // nothing written yet
		const f = review!.findings.map((x) => [x.type, x.text, x.source ?? 'list']);
		expect(f).toContainEqual(['email', 'ada@example.com', 'list']);
		expect(f).toContainEqual(['name', 'Ada Lovelace', 'labels']);
		const zh = review!.findings.find((x) => x.text === 'Zhivko Petrov');
		expect(zh).toMatchObject({ type: 'name', source: 'model' });
		expect(zh!.confidence).toBeGreaterThan(0);
		expect(job.reviewModelTasks).toEqual(['Entities']);

		const r = await job.reviewDone(true);
		expect(r?.added).toBe(2);
		expect(r?.redacted).toMatchObject({ texts: 2 });
		const texts = s.store.order.map((id) => s.store.item(id)?.text);
		const red1 = 'Write to [EMAIL], said [NAME] in London.';
		expect(texts).toContain(red1);
		expect(texts.join('\n')).not.toMatch(/ada@example|Lovelace|Zhivko/);
		const id1 = itemIdFromText(red1);
		expect(s.store.has(id1)).toBe(true);
		const ann = s.store.annotationsOf(id1)[0];
		expect(ann?.value.type).toBe('spans');
		const spans = ann?.value.type === 'spans' ? ann.value.spans : [];
		expect(spans.map((x) => [red1.slice(x.start, x.end), x.label])).toEqual([
			['[NAME]', PER],
			['London', LOC]
		]);
		// The report of this import starts at its first item.
		for (const id of s.store.order)
			expect(s.store.item(id)!.seq).toBeGreaterThanOrEqual(r!.seqFrom);
	});

	it('cancelling the review goes back to the preview and writes nothing', async () => {
		const { s, job } = await setup();
		await job.take([new File([spacy], 'people.jsonl')]);
		job.choices.redact = true;
		await job.apply();
		expect(job.review?.findings.length).toBeGreaterThan(0);
		await job.reviewDone(false);
		expect(job.review).toBeUndefined();
		expect(job.preview).toBeDefined();
		expect(s.store.order).toHaveLength(0);
	});

	it('a Parquet import opens the review of its rows first, then writes them', async () => {
		const { s, job } = await setup();
		const bytes = new Uint8Array(await (await fetch(parquetUrl)).arrayBuffer());
		await job.take([new File([bytes], 'reviews.parquet')]);
		expect(job.preview?.type).toBe('parquet');
		job.choices.redact = true;
		await job.apply();
		expect(job.review).toBeDefined();
		expect(s.store.order).toHaveLength(0);
		const r = await job.reviewDone(true);
		expect(r?.added).toBeGreaterThan(0);
		expect(r?.seqFrom).toBe(5000 * 1000);
	});
});
