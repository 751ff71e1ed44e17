/**
 * Exports through the door: JSONL and CSV carry every item in import order with everyone's
 * labels and the members' names, an export is logged, the redaction maps apply, an encrypted
 * export opens again with its passphrase, and an interop export with accepted labels runs.
 */
import { describe, expect, it } from 'vitest';
import { unsealExport } from '$lib/core/formats/interop/sealed';
import type { AnnotatorId, LabelId, ProjectId, TaskId } from '$lib/core/types';
import { destroyedAfterEach, labelOf, sessionWithSchema, textItems } from '$tests/helpers/session';
import { projectExportAny } from './export-any';
import { exportFileName, exportFormats } from './formats';

const destroyed = destroyedAfterEach();
const ME = 'me' as AnnotatorId;
const NOW = Date.UTC(2026, 2, 14, 9);
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

async function setup() {
	const s = destroyed(
		await sessionWithSchema([sentiment], { id: 'p1' as ProjectId, items: textItems(3) })
	);
	s.store.rename('Café reviews / 2026');
	s.store.memberUpsert({
		id: 'ann' as AnnotatorId,
		name: 'Ann',
		color: '#336699',
		role: 'annotator'
	});
	s.store.label(labelOf('i0', 'ann', 'pos'));
	s.store.label(labelOf('i0', 'bob', 'neg'));
	s.store.label(labelOf('i2', 'ann', 'neg'));
	return s;
}

const lines = async (b: Blob) =>
	(await b.text())
		.trim()
		.split('\n')
		.map(
			(l) =>
				JSON.parse(l) as {
					id: string;
					text: string;
					annotations: { annotator: string; annotatorName?: string; labels: string[] }[];
				}
		);

describe('projectExportAny', () => {
	it('writes JSONL with every item in order, everyone’s labels and names, and logs it', async () => {
		const s = await setup();
		const f = await projectExportAny(s, 'jsonl', { me: ME, now: NOW, which: 'raw' });
		expect(f).toMatchObject({
			name: 'Café-reviews-2026-2026-03-14.jsonl',
			items: 3,
			encrypted: false
		});
		const rows = await lines(f.blob);
		expect(rows.map((r) => r.id)).toEqual(['i0', 'i1', 'i2']);
		expect(rows[0]?.annotations.map((a) => [a.annotator, a.annotatorName, a.labels])).toEqual([
			['ann', 'Ann', ['Positive']],
			['bob', undefined, ['Negative']]
		]);
		expect(s.store.log().map((e) => [e.what, e.who, e.detail])).toEqual([['export', ME, 'jsonl']]);
	});

	it('applies the redaction maps to items and annotations', async () => {
		const s = await setup();
		const f = await projectExportAny(s, 'csv', {
			me: ME,
			now: NOW,
			which: 'raw',
			itemMap: (it) => ({ ...it, text: it.text?.toUpperCase() }),
			annotationMap: (a) => ({ ...a, annotator: 'x' as AnnotatorId })
		});
		expect(f.name).toMatch(/\.csv$/);
		const text = await f.blob.text();
		expect(text).toContain('TEXT 0');
		expect(text).not.toContain('text 0');
		expect(text).not.toContain(',ann,');
	});

	it('encrypts the file so that the import opens it with the passphrase', async () => {
		const s = await setup();
		const f = await projectExportAny(s, 'jsonl', {
			me: ME,
			now: NOW,
			which: 'raw',
			passphrase: 'correct horse',
			iterations: 1000
		});
		expect(f.encrypted).toBe(true);
		const inner = await unsealExport(
			new Uint8Array(await f.blob.arrayBuffer()),
			f.name,
			'correct horse'
		);
		expect(inner.name).toBe('Café-reviews-2026-2026-03-14.jsonl');
		expect(new TextDecoder().decode(inner.bytes).split('\n')[0]).toContain('"id":"i0"');
	});

	it('offers the interop formats the tasks fit, and exports accepted labels in them', async () => {
		const s = await setup();
		expect(exportFormats(s.store.schema)).toEqual(['jsonl', 'csv', 'label-studio']);
		const f = await projectExportAny(s, 'label-studio', { me: ME, now: NOW, which: 'both' });
		expect(f.items).toBe(3);
		expect(f.name).toMatch(/^Café-reviews-2026-2026-03-14/);
		expect(s.store.log().at(-1)?.detail).toBe('label-studio (both)');
		expect(exportFileName('  ', NOW, '.csv')).toBe('project-2026-03-14.csv');
	});

	it('writes the accepted label, its confidence and method in JSONL and CSV when asked', async () => {
		const s = await setup();
		s.store.label(labelOf('i1', 'ann', 'pos'));
		s.store.label(labelOf('i1', 'bob', 'pos'));
		const acc = await projectExportAny(s, 'jsonl', { me: ME, now: NOW, which: 'accepted' });
		const byId = new Map((await lines(acc.blob)).map((l) => [l.id, l.annotations]));
		expect(byId.get('i1')).toEqual([
			expect.objectContaining({
				annotator: 'accepted',
				labels: ['Positive'],
				confidence: 1,
				method: 'mv'
			})
		]);
		// i0 is a tie (Ann positive, Bob negative): no accepted label, and no raw ones either.
		expect(byId.get('i0')).toEqual([]);
		const both = await projectExportAny(s, 'csv', { me: ME, now: NOW, which: 'both' });
		const rows = (await both.blob.text()).split('\r\n').filter((r) => r.startsWith('i1,'));
		expect(rows).toHaveLength(3);
		expect(rows.filter((r) => r.includes(',accepted,'))[0]).toMatch(/,Positive,.*,1,mv$/);
		expect(s.store.log().at(-1)?.detail).toBe('csv (both)');
	});
});
