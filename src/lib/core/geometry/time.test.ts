import { describe, expect, it } from 'vitest';
import {
	fpsDiffers,
	fpsFromFrameTimes,
	frameCount,
	frameSeekTime,
	frameToTime,
	segmentFrom,
	segmentsAt,
	timeFormat,
	timeToFrame
} from './time';
import type { LabelId } from '../types';

describe('time and frames', () => {
	it('maps times to frames and back', () => {
		expect(timeToFrame(0, 25)).toBe(0);
		expect(timeToFrame(0.04, 25)).toBe(1);
		expect(timeToFrame(0.0399, 25)).toBe(0);
		expect(timeToFrame(1, 30)).toBe(30);
		expect(timeToFrame(-1, 30)).toBe(0);
		expect(frameToTime(30, 30)).toBe(1);
		for (let n = 0; n < 2000; n++) {
			expect(timeToFrame(frameToTime(n, 29.97), 29.97)).toBe(n);
			expect(timeToFrame(frameSeekTime(n, 29.97), 29.97)).toBe(n);
		}
	});

	it('counts frames and formats times', () => {
		expect(frameCount(60, 30)).toBe(1800);
		expect(frameCount(0, 30)).toBe(0);
		expect(timeFormat(61.5)).toBe('1:01.500');
		expect(timeFormat(3725.004)).toBe('1:02:05.004');
	});

	it('orders and clamps segments and finds those at a time', () => {
		expect(segmentFrom(5, 2, 4)).toEqual({ start: 2, end: 4 });
		const segs = [
			{ id: 'a', start: 0, end: 2, label: 'x' as LabelId },
			{ id: 'b', start: 1, end: 3, label: 'y' as LabelId }
		];
		expect(segmentsAt(segs, 1.5).map((s) => s.id)).toEqual(['a', 'b']);
		expect(segmentsAt(segs, 2).map((s) => s.id)).toEqual(['b']);
	});
});

describe('frame rate from presented frames', () => {
	it('reads the rate from repeated one-frame gaps when a busy device drops most frames', () => {
		// 25 fps, but only frames 0, 2, 4, 7, 9, 10, 12, 15, 16 were presented.
		const t = [0, 2, 4, 7, 9, 10, 12, 15, 16].map((f) => f / 25);
		expect(fpsFromFrameTimes(t)).toBe(25);
		// One stray short gap (a repeated timestamp's neighbour) does not set the rate.
		const s = [0, 0.01, 0.05, 0.09, 0.13, 0.17, 0.21];
		expect(fpsFromFrameTimes(s)).toBe(25);
	});

	it('takes one over the median gap, ignoring a dropped frame', () => {
		const t = [0, 1 / 30, 2 / 30, 4 / 30, 5 / 30, 6 / 30, 7 / 30];
		expect(fpsFromFrameTimes(t)).toBe(30);
		expect(fpsFromFrameTimes([0, 0.04, 0.08])).toBeUndefined();
	});

	it('warns only past 5%', () => {
		expect(fpsDiffers(25, 30)).toBe(true);
		expect(fpsDiffers(30, 29.97)).toBe(false);
		expect(fpsDiffers(25, 24.4)).toBe(false);
	});
});
