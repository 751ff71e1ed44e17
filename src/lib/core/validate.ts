/**
 * Structural checks for values that arrive from storage, peers or files, before any view sees
 * them (DESIGN.md §3). A value that fails is quarantined by the caller, never trusted.
 */
import type { Annotation, Item, LabelSchema, ProjectSettings } from './types';

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 1e7): v is string => typeof v === 'string' && v.length <= max;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isItem(v: unknown): v is Item {
	if (!isObj(v) || !isStr(v.id, 128) || !isNum(v.seq)) return false;
	if (!['text', 'image', 'audio', 'video', 'multimodal'].includes(v.kind as string)) return false;
	if (v.text !== undefined && !isStr(v.text)) return false;
	if (
		v.meta !== undefined &&
		(!isObj(v.meta) || !Object.values(v.meta).every((x) => isStr(x, 1e6)))
	)
		return false;
	return true;
}

export function isAnnotation(v: unknown): v is Annotation {
	if (!isObj(v) || !isStr(v.item, 128) || !isStr(v.task, 128) || !isStr(v.annotator, 128))
		return false;
	if (v.source !== 'human' && v.source !== 'model') return false;
	if (!isNum(v.savedAt) || !isNum(v.startedAt) || !isNum(v.ms)) return false;
	const value = v.value;
	if (!isObj(value) || value.type !== 'classification') return false;
	return (
		Array.isArray(value.labels) &&
		value.labels.length <= 1000 &&
		value.labels.every((l) => isStr(l, 128))
	);
}

export function isSchema(v: unknown): v is LabelSchema {
	if (!isObj(v) || !Array.isArray(v.tasks)) return false;
	return v.tasks.every(
		(t) =>
			isObj(t) &&
			t.type === 'classification' &&
			isStr(t.id, 128) &&
			isStr(t.name, 1000) &&
			typeof t.multi === 'boolean' &&
			Array.isArray(t.labels) &&
			t.labels.every(
				(l) =>
					isObj(l) &&
					isStr(l.id, 128) &&
					isStr(l.name, 1000) &&
					isStr(l.color, 32) &&
					isStr(l.hotkey, 4)
			)
	);
}

export function isSettings(v: unknown): v is ProjectSettings {
	return (
		isObj(v) &&
		isNum(v.overlap) &&
		isNum(v.consensusThreshold) &&
		isNum(v.goldRate) &&
		typeof v.autoAdvance === 'boolean'
	);
}
