/**
 * An attachment for a drawing surface: its touches draw, and the browser makes no gesture of them.
 * With `touch-action: none` alone, Chromium can still turn a fast stroke into a fling; the next
 * tap anywhere then only stops that fling and fires no click (a tap on "Next frame" right after
 * drawing a track was lost this way, in the tracks e2e on a phone). Cancelling the touch events
 * themselves (non-passive listeners) ends that; pointer events, which draw, still fire.
 */
export function touchOwn(el: Element): () => void {
	const cancel = (e: Event) => {
		if (e.cancelable) e.preventDefault();
	};
	const opts = { passive: false } as const;
	el.addEventListener('touchstart', cancel, opts);
	el.addEventListener('touchmove', cancel, opts);
	return () => {
		el.removeEventListener('touchstart', cancel);
		el.removeEventListener('touchmove', cancel);
	};
}
