import { describe, expect, it } from 'vitest';
import type { AnnotationValue, AnnotatorId, LabelId, SpansTask, TaskId } from '$lib/core/types';
import { destroyedAfterEach, sessionWithSchema } from '$tests/helpers/session';
import { HtmlImportJob } from '../import/html-job.svelte';
import { HtmlSpansEditor } from './html-spans.svelte';

const destroyed = destroyedAfterEach();
const x = { start: '/p[1]/text()[1]', startOffset: 0, end: '/p[1]/text()[1]', endOffset: 3 };

describe('HtmlSpansEditor', () => {
	it('labels the pending text, refuses an overlap, relabels and removes', () => {
		const task: SpansTask = {
			type: 'spans',
			id: 't' as TaskId,
			name: 'Terms',
			labels: [
				{ id: 'a' as LabelId, name: 'A', color: '#000000', hotkey: '1' },
				{ id: 'b' as LabelId, name: 'B', color: '#ffffff', hotkey: '2' }
			],
			allowOverlap: false,
			snap: false
		};
		let saved: AnnotationValue | undefined;
		const ed = new HtmlSpansEditor({
			task: () => task,
			value: () => saved,
			save: (_t, v) => (saved = v),
			newId: () => 'n'
		});
		expect(ed.key('1')).toBe(false);
		expect(ed.message).toMatch(/Select some text first/);
		ed.pendingSet({ start: 0, end: 3, xpath: x });
		expect(ed.key('1')).toBe(true);
		expect(ed.spans).toEqual([{ id: 'n', start: 0, end: 3, label: 'a', xpath: x }]);
		ed.pendingSet({ start: 2, end: 5, xpath: x });
		expect(ed.key('2')).toBe(false);
		expect(ed.message).toMatch(/overlaps/);
		ed.select('n');
		ed.key('2');
		expect(ed.spans[0]?.label).toBe('b');
		ed.key('Delete');
		expect(saved).toBeUndefined();
	});
});

describe('HtmlImportJob', () => {
	it('adds one item per HTML file, once, and says why it skipped the others', async () => {
		const s = destroyed(await sessionWithSchema([]));
		const job = new HtmlImportJob(s, 'me' as AnnotatorId, () => 7);
		const page = new File(['<p>Hello <em>world</em></p>'], 'a.html');
		const r = await job.run([
			page,
			page,
			new File([''], 'e.html'),
			new File(['just text'], 't.html')
		]);
		expect(r).toEqual({
			added: 1,
			duplicates: 1,
			problems: [
				{ file: 'e.html', reason: 'the file is empty' },
				{ file: 't.html', reason: 'no HTML markup in it' }
			]
		});
		expect([...s.store.itemsAll()].map((i) => [i.kind, i.source])).toEqual([['html', 'a.html']]);
	});
});
