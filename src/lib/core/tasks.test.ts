import { describe, expect, it } from 'vitest';
import { annotationLabels, annotationSize, TASK_KINDS, taskNew } from './tasks';
import type { TaskId } from './types';
import { isTask } from './validate';

describe('task kinds', () => {
	it('makes a valid new task of every kind', () => {
		for (const k of TASK_KINDS) {
			const t = taskNew(k.kind, 't1' as TaskId, k.name);
			// A relations task must name its spans task before it is valid.
			if (t.type === 'relations') expect(isTask({ ...t, spans: 's' })).toBe(true);
			else expect(isTask(t), k.kind).toBe(true);
		}
	});

	it('lists the labels of any value', () => {
		expect(
			annotationLabels({
				type: 'boxes',
				boxes: [
					{ id: 'a', label: 'car' as never, x: 0, y: 0, w: 1, h: 1 },
					{ id: 'b', label: 'car' as never, x: 0, y: 0, w: 1, h: 1 }
				]
			})
		).toEqual(['car', 'car']);
		expect(annotationSize({ type: 'transcription', text: ' ' })).toBe(0);
		expect(annotationSize({ type: 'transcription', text: 'hi' })).toBe(1);
	});
});
