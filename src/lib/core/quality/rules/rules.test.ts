import { describe, expect, it } from 'vitest';
import { rulesCheck, type Annotation, type TaskSpec } from './index';

const tasks: TaskSpec[] = [
	{ id: 'kind', type: 'class', labels: ['cat', 'dog'], required: true },
	{ id: 'boxes', type: 'boxes', labels: ['cat', 'dog'], required: false },
	{ id: 'ner', type: 'spans', labels: ['PER'], required: false },
	{ id: 'text', type: 'transcription', labels: [], required: false }
];

function ann(partial: Partial<Annotation> & Pick<Annotation, 'task' | 'value'>): Annotation {
	return { item: 'img1', annotator: 'ann', ms: 5000, ...partial };
}

describe('rulesCheck', () => {
	it('finds nothing in clean annotations', () => {
		const clean = [
			ann({ task: 'kind', value: { type: 'class', label: 'cat' } }),
			ann({
				task: 'boxes',
				value: { type: 'boxes', boxes: [{ x: 1, y: 1, w: 5, h: 5, label: 'cat' }] }
			})
		];
		expect(rulesCheck(clean, tasks, [{ id: 'img1', width: 10, height: 10 }])).toEqual([]);
	});

	it('names the rule, item, annotator and task of every finding', () => {
		const bad: Annotation[] = [
			ann({ task: 'kind', value: { type: 'class', label: 'horse' }, ms: 200 }),
			ann({
				task: 'boxes',
				value: {
					type: 'boxes',
					boxes: [
						{ x: 0, y: 0, w: 8, h: 8, label: 'cat' },
						{ x: 0, y: 0, w: 8, h: 8.1, label: 'cat' },
						{ x: 5, y: 5, w: 10, h: 2, label: 'dog' },
						{ x: 1, y: 1, w: 0, h: 3, label: 'dog' }
					]
				}
			}),
			ann({
				task: 'ner',
				value: {
					type: 'spans',
					spans: [
						[0, 5, 'PER'],
						[3, 8, 'PER']
					]
				}
			}),
			ann({ task: 'text', value: { type: 'transcription', text: '  ' } }),
			ann({ item: 'img2', annotator: 'bob', task: 'boxes', value: { type: 'boxes', boxes: [] } }),
			ann({ task: 'nope', value: { type: 'class', label: 'cat' } })
		];
		const found = rulesCheck(bad, tasks, [{ id: 'img1', width: 10, height: 10 }]);
		const brief = found.map((f) => [f.rule, f.item, f.annotator, f.task]);
		expect(brief).toEqual([
			['label-outside-schema', 'img1', 'ann', 'kind'],
			['too-fast', 'img1', 'ann', 'kind'],
			['box-overlap', 'img1', 'ann', 'boxes'],
			['box-outside-image', 'img1', 'ann', 'boxes'],
			['box-zero-area', 'img1', 'ann', 'boxes'],
			['span-overlap', 'img1', 'ann', 'ner'],
			['empty-transcription', 'img1', 'ann', 'text'],
			['unknown-task', 'img1', 'ann', 'nope'],
			['missing-required-task', 'img2', 'bob', 'kind']
		]);
		expect(found[0]?.message).toBe('label "horse" is not in task "kind"');
	});

	it('allows overlapping spans when the task allows overlap', () => {
		const spans = ann({
			task: 'ner',
			value: {
				type: 'spans',
				spans: [
					[0, 5, 'PER'],
					[3, 8, 'PER']
				]
			}
		});
		const lenient = tasks.map((t) => (t.id === 'ner' ? { ...t, allowOverlap: true } : t));
		expect(rulesCheck([spans], lenient).filter((f) => f.rule === 'span-overlap')).toEqual([]);
	});
});
