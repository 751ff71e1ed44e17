import { describe, expect, it } from 'vitest';
import { SWIPE_MIN_PX, swipeOf } from './gestures';

describe('swipeOf', () => {
	it('reads a stroke to the left as next and to the right as back', () => {
		expect(swipeOf(-120, 10)).toBe('next');
		expect(swipeOf(120, -10)).toBe('back');
	});

	it('ignores taps and short strokes', () => {
		expect(swipeOf(0, 0)).toBeUndefined();
		expect(swipeOf(-(SWIPE_MIN_PX - 1), 0)).toBeUndefined();
	});

	it('leaves vertical and diagonal strokes to scrolling', () => {
		expect(swipeOf(-80, 200)).toBeUndefined();
		expect(swipeOf(90, 70)).toBeUndefined();
	});
});
