import { describe, expect, it } from 'vitest';
import type { LabelId, Track } from '../types';
import {
	trackBoxSet,
	trackHasKeyframe,
	trackKeyframeDelete,
	trackKeyframeNear,
	trackNew,
	trackOutsideSet,
	tracksAt
} from './tracks';

const car = 'car' as LabelId;
const box = (x: number) => ({ x, y: 10, w: 20, h: 20 });

describe('box tracks', () => {
	const start = trackNew({ id: 't1', label: car, frame: 5, box: box(0) });

	it('starts at its first frame and holds its box after the last keyframe', () => {
		expect(tracksAt([start], 4)).toEqual([]);
		expect(tracksAt([start], 5)[0]).toMatchObject({ box: box(0), keyframe: true });
		expect(tracksAt([start], 50)[0]).toMatchObject({ box: box(0), keyframe: false });
	});

	it('interpolates between keyframes set by an edit', () => {
		const t = trackBoxSet(start, 15, box(100));
		expect(t.keyframes.map((k) => k.frame)).toEqual([5, 15]);
		expect(tracksAt([t], 10)[0]?.box.x).toBe(50);
		expect(trackHasKeyframe(t, 15)).toBe(true);
		expect(trackHasKeyframe(t, 10)).toBe(false);
		// Editing an interpolated box makes a keyframe in the middle.
		const mid = trackBoxSet(t, 10, box(20));
		expect(mid.keyframes.map((k) => k.frame)).toEqual([5, 10, 15]);
		expect(tracksAt([mid], 8)[0]?.box.x).toBeCloseTo(12);
	});

	it('ends at an outside keyframe until the next keyframe', () => {
		const t = trackOutsideSet(trackBoxSet(start, 15, box(100)), 10);
		expect(t.keyframes[1]).toEqual({ frame: 10, ...box(50), outside: true });
		expect(tracksAt([t], 9)).toHaveLength(1);
		expect(tracksAt([t], 10)).toEqual([]);
		expect(tracksAt([t], 14)).toEqual([]);
		expect(tracksAt([t], 15)[0]?.box.x).toBe(100);
		// A box set on an outside frame brings the track back.
		expect(tracksAt([trackBoxSet(t, 12, box(70))], 12)).toHaveLength(1);
		// Nothing shown, nothing to mark.
		expect(trackOutsideSet(start, 2)).toBe(start);
	});

	it('deletes keyframes, and the track with its last shown one', () => {
		const t = trackBoxSet(start, 15, box(100));
		expect(trackKeyframeDelete(t, 15)?.keyframes).toHaveLength(1);
		expect(trackKeyframeDelete(start, 5)).toBeUndefined();
		expect(trackKeyframeDelete(trackOutsideSet(start, 9), 5)).toBeUndefined();
	});

	it('finds the keyframe before and after a frame', () => {
		const t = trackBoxSet(trackBoxSet(start, 15, box(100)), 30, box(0));
		expect(trackKeyframeNear(t, 15, 1)).toBe(30);
		expect(trackKeyframeNear(t, 15, -1)).toBe(5);
		expect(trackKeyframeNear(t, 16, -1)).toBe(15);
		expect(trackKeyframeNear(t, 30, 1)).toBeUndefined();
		expect(trackKeyframeNear(t, 5, -1)).toBeUndefined();
	});

	it('never mutates its input', () => {
		const frozen: Track = structuredClone(start);
		trackBoxSet(start, 9, box(3));
		trackOutsideSet(start, 9);
		expect(start).toEqual(frozen);
	});
});
