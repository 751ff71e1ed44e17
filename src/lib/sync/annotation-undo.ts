/** Undo and redo of this device's own annotation edits, one step per LOCAL transaction. */
import * as Y from 'yjs';
import { annotationKeyParse, type ItemId } from '$lib/core/types';
import { ORIGIN, type ProjectDoc } from './doc';

/** Undo and redo of this device's own annotation edits (LOCAL origin). */
export interface AnnotationUndo {
	undo(): void;
	redo(): void;
	canUndo(): boolean;
	canRedo(): boolean;
	/** Calls `fn` when the stacks change; `item` is the item a popped step brings back. */
	onChange(fn: (popped: ItemId | undefined) => void): void;
	destroy(): void;
}

export function annotationUndoFrom(p: ProjectDoc): AnnotationUndo {
	const um = new Y.UndoManager(p.annotations, {
		trackedOrigins: new Set([ORIGIN.LOCAL]),
		captureTimeout: 0
	});
	const fns: ((popped: ItemId | undefined) => void)[] = [];
	um.on('stack-item-added', (e) => {
		for (const events of e.changedParentTypes.values())
			for (const ev of events)
				for (const key of (ev as { keysChanged?: Set<string> }).keysChanged ?? []) {
					const parsed = annotationKeyParse(key);
					if (parsed) e.stackItem.meta.set('item', parsed.item);
				}
		for (const fn of fns) fn(undefined);
	});
	um.on('stack-item-popped', (e) => {
		const item = e.stackItem.meta.get('item');
		for (const fn of fns) fn(typeof item === 'string' ? (item as ItemId) : undefined);
	});
	return {
		undo: () => void um.undo(),
		redo: () => void um.redo(),
		canUndo: () => um.canUndo(),
		canRedo: () => um.canRedo(),
		onChange: (fn) => void fns.push(fn),
		destroy: () => um.destroy()
	};
}
