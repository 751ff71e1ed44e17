import { describe, expect, it } from 'vitest';
import { isSchema } from '../validate';
import { viewKeyCollisions, viewKeys } from '../keys/view-keys';
import { PROJECT_TEMPLATES, templateFind, templateTasks } from './templates';

describe('project templates', () => {
	it('each makes a valid schema whose keys never collide, with its suggested labels', () => {
		for (const t of PROJECT_TEMPLATES) {
			const schema = { tasks: templateTasks(t, t.labels) };
			expect(isSchema(schema), t.id).toBe(true);
			expect(viewKeyCollisions(schema), t.id).toEqual([]);
			const keys = viewKeys(schema);
			for (const name of t.labels)
				expect(keys.find((k) => k.what === name)?.key, `${t.id} ${name}`).toBeTruthy();
		}
	});

	it('keeps keys apart even with many labels on a tool that reserves letters', () => {
		const boxes = templateFind('boxes')!;
		const many = Array.from({ length: 30 }, (_, i) => `object ${i + 1}`);
		const schema = { tasks: templateTasks(boxes, many) };
		expect(viewKeyCollisions(schema)).toEqual([]);
		const keys =
			schema.tasks[0] && 'labels' in schema.tasks[0]
				? schema.tasks[0].labels.map((l) => l.hotkey)
				: [];
		// n, e and v belong to the box tool, g, s, u and z to the view.
		for (const k of 'nevgsuz') expect(keys).not.toContain(k);
		expect(keys.slice(0, 9)).toEqual([...'123456789']);
	});

	it('drops blank and repeated label names and sets multi on a classification', () => {
		const tasks = templateTasks(templateFind('text-classification')!, [' a ', '', 'b', 'a'], true);
		expect(tasks).toEqual([
			expect.objectContaining({
				type: 'classification',
				multi: true,
				labels: [
					expect.objectContaining({ id: 'l1', name: 'a', hotkey: '1' }),
					expect.objectContaining({ id: 'l2', name: 'b', hotkey: '2' })
				]
			})
		]);
	});

	it('sets up a transcription without labels, and a blank project with none has no tasks', () => {
		expect(templateTasks(templateFind('audio-transcription')!, ['ignored'])).toEqual([
			{ type: 'transcription', id: 't1', name: 'Transcript', per: 'item' }
		]);
		expect(templateTasks(templateFind('blank')!, [])).toEqual([]);
	});
});

describe('view keys', () => {
	it('finds a label key shared across tasks and a label key a tool keeps', () => {
		const schema = {
			tasks: [
				{
					type: 'classification',
					id: 'c',
					name: 'Class',
					multi: false,
					labels: [{ id: 'a', name: 'cat', color: '#000000', hotkey: '1' }]
				},
				{
					type: 'boxes',
					id: 'b',
					name: 'Boxes',
					rotation: false,
					attributes: [],
					labels: [
						{ id: 'x', name: 'person', color: '#000000', hotkey: '1' },
						{ id: 'y', name: 'car', color: '#000000', hotkey: 'n' }
					]
				}
			]
		} as unknown as Parameters<typeof viewKeyCollisions>[0];
		expect(viewKeyCollisions(schema)).toEqual([
			{ key: 'n', uses: ['new box', 'Boxes: car'] },
			{ key: '1', uses: ['Class: cat', 'Boxes: person'] }
		]);
	});
});
