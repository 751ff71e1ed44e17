/**
 * Swipe and long-press on the item: a swipe left goes to the next item, a swipe right goes back,
 * and holding a finger still opens the item's actions (skip, flag). Taps, scrolling, and strokes
 * that begin on a control or on a drawing surface (touch-action: none) are left alone.
 */

export type Swipe = 'next' | 'back';

/** Horizontal travel (CSS px) a stroke needs to count as a swipe. */
export const SWIPE_MIN_PX = 56;
/** How long (ms) a still finger must stay down to count as a long-press. */
export const LONG_PRESS_MS = 500;
/** Travel (CSS px) that still counts as "still" for a long-press. */
const STILL_PX = 10;

/**
 * What a finished stroke means: `next` for a mostly horizontal stroke to the left of at least
 * `SWIPE_MIN_PX`, `back` for one to the right, undefined otherwise (a tap, a scroll, a diagonal).
 */
export function swipeOf(dx: number, dy: number): Swipe | undefined {
	if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < 1.5 * Math.abs(dy)) return undefined;
	return dx < 0 ? 'next' : 'back';
}

const CONTROLS =
	'button, a, input, textarea, select, audio, video, [contenteditable], [role="slider"]';

/** Whether a stroke that starts on `target` belongs to something else inside `root`. */
function ownedElsewhere(target: Element, root: Element): boolean {
	if (target.closest(CONTROLS)) return true;
	for (let el: Element | null = target; el && el !== root; el = el.parentElement)
		if (getComputedStyle(el).touchAction === 'none') return true;
	return false;
}

/**
 * An attachment for the item's area: calls `onSwipe` for a swipe and `onLongPress` for a long
 * press, from touch or pen (a mouse keeps its clicks and selections).
 */
export function gestures(opts: {
	onSwipe: (s: Swipe) => void;
	onLongPress: () => void;
}): (el: HTMLElement) => () => void {
	return (el) => {
		let start: { id: number; x: number; y: number } | undefined;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const stopTimer = () => {
			clearTimeout(timer);
			timer = undefined;
		};
		const down = (e: PointerEvent) => {
			if (e.pointerType === 'mouse' || !e.isPrimary) return;
			if (e.target instanceof Element && ownedElsewhere(e.target, el)) return;
			start = { id: e.pointerId, x: e.clientX, y: e.clientY };
			timer = setTimeout(() => {
				timer = undefined;
				start = undefined;
				opts.onLongPress();
			}, LONG_PRESS_MS);
		};
		const move = (e: PointerEvent) => {
			if (!start || e.pointerId !== start.id || !timer) return;
			if (Math.hypot(e.clientX - start.x, e.clientY - start.y) > STILL_PX) stopTimer();
		};
		const up = (e: PointerEvent) => {
			if (!start || e.pointerId !== start.id) return;
			stopTimer();
			const s = swipeOf(e.clientX - start.x, e.clientY - start.y);
			start = undefined;
			if (s) opts.onSwipe(s);
		};
		const cancel = () => {
			stopTimer();
			start = undefined;
		};
		// A long-press on a phone also asks for the context menu; ours replaces it.
		const menu = (e: Event) => {
			if (e.target instanceof Element && ownedElsewhere(e.target, el)) return;
			e.preventDefault();
		};
		el.addEventListener('pointerdown', down);
		el.addEventListener('pointermove', move);
		el.addEventListener('pointerup', up);
		el.addEventListener('pointercancel', cancel);
		el.addEventListener('contextmenu', menu);
		return () => {
			cancel();
			el.removeEventListener('pointerdown', down);
			el.removeEventListener('pointermove', move);
			el.removeEventListener('pointerup', up);
			el.removeEventListener('pointercancel', cancel);
			el.removeEventListener('contextmenu', menu);
		};
	};
}
