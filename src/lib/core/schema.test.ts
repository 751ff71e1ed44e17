import { describe, expect, it } from 'vitest';
import { SchemaError } from './errors';
import {
	classificationTaskNew,
	hotkeyNext,
	hotkeyProblem,
	hotkeysReserved,
	HOTKEY_ORDER,
	labelAdd,
	labelByHotkey,
	labelMove,
	labelRemove,
	labelsToggle,
	labelUpdate,
	TOOL_KEYS
} from './schema';
import { taskNew } from './tasks';
import type { BoxesTask, LabeledTask, LabelId, TaskId, TaskKind } from './types';

const L = (s: string) => s as LabelId;
const task = () =>
	classificationTaskNew({
		id: 't' as TaskId,
		name: 'Sentiment',
		labels: [
			{ id: L('a'), name: 'positive' },
			{ id: L('b'), name: 'negative' },
			{ id: L('c'), name: 'neutral' }
		]
	});

describe('schema', () => {
	it('hands out hotkeys 1–9, then letters that the app does not reserve', () => {
		expect(HOTKEY_ORDER.slice(0, 10)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'a']);
		expect(HOTKEY_ORDER).not.toContain('g');
		expect(HOTKEY_ORDER).not.toContain('s');
		let t = classificationTaskNew({ id: 't' as TaskId, name: 'x' });
		for (let i = 0; i < 12; i++) t = labelAdd(t, { id: L(`l${i}`), name: `n${i}` });
		expect(t.labels.map((l) => l.hotkey).join('')).toBe('123456789abc');
		expect(hotkeyNext(t.labels)).toBe('d');
	});

	it('skips the keys of each tool when handing out hotkeys past 9', () => {
		const letters = (kind: TaskKind) => {
			let t = { ...taskNew(kind, 't' as TaskId, 'x') } as LabeledTask;
			for (let i = 0; i < 20; i++) t = labelAdd(t, { id: L(`l${i}`), name: `n${i}` });
			return t.labels.map((l) => l.hotkey).join('');
		};
		expect(letters('boxes')).toBe('123456789abcdfhijklm');
		expect(letters('video-tracks')).toBe('123456789abcdefhijlm');
		expect(letters('video-segments')).toBe('123456789abcdefhijkl');
		for (const kind of Object.keys(TOOL_KEYS) as TaskKind[])
			if (kind !== 'transcription')
				for (const k of hotkeysReserved(kind).keys()) expect(letters(kind)).not.toContain(k);
	});

	it('explains a manual hotkey that collides with a tool key', () => {
		const boxes = labelAdd(taskNew('boxes', 'b' as TaskId, 'Objects') as BoxesTask, {
			id: L('car'),
			name: 'car'
		});
		expect(hotkeyProblem(boxes, L('car'), 'N')).toBe(
			'Hotkey n is taken by the boxes tool (new box). Use 1–9 or a letter other than e, g, n, s, u, v, z.'
		);
		expect(() => labelUpdate(boxes, L('car'), { hotkey: 'e' })).toThrow(/draw or edit mode/);
		expect(() => labelAdd(boxes, { id: L('bus'), name: 'bus', hotkey: 'v' })).toThrow(
			/point visibility/
		);
		expect(hotkeyProblem(boxes, L('car'), 'o')).toBeUndefined();
		expect(hotkeyProblem(boxes, L('x'), '1')).toBe('Hotkey 1 is already used by “car”.');
		expect(hotkeyProblem(boxes, L('car'), '')).toBeUndefined();
	});

	it('keeps label ids through rename, recolour and reorder', () => {
		let t = task();
		t = labelUpdate(t, L('a'), { name: 'good', color: '#123456' });
		t = labelMove(t, L('a'), 2);
		expect(t.labels.map((l) => l.id)).toEqual(['b', 'c', 'a']);
		expect(t.labels[2]).toMatchObject({ id: 'a', name: 'good', color: '#123456', hotkey: '1' });
	});

	it('does not mutate its input', () => {
		const t = task();
		const before = JSON.stringify(t);
		labelUpdate(t, L('a'), { name: 'x' });
		labelMove(t, L('c'), 0);
		labelRemove(t, L('b'));
		labelAdd(t, { id: L('d'), name: 'mixed' });
		expect(JSON.stringify(t)).toBe(before);
	});

	it('rejects duplicate names, duplicate or reserved hotkeys and bad colours', () => {
		const t = task();
		expect(() => labelAdd(t, { id: L('d'), name: 'Positive' })).toThrow(SchemaError);
		expect(() => labelUpdate(t, L('a'), { hotkey: '2' })).toThrow(/already used/);
		expect(() => labelUpdate(t, L('a'), { hotkey: 'g' })).toThrow(/taken by the labeling view/);
		expect(() => labelUpdate(t, L('a'), { hotkey: '#' })).toThrow(/not available/);
		expect(() => labelUpdate(t, L('a'), { color: 'red' })).toThrow(/Colours/);
		expect(() => labelUpdate(t, L('a'), { name: '  ' })).toThrow(/needs a name/);
		expect(() => labelUpdate(t, L('zz'), { name: 'x' })).toThrow(/Unknown label/);
	});

	it('toggles single-label values by replacing and multi-label values by adding', () => {
		const single = task();
		expect(labelsToggle(single, [L('a')], L('b'))).toEqual(['b']);
		expect(labelsToggle(single, [L('a')], L('a'))).toEqual([]);
		const multi = { ...task(), multi: true };
		expect(labelsToggle(multi, [L('a')], L('b'))).toEqual(['a', 'b']);
		expect(labelsToggle(multi, [L('a'), L('b')], L('a'))).toEqual(['b']);
	});

	it('finds labels by hotkey, case-insensitively', () => {
		let t = task();
		for (let i = 0; i < 9; i++) t = labelAdd(t, { id: L(`x${i}`), name: `x${i}` });
		expect(labelByHotkey(t, '2')?.id).toBe('b');
		expect(labelByHotkey(t, 'A')?.id).toBe('x6');
		expect(labelByHotkey(t, 'q')).toBeUndefined();
	});
});
