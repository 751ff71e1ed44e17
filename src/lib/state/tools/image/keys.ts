/**
 * The image canvas's keys: arrows move the selection (Shift: ten times, or resize a box), Delete
 * removes the last polygon point or the selection, Escape drops what is under way, Enter finishes
 * a shape, N adds a region at the centre, E switches draw and edit mode, Tab selects the next
 * region, [ and ] rotate a box, V toggles a keypoint's visibility, a label's hotkey picks it.
 */
import { labelByHotkey } from '$lib/core/schema';
import type { Point } from '$lib/core/types';
import type { ImageEditor } from '../image-editor.svelte';

export interface KeyPress {
	key: string;
	shiftKey: boolean;
	ctrlKey: boolean;
	altKey: boolean;
	metaKey: boolean;
}

const ARROWS: Record<string, Point> = {
	ArrowLeft: [-1, 0],
	ArrowRight: [1, 0],
	ArrowUp: [0, -1],
	ArrowDown: [0, 1]
};

/** Applies key `e` to `ed`; `center` is the view's centre, `step` one screen pixel (image px). */
export function imageKey(ed: ImageEditor, e: KeyPress, center: Point, step: number): boolean {
	if (e.ctrlKey || e.metaKey || e.altKey) return false;
	const t = ed.task;
	const k = e.key;
	const dir = ARROWS[k];
	if (dir && ed.selected) {
		const resize = e.shiftKey && t?.type === 'boxes';
		const d = step * (resize || !e.shiftKey ? 1 : 10);
		ed.nudge(dir[0] * d, dir[1] * d, resize);
		return true;
	}
	if ((k === 'Delete' || k === 'Backspace') && ed.path.length) {
		ed.pathBack();
		return true;
	}
	if ((k === 'Delete' || k === 'Backspace') && ed.selected) {
		ed.remove();
		return true;
	}
	if (k === 'Escape') {
		ed.escape();
		return true;
	}
	if (k === 'Enter' && ed.path.length) {
		ed.finish();
		return true;
	}
	if (k === 'n' || k === 'N') {
		if (t?.type === 'boxes') ed.boxAddAt(center, step * 40);
		else ed.pointAdd(center);
		return true;
	}
	if (k === 'e' || k === 'E') {
		ed.modeToggle();
		return true;
	}
	if (k === 'Tab' && !e.shiftKey && t) {
		const list = ed.regions(t);
		if (!list.length) return false;
		const i = list.findIndex((r) => r.id === ed.selected);
		if (i === list.length - 1) return false;
		ed.select(list[i + 1]?.id);
		return true;
	}
	if (k === '[' || k === ']') {
		ed.rotate(k === ']' ? 5 : -5);
		return true;
	}
	if (k === 'v' || k === 'V') {
		ed.visibilityToggle();
		return true;
	}
	const label = t && labelByHotkey(t, k);
	if (!label) return false;
	ed.labelSet(label.id);
	return true;
}
