/**
 * The data importer through the door: rows become items once (a second import counts them as
 * duplicates), a gold column becomes gold answers kept out of the metadata, and with the
 * personal-data review on nothing is written until the review is answered.
 */
import { describe, expect, it } from 'vitest';
import type { AnnotatorId, LabelId, TaskId } from '$lib/core/types';
import { destroyedAfterEach, sessionWithSchema } from '$tests/helpers/session';
import { ImportJob } from './rows-job.svelte';

const destroyed = destroyedAfterEach();
const ME = 'me' as AnnotatorId;

const sentiment = {
	id: 'sent' as TaskId,
	type: 'classification' as const,
	name: 'Sentiment',
	multi: false,
	labels: [
		{ id: 'pos' as LabelId, name: 'Positive', color: '#16a34a', hotkey: '1' },
		{ id: 'neg' as LabelId, name: 'Negative', color: '#dc2626', hotkey: '2' }
	]
};

const csv = (name: string, text: string) => new File([text], name, { type: 'text/csv' });

async function setup() {
	const s = destroyed(await sessionWithSchema([sentiment], { now: () => 7000 }));
	let now = 1000;
	const job = () => new ImportJob(s, ME, () => (now += 10));
	return { s, job };
}

describe('ImportJob', () => {
	it('adds each row once: the same file again adds nothing and counts duplicates', async () => {
		const { s, job } = await setup();
		const file = csv(
			'reviews.csv',
			'text,city\nGreat food,Lyon\nCold soup,Oslo\nGreat food,Lyon\n'
		);
		const j1 = job();
		await j1.add([file]);
		expect(j1.files.map((f) => [f.textField, f.metaFields])).toEqual([['text', ['city']]]);
		const r1 = await j1.run();
		expect(r1).toMatchObject({ added: 2, duplicates: 1, cancelled: false, problemCount: 0 });
		expect(s.store.order.map((id) => s.store.item(id)?.text)).toEqual(['Great food', 'Cold soup']);
		expect(s.store.item(s.store.order[0]!)?.meta).toEqual({ city: 'Lyon' });
		expect(j1.files).toEqual([]);
		expect(s.store.log().filter((e) => e.what === 'import')).toHaveLength(1);

		const j2 = job();
		await j2.add([file]);
		const r2 = await j2.run();
		expect(r2).toMatchObject({ added: 0, duplicates: 3 });
		expect(s.store.size).toBe(2);
	});

	it('takes a gold column as gold answers of the first classification task, out of the metadata', async () => {
		const { s, job } = await setup();
		const j = job();
		await j.add([csv('gold.csv', 'text,answer\nLovely,positive\nAwful,Negative\nMeh,neutral\n')]);
		j.fileSet(0, { metaFields: [], goldField: 'answer' });
		const r = await j.run();
		expect(r).toMatchObject({ added: 3, gold: 2, goldUnknown: ['neutral'] });
		const byText = new Map(s.store.order.map((id) => [s.store.item(id)?.text, id]));
		const gold = s.store.reviews().gold.map((g) => [g.item, g.task, g.value, g.by]);
		expect(gold).toEqual([
			[byText.get('Lovely'), 'sent', { type: 'classification', labels: ['pos'] }, ME],
			[byText.get('Awful'), 'sent', { type: 'classification', labels: ['neg'] }, ME]
		]);
		// Annotators must not see the answer.
		for (const id of s.store.order) expect(s.store.item(id)?.meta).toBeUndefined();
	});

	it('with the review on, writes nothing until it is answered; the redacted texts when applied', async () => {
		const { s, job } = await setup();
		const file = csv('people.csv', 'text\nMail ann@example.com today\nNo personal data here\n');

		const cancelled = job();
		cancelled.redact = true;
		await cancelled.add([file]);
		const run1 = cancelled.run();
		await expect.poll(() => cancelled.review).toBeDefined();
		expect(s.store.size).toBe(0);
		cancelled.reviewDone(false);
		expect(await run1).toMatchObject({ added: 0, cancelled: true });
		expect(s.store.size).toBe(0);

		const applied = job();
		applied.redact = true;
		await applied.add([file]);
		const run2 = applied.run();
		await expect.poll(() => applied.review).toBeDefined();
		expect(applied.review?.findings.map((f) => [f.type, f.text, f.where])).toEqual([
			['email', 'ann@example.com', 'people.csv, line 2']
		]);
		applied.reviewDone(true);
		expect(await run2).toMatchObject({ added: 2, cancelled: false });
		expect(applied.review).toBeUndefined();
		expect(s.store.order.map((id) => s.store.item(id)?.text)).toEqual([
			'Mail [EMAIL] today',
			'No personal data here'
		]);
	});
});
