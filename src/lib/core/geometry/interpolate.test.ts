import { describe, expect, it } from 'vitest';
import type { TrackKeyframe } from '../types';
import { keyframeDelete, keyframeSet, trackBoxAt } from './interpolate';

const kf = (frame: number, x: number, extra: Partial<TrackKeyframe> = {}): TrackKeyframe => ({
	frame,
	x,
	y: 0,
	w: 10,
	h: 10,
	...extra
});

describe('track interpolation', () => {
	const track = [kf(0, 0), kf(10, 100, { w: 30 }), kf(20, 100, { outside: true }), kf(30, 50)];

	it('returns keyframes as they are', () => {
		expect(trackBoxAt(track, 10)).toEqual({ x: 100, y: 0, w: 30, h: 10, keyframe: true });
	});

	it('interpolates linearly between keyframes', () => {
		expect(trackBoxAt(track, 5)).toEqual({ x: 50, y: 0, w: 20, h: 10, keyframe: false });
		expect(trackBoxAt(track, 1)?.x).toBeCloseTo(10);
	});

	it('hides the box before the first keyframe and after an outside keyframe', () => {
		expect(trackBoxAt(track.slice(1), 3)).toBeUndefined();
		expect(trackBoxAt(track, 25)).toBeUndefined();
		// Between 10 and 20 it moves towards the outside keyframe's box.
		expect(trackBoxAt(track, 15)?.x).toBe(100);
	});

	it('holds the last keyframe', () => {
		expect(trackBoxAt(track, 1000)).toEqual({ x: 50, y: 0, w: 10, h: 10, keyframe: false });
	});

	it('sets and deletes keyframes keeping them sorted', () => {
		const t = keyframeSet(track, kf(15, 7));
		expect(t.map((k) => k.frame)).toEqual([0, 10, 15, 20, 30]);
		expect(keyframeSet(t, kf(15, 9)).filter((k) => k.frame === 15)).toEqual([kf(15, 9)]);
		expect(keyframeDelete(t, 15)).toEqual(track);
	});
});
